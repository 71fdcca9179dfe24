-- Duizhao: inviting people by email, with or without an account, and changing roles cleanly.
--
-- invite_member adds a confirmed account at once; any other address gets a pending invitation in
-- project_invitations (owners see and revoke them). The invitation becomes a membership, exactly
-- once, when an account with that address exists and its email is confirmed: on sign-up (a trigger
-- on auth.users), on confirming the address, or when its owner calls accept_invitations after
-- signing in. The invitation email itself is sent through Supabase Auth's /auth/v1/invite by the
-- send-invitation function (supabase/functions), which holds the service key; never by the browser.

create table public.project_invitations (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  email text not null check (
    email = lower(btrim(email)) and char_length(email) <= 320 and email ~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$'),
  role text not null check (role in ('owner', 'translator', 'researcher', 'reviewer')),
  invited_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  -- When the invitation email last went out through Supabase Auth (null: not sent, the invitation still works).
  email_sent_at timestamptz,
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null
);
comment on table public.project_invitations is 'Invitations by email to a project in a role; pending until an account with that confirmed address takes them, once. Owners of the project see and revoke them.';
create unique index project_invitations_pending_key on public.project_invitations (project_id, email, role) where accepted_at is null;
create index project_invitations_email_idx on public.project_invitations (email) where accepted_at is null;
create index project_invitations_invited_by_idx on public.project_invitations (invited_by);
create index project_invitations_accepted_by_idx on public.project_invitations (accepted_by);

alter table public.project_invitations enable row level security;

create policy "project_invitations: owners read" on public.project_invitations
  for select to authenticated
  using (private.has_role(project_id, array['owner']));

-- Revoking a pending invitation deletes it; accepted ones stay as the record of who came in how.
create policy "project_invitations: owners revoke" on public.project_invitations
  for delete to authenticated
  using (private.has_role(project_id, array['owner']) and accepted_at is null);

-- Invitations are written by invite_member and accept_invitations only.
revoke insert, update, truncate on public.project_invitations from anon, authenticated;

-- ─── acceptance ───────────────────────────────────────────────────────────────────────────────

-- Takes every pending invitation for the user's confirmed address; the row lock and the
-- accepted_at test make each one count once, however many paths race to it.
create function private.accept_invitations_for(p_user_id uuid)
returns setof public.project_invitations
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_email text;
  v_invitation public.project_invitations;
  v_added int;
begin
  select lower(u.email) into v_email
  from auth.users u
  where u.id = p_user_id and u.email_confirmed_at is not null and u.deleted_at is null;
  if v_email is null then
    return;
  end if;
  for v_invitation in
    select i.* from public.project_invitations i
    where i.email = v_email and i.accepted_at is null
    order by i.created_at
    for update
  loop
    insert into public.project_members (project_id, user_id, role)
    values (v_invitation.project_id, p_user_id, v_invitation.role)
    on conflict do nothing;
    get diagnostics v_added = row_count;
    update public.project_invitations i
       set accepted_at = now(), accepted_by = p_user_id
     where i.id = v_invitation.id
    returning i.* into v_invitation;
    if v_added > 0 then
      insert into public.notifications (user_id, kind, project_id, actor_id, role)
      values (p_user_id, 'member_added', v_invitation.project_id, v_invitation.invited_by, v_invitation.role);
    end if;
    if v_invitation.invited_by is not null and v_invitation.invited_by <> p_user_id then
      insert into public.notifications (user_id, kind, project_id, actor_id, role)
      values (v_invitation.invited_by, 'invitation_accepted', v_invitation.project_id, p_user_id, v_invitation.role);
    end if;
    return next v_invitation;
  end loop;
end
$$;
revoke all on function private.accept_invitations_for(uuid) from public;

create function private.accept_invitations_on_confirmed_email()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' or old.email_confirmed_at is null or old.email is distinct from new.email then
    perform private.accept_invitations_for(new.id);
  end if;
  return null;
end
$$;
revoke all on function private.accept_invitations_on_confirmed_email() from public;

create trigger on_auth_user_created_accept_invitations
  after insert on auth.users
  for each row when (new.email_confirmed_at is not null)
  execute function private.accept_invitations_on_confirmed_email();

create trigger on_auth_user_confirmed_accept_invitations
  after update of email, email_confirmed_at on auth.users
  for each row when (new.email_confirmed_at is not null)
  execute function private.accept_invitations_on_confirmed_email();

create function public.accept_invitations()
returns setof public.project_invitations
language plpgsql
security definer
set search_path = ''
as $$
begin
  if (select auth.uid()) is null then
    raise exception 'sign in to accept invitations' using errcode = '42501';
  end if;
  return query select * from private.accept_invitations_for((select auth.uid()));
end
$$;
comment on function public.accept_invitations() is
  'Turns the pending invitations for the signed-in user''s confirmed email into memberships (each once); returns the invitations accepted now.';
revoke all on function public.accept_invitations() from public, anon;
grant execute on function public.accept_invitations() to authenticated, service_role;

-- ─── inviting ─────────────────────────────────────────────────────────────────────────────────

create function public.invite_member(p_project_id uuid, p_email text, p_role text)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_email text := lower(btrim(p_email));
  v_user_id uuid;
  v_invitation public.project_invitations;
  v_added int;
begin
  if v_uid is null or not private.has_role(p_project_id, array['owner']) then
    raise exception 'only project owners invite members' using errcode = '42501';
  end if;
  if p_role is null or p_role not in ('owner', 'translator', 'researcher', 'reviewer') then
    raise exception 'the role is owner, translator, researcher or reviewer' using errcode = '22023';
  end if;
  if v_email is null or char_length(v_email) > 320 or v_email !~ '^[^@[:space:]]+@[^@[:space:]]+\.[^@[:space:]]+$' then
    raise exception '% is not an email address', coalesce(p_email, 'null') using errcode = '22023';
  end if;

  select u.id into v_user_id
  from auth.users u
  where lower(u.email) = v_email and u.deleted_at is null and u.email_confirmed_at is not null
  limit 1;

  if v_user_id is not null then
    insert into public.project_members (project_id, user_id, role)
    values (p_project_id, v_user_id, p_role)
    on conflict do nothing;
    get diagnostics v_added = row_count;
    return jsonb_build_object('status', 'added', 'user_id', v_user_id, 'email', v_email, 'role', p_role, 'already', v_added = 0);
  end if;

  insert into public.project_invitations (project_id, email, role, invited_by)
  values (p_project_id, v_email, p_role, v_uid)
  on conflict (project_id, email, role) where accepted_at is null do nothing
  returning * into v_invitation;
  if v_invitation.id is null then
    select i.* into v_invitation
    from public.project_invitations i
    where i.project_id = p_project_id and i.email = v_email and i.role = p_role and i.accepted_at is null;
    return jsonb_build_object('status', 'invited', 'invitation_id', v_invitation.id, 'email', v_email, 'role', p_role, 'already', true);
  end if;
  return jsonb_build_object('status', 'invited', 'invitation_id', v_invitation.id, 'email', v_email, 'role', p_role, 'already', false);
end
$$;
comment on function public.invite_member(uuid, text, text) is
  'Owner invites an email in a role: a confirmed account is added at once ({status: added, user_id}); any other address gets a pending invitation ({status: invited, invitation_id}). Idempotent ({already: true}).';
revoke all on function public.invite_member(uuid, text, text) from public, anon;
grant execute on function public.invite_member(uuid, text, text) to authenticated, service_role;

-- ─── roles ────────────────────────────────────────────────────────────────────────────────────

-- Moving a member from one role to another in one step: when they already hold the new role the
-- old row simply goes, so a role change never leaves two rows (or a conflict) behind.
create function public.set_member_role(p_project_id uuid, p_user_id uuid, p_from text, p_to text)
returns setof public.project_members
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
begin
  if v_uid is null or not private.has_role(p_project_id, array['owner']) then
    raise exception 'only project owners change roles' using errcode = '42501';
  end if;
  if p_to is null or p_to not in ('owner', 'translator', 'researcher', 'reviewer') then
    raise exception 'the role is owner, translator, researcher or reviewer' using errcode = '22023';
  end if;
  perform 1 from public.project_members m
  where m.project_id = p_project_id and m.user_id = p_user_id and m.role = p_from
  for update;
  if not found then
    raise exception 'this member does not hold the role %', coalesce(p_from, 'null') using errcode = 'PT404';
  end if;

  if p_from <> p_to then
    if exists (select 1 from public.project_members m where m.project_id = p_project_id and m.user_id = p_user_id and m.role = p_to) then
      delete from public.project_members m where m.project_id = p_project_id and m.user_id = p_user_id and m.role = p_from;
      if p_user_id <> v_uid then
        insert into public.notifications (user_id, kind, project_id, actor_id, role, previous_role)
        values (p_user_id, 'role_changed', p_project_id, v_uid, p_to, p_from);
      end if;
    else
      update public.project_members m set role = p_to
      where m.project_id = p_project_id and m.user_id = p_user_id and m.role = p_from;
    end if;
  end if;

  return query
    select m.* from public.project_members m
    where m.project_id = p_project_id and m.user_id = p_user_id
    order by m.role;
end
$$;
comment on function public.set_member_role(uuid, uuid, text, text) is
  'Owner moves a member from role p_from to p_to (merging when they already hold p_to); returns the member''s roles afterwards.';
revoke all on function public.set_member_role(uuid, uuid, text, text) from public, anon;
grant execute on function public.set_member_role(uuid, uuid, text, text) to authenticated, service_role;
