-- Duizhao: profiles, projects and project membership, plus the private helpers every policy uses.
-- Roles live in public.project_members and nowhere else (never in user_metadata, which users can edit).
-- Runs unchanged on hosted Supabase (PostgreSQL 15+) and on the local server (PGlite, PostgreSQL 18).

create schema if not exists private;
comment on schema private is 'Duizhao internals: security-definer helpers and trigger functions; never exposed through the API.';
revoke all on schema private from public;
-- Policies and security-invoker views call the helpers with the caller's privileges.
grant usage on schema private to anon, authenticated, service_role;

-- ─── tables ───────────────────────────────────────────────────────────────────────────────────

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  display_name text check (display_name is null or char_length(display_name) between 1 and 200),
  email text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.profiles is 'One row per auth user, created by a trigger on auth.users; visible to oneself and to members of a shared project.';

create table public.projects (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(btrim(name)) between 1 and 200),
  description text,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.projects is 'A workspace of documents shared by its members; its creator becomes an owner.';
create index projects_created_by_idx on public.projects (created_by);

create table public.project_members (
  project_id uuid not null references public.projects (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role text not null check (role in ('owner', 'translator', 'researcher', 'reviewer')),
  created_at timestamptz not null default now(),
  primary key (project_id, user_id, role)
);
comment on table public.project_members is 'Who holds which role in a project; one row per (project, user, role), so a user may hold several roles.';
create index project_members_user_id_idx on public.project_members (user_id, project_id);

alter table public.profiles enable row level security;
alter table public.projects enable row level security;
alter table public.project_members enable row level security;

-- ─── helpers (security definer: they read project_members without recursing into its policies) ─

create function private.has_role(p_project_id uuid, p_roles text[])
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.project_members m
    where m.project_id = p_project_id
      and m.user_id = (select auth.uid())
      and m.role = any (p_roles)
  )
$$;
comment on function private.has_role(uuid, text[]) is 'True when the signed-in user holds one of the roles in the project.';

create function private.is_member(p_project_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.project_members m
    where m.project_id = p_project_id
      and m.user_id = (select auth.uid())
  )
$$;
comment on function private.is_member(uuid) is 'True when the signed-in user holds any role in the project.';

create function private.has_members(p_project_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (select 1 from public.project_members m where m.project_id = p_project_id)
$$;
comment on function private.has_members(uuid) is 'True once a project has members; before that only its creator may read it (INSERT … RETURNING).';

create function private.shares_project(p_user_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.project_members mine
    join public.project_members theirs on theirs.project_id = mine.project_id
    where mine.user_id = (select auth.uid())
      and theirs.user_id = p_user_id
  )
$$;
comment on function private.shares_project(uuid) is 'True when the signed-in user and p_user_id are members of a common project.';

-- Read policies test `project_id in (select private.member_project_ids())`: the set is computed once
-- per statement (an init plan), where a per-row helper call would run once for every row read.
create function private.member_project_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select distinct m.project_id from public.project_members m where m.user_id = (select auth.uid())
$$;
comment on function private.member_project_ids() is 'The projects the signed-in user belongs to, in any role.';

revoke all on function private.has_role(uuid, text[]), private.is_member(uuid), private.has_members(uuid),
  private.shares_project(uuid), private.member_project_ids() from public;
grant execute on function private.has_role(uuid, text[]), private.is_member(uuid), private.has_members(uuid),
  private.shares_project(uuid), private.member_project_ids() to anon, authenticated, service_role;

-- ─── triggers ─────────────────────────────────────────────────────────────────────────────────

create function private.touch_updated_at()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create function private.handle_new_user()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.profiles (id, display_name, email)
  values (
    new.id,
    coalesce(nullif(btrim(new.raw_user_meta_data ->> 'display_name'), ''), nullif(split_part(new.email, '@', 1), '')),
    new.email
  )
  on conflict (id) do nothing;
  return new;
end
$$;

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function private.handle_new_user();

create function private.handle_user_email_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  update public.profiles set email = new.email where id = new.id;
  return new;
end
$$;

create trigger on_auth_user_email_changed
  after update of email on auth.users
  for each row when (old.email is distinct from new.email)
  execute function private.handle_user_email_change();

create trigger profiles_touch_updated_at
  before update on public.profiles
  for each row execute function private.touch_updated_at();

create function private.projects_before_write()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    -- The creator is whoever is signed in, never what the client claims.
    new.created_by := coalesce((select auth.uid()), new.created_by);
    new.created_at := now();
  elsif pg_trigger_depth() > 1 then
    -- a foreign-key action (the creator's account deleted: created_by set null)
    return new;
  else
    new.id := old.id;
    new.created_by := old.created_by;
    new.created_at := old.created_at;
  end if;
  new.updated_at := now();
  return new;
end
$$;

create trigger projects_before_write
  before insert or update on public.projects
  for each row execute function private.projects_before_write();

create function private.add_creator_as_owner()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.created_by is not null then
    insert into public.project_members (project_id, user_id, role)
    values (new.id, new.created_by, 'owner')
    on conflict do nothing;
  end if;
  return null;
end
$$;

create trigger projects_add_creator_as_owner
  after insert on public.projects
  for each row execute function private.add_creator_as_owner();

create function private.project_members_before_update()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.project_id is distinct from old.project_id or new.user_id is distinct from old.user_id then
    raise exception 'a membership changes its role only; remove it and add another for a different project or user'
      using errcode = '42501';
  end if;
  new.created_at := old.created_at;
  return new;
end
$$;

create trigger project_members_before_update
  before update on public.project_members
  for each row execute function private.project_members_before_update();

create function private.keep_an_owner()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  -- Skipped when the project or the user is being deleted: those cascades end the membership anyway.
  if old.role = 'owner'
     and (tg_op = 'DELETE' or new.role <> 'owner')
     and exists (select 1 from public.projects p where p.id = old.project_id)
     and exists (select 1 from auth.users u where u.id = old.user_id)
     and not exists (select 1 from public.project_members m where m.project_id = old.project_id and m.role = 'owner')
  then
    raise exception 'a project must keep at least one owner' using errcode = '23514';
  end if;
  return null;
end
$$;

create trigger project_members_keep_an_owner
  after update or delete on public.project_members
  for each row execute function private.keep_an_owner();

revoke all on function private.touch_updated_at(), private.handle_new_user(), private.handle_user_email_change(),
  private.projects_before_write(), private.add_creator_as_owner(), private.project_members_before_update(),
  private.keep_an_owner() from public;

-- ─── policies ─────────────────────────────────────────────────────────────────────────────────

create policy "profiles: read own and co-members" on public.profiles
  for select to authenticated
  using (id = (select auth.uid()) or private.shares_project(id));

create policy "profiles: update own" on public.profiles
  for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));

-- Only display_name is writable by its owner; email follows auth.users, the rest is fixed.
revoke insert, update, delete, truncate on public.profiles from anon, authenticated;
grant update (display_name) on public.profiles to authenticated;

create policy "projects: members read" on public.projects
  for select to authenticated
  using (
    id in (select private.member_project_ids())
    -- lets the creator read the row back from INSERT … RETURNING, before the owner row exists
    or (created_by = (select auth.uid()) and not private.has_members(id))
  );

create policy "projects: signed-in users create" on public.projects
  for insert to authenticated
  with check (created_by = (select auth.uid()));

create policy "projects: owners update" on public.projects
  for update to authenticated
  using (private.has_role(id, array['owner']))
  with check (private.has_role(id, array['owner']));

create policy "projects: owners delete" on public.projects
  for delete to authenticated
  using (private.has_role(id, array['owner']));

create policy "project_members: members read" on public.project_members
  for select to authenticated
  using (project_id in (select private.member_project_ids()));

-- Owners manage every membership of their projects, their own included (an owner already holds
-- every right in the project, so this grants nothing new); nobody else can change any role,
-- their own included. keep_an_owner stops the last owner from leaving or being demoted.
create policy "project_members: owners add" on public.project_members
  for insert to authenticated
  with check (private.has_role(project_id, array['owner']));

create policy "project_members: owners change roles" on public.project_members
  for update to authenticated
  using (private.has_role(project_id, array['owner']))
  with check (private.has_role(project_id, array['owner']));

create policy "project_members: owners remove" on public.project_members
  for delete to authenticated
  using (private.has_role(project_id, array['owner']));

revoke truncate on public.projects, public.project_members from anon, authenticated;

-- ─── RPC ──────────────────────────────────────────────────────────────────────────────────────

-- Owners invite by email: they cannot read the profiles of users outside their projects.
create function public.add_project_member(p_project_id uuid, p_email text, p_role text)
returns public.project_members
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_user_id uuid;
  v_member public.project_members;
begin
  if (select auth.uid()) is null or not private.has_role(p_project_id, array['owner']) then
    raise exception 'only project owners manage members' using errcode = '42501';
  end if;
  select u.id into v_user_id
  from auth.users u
  where lower(u.email) = lower(btrim(p_email)) and u.deleted_at is null
  limit 1;
  if v_user_id is null then
    raise exception 'no user with email %', p_email using errcode = 'PT404';
  end if;
  insert into public.project_members (project_id, user_id, role)
  values (p_project_id, v_user_id, p_role)
  on conflict do nothing;
  select m.* into v_member
  from public.project_members m
  where m.project_id = p_project_id and m.user_id = v_user_id and m.role = p_role;
  return v_member;
end
$$;
comment on function public.add_project_member(uuid, text, text) is 'Owner adds the user with this email to the project in a role.';
revoke all on function public.add_project_member(uuid, text, text) from public, anon;
grant execute on function public.add_project_member(uuid, text, text) to authenticated, service_role;
