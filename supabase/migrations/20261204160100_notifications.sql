-- Duizhao: notifications. Triggers write one row per recipient when their note or translation is
-- approved or rejected (or the decision undone), when someone replies in a thread they are part of,
-- when they are added to a project or their role changes, and when an invitation they sent is
-- accepted. Each user reads, marks read and dismisses only their own.

create table public.notifications (
  id bigint generated always as identity primary key,
  user_id uuid not null references auth.users (id) on delete cascade,
  kind text not null check (kind in (
    'annotation_approved', 'annotation_rejected', 'translation_approved', 'translation_rejected', 'review_undone',
    'reply', 'member_added', 'role_changed', 'invitation_accepted')),
  project_id uuid not null references public.projects (id) on delete cascade,
  document_id uuid references public.documents (id) on delete cascade,
  paragraph_id uuid references public.paragraphs (id) on delete cascade,
  annotation_id uuid references public.annotations (id) on delete cascade,
  translation_id uuid references public.translations (id) on delete cascade,
  reply_id uuid references public.annotation_replies (id) on delete cascade,
  review_event_id bigint references public.review_events (id) on delete cascade,
  -- Who acted; a profile, so readers can embed the name (profiles follow auth.users one to one).
  actor_id uuid references public.profiles (id) on delete set null,
  -- The role granted (member_added, role_changed, invitation_accepted) and the one it replaced.
  role text check (role is null or role in ('owner', 'translator', 'researcher', 'reviewer')),
  previous_role text check (previous_role is null or previous_role in ('owner', 'translator', 'researcher', 'reviewer')),
  -- The review comment or the start of the reply, as it was when the notification was written.
  excerpt text,
  read_at timestamptz,
  created_at timestamptz not null default now()
);
comment on table public.notifications is 'What happened to a user''s work and memberships, one row per recipient, written by triggers; each user reads and marks only their own.';
create index notifications_user_id_created_at_idx on public.notifications (user_id, created_at desc);
create index notifications_unread_idx on public.notifications (user_id) where read_at is null;
create index notifications_project_id_idx on public.notifications (project_id);
create index notifications_document_id_idx on public.notifications (document_id);
create index notifications_paragraph_id_idx on public.notifications (paragraph_id);
create index notifications_annotation_id_idx on public.notifications (annotation_id);
create index notifications_translation_id_idx on public.notifications (translation_id);
create index notifications_reply_id_idx on public.notifications (reply_id);
create index notifications_review_event_id_idx on public.notifications (review_event_id);
create index notifications_actor_id_idx on public.notifications (actor_id);

alter table public.notifications enable row level security;

create policy "notifications: read own" on public.notifications
  for select to authenticated
  using (user_id = (select auth.uid()));

create policy "notifications: mark own" on public.notifications
  for update to authenticated
  using (user_id = (select auth.uid()))
  with check (user_id = (select auth.uid()));

create policy "notifications: dismiss own" on public.notifications
  for delete to authenticated
  using (user_id = (select auth.uid()));

-- Only read_at is the reader's to change; everything else is written by the triggers below.
revoke insert, update, truncate on public.notifications from anon, authenticated;
grant update (read_at) on public.notifications to authenticated;

create function public.mark_notifications_read(p_ids bigint[] default null)
returns int
language sql
security invoker
set search_path = ''
as $$
  with marked as (
    update public.notifications n
       set read_at = now()
     where n.user_id = (select auth.uid())
       and n.read_at is null
       and (p_ids is null or n.id = any (p_ids))
    returning 1
  )
  select count(*)::int from marked
$$;
comment on function public.mark_notifications_read(bigint[]) is 'Marks the caller''s unread notifications (all, or those in p_ids) read; returns how many.';
revoke all on function public.mark_notifications_read(bigint[]) from public, anon;
grant execute on function public.mark_notifications_read(bigint[]) to authenticated, service_role;

-- ─── writers ──────────────────────────────────────────────────────────────────────────────────

create function private.notify_review_event()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_recipient uuid;
  v_paragraph uuid;
begin
  if new.decision = 'undone' then
    -- A decision taken back before its notification was read leaves no trace in the inbox; one
    -- already read is followed by word that it was undone.
    delete from public.notifications n where n.review_event_id = new.undoes and n.read_at is null;
    insert into public.notifications (user_id, kind, project_id, document_id, paragraph_id, annotation_id, translation_id,
                                      review_event_id, actor_id)
    select n.user_id, 'review_undone', n.project_id, n.document_id, n.paragraph_id, n.annotation_id, n.translation_id,
           new.id, new.reviewer_id
    from public.notifications n
    where n.review_event_id = new.undoes;
    return null;
  end if;

  if new.annotation_id is not null then
    select a.author_id, a.paragraph_id into v_recipient, v_paragraph from public.annotations a where a.id = new.annotation_id;
  elsif new.translation_id is not null then
    -- Written before the decision updates the row: updated_by is the translator who submitted it.
    select t.updated_by, t.paragraph_id into v_recipient, v_paragraph from public.translations t where t.id = new.translation_id;
  end if;
  if v_recipient is null or v_recipient is not distinct from new.reviewer_id then
    return null;
  end if;
  insert into public.notifications (user_id, kind, project_id, document_id, paragraph_id, annotation_id, translation_id,
                                    review_event_id, actor_id, excerpt)
  values (v_recipient,
          case when new.annotation_id is not null then 'annotation_' else 'translation_' end || new.decision,
          new.project_id, new.document_id, v_paragraph, new.annotation_id, new.translation_id, new.id, new.reviewer_id,
          left(new.comment, 280));
  return null;
end
$$;

create trigger review_events_notify
  after insert on public.review_events
  for each row execute function private.notify_review_event();

-- The note's author, everyone who replied or decided on it before, except the one replying, if they can still read the note.
create function private.notify_reply()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.notifications (user_id, kind, project_id, document_id, paragraph_id, annotation_id, reply_id, actor_id, excerpt)
  select r.user_id, 'reply', d.project_id, d.id, a.paragraph_id, a.id, new.id, new.author_id,
         left(regexp_replace(coalesce(new.body_text, ''), '[[:space:]]+', ' ', 'g'), 280)
  from public.annotations a
  join public.paragraphs p on p.id = a.paragraph_id
  join public.documents d on d.id = p.document_id
  cross join lateral (
    select a.author_id as user_id
    union
    select x.author_id from public.annotation_replies x where x.annotation_id = a.id and x.id <> new.id
    union
    -- A reviewer's decision and comment are part of the thread.
    select e.reviewer_id from public.review_events e where e.annotation_id = a.id and e.reviewer_id is not null
  ) r
  where a.id = new.annotation_id
    and r.user_id <> new.author_id
    and (a.status <> 'draft' or r.user_id = a.author_id)
    and exists (select 1 from public.project_members m where m.project_id = d.project_id and m.user_id = r.user_id);
  return null;
end
$$;

create trigger annotation_replies_notify
  after insert on public.annotation_replies
  for each row execute function private.notify_reply();

-- Memberships someone else grants or changes. A project's creator becoming its owner, and rows the
-- seed writes with nobody signed in, notify nobody.
create function private.notify_membership()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_actor uuid := (select auth.uid());
begin
  if v_actor is null or v_actor = new.user_id then
    return null;
  end if;
  if tg_op = 'INSERT' then
    insert into public.notifications (user_id, kind, project_id, actor_id, role)
    values (new.user_id, 'member_added', new.project_id, v_actor, new.role);
  elsif new.role is distinct from old.role then
    insert into public.notifications (user_id, kind, project_id, actor_id, role, previous_role)
    values (new.user_id, 'role_changed', new.project_id, v_actor, new.role, old.role);
  end if;
  return null;
end
$$;

create trigger project_members_notify
  after insert or update on public.project_members
  for each row execute function private.notify_membership();

revoke all on function private.notify_review_event(), private.notify_reply(), private.notify_membership() from public;

alter publication supabase_realtime add table public.notifications;
