-- Duizhao: translations, annotations and the review workflow.
--
-- Translation status: empty → draft → translated → approved.
--   * Owners and translators save text and set draft or translated (and back to draft).
--   * Only review_translation reaches approved, or rejects: translated → draft, comment in review_events.
--   * Editing an approved translation's text (or its span) sends it back to translated, as in
--     Matecat, where changing an approved segment reverts it to translated: the new wording has not
--     been reviewed, but it is still a finished translation awaiting review.
-- Annotation status: draft → submitted → approved | rejected.
--   * Authors move their own annotations between draft and submitted (also from rejected or approved).
--   * Only review_annotation approves or rejects; editing an approved annotation sends it back to submitted.
-- Every row carries a version the triggers bump on each change; save_* RPCs refuse stale versions
-- with SQLSTATE PT409 (HTTP 409 through PostgREST) and the current row as JSON in the detail.

-- ─── tables ───────────────────────────────────────────────────────────────────────────────────

create table public.translations (
  id uuid primary key default gen_random_uuid(),
  paragraph_id uuid not null unique references public.paragraphs (id) on delete cascade,
  -- How many consecutive paragraphs, starting at this one, the text covers (alignment 1:n).
  span int not null default 1 check (span >= 1),
  body jsonb check (body is null or jsonb_typeof(body) = 'object'),
  text text not null default '',
  status text not null default 'empty' check (status in ('empty', 'draft', 'translated', 'approved')),
  version int not null default 0,
  updated_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.translations is 'The English translation of one paragraph (tiptap JSON + plain text), created empty by import; versioned for optimistic concurrency.';
create index translations_updated_by_idx on public.translations (updated_by);

create table public.translation_revisions (
  id bigserial primary key,
  translation_id uuid not null references public.translations (id) on delete cascade,
  version int not null,
  body jsonb,
  text text not null,
  status text not null,
  author_id uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (translation_id, version)
);
comment on table public.translation_revisions is 'Append-only history: one row per saved translation version, written by trigger.';
create index translation_revisions_author_id_idx on public.translation_revisions (author_id);

create table public.annotations (
  id uuid primary key default gen_random_uuid(),
  paragraph_id uuid not null references public.paragraphs (id) on delete cascade,
  author_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  status text not null default 'draft' check (status in ('draft', 'submitted', 'approved', 'rejected')),
  target text not null default 'source' check (target in ('source', 'translation')),
  -- W3C TextQuoteSelector + TextPositionSelector, offsets in Unicode code points within the
  -- paragraph's text (or its translation's); all null = the whole paragraph.
  quote_exact text,
  quote_prefix text,
  quote_suffix text,
  start_offset int,
  end_offset int,
  body jsonb check (body is null or jsonb_typeof(body) = 'object'),
  body_text text,
  kind text not null default 'note'
    check (kind in ('note', 'term', 'person', 'place', 'organisation', 'treaty', 'date', 'question')),
  tags text[] not null default '{}',
  version int not null default 1,
  review_comment text,
  reviewed_by uuid references auth.users (id) on delete set null,
  reviewed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint annotations_offsets_together check ((start_offset is null) = (end_offset is null)),
  constraint annotations_offsets_order check (start_offset is null or (start_offset >= 0 and start_offset < end_offset))
);
comment on table public.annotations is 'A researcher''s note on a paragraph or a span of it (W3C selectors), with its review state; drafts are private to their author.';
create index annotations_paragraph_id_idx on public.annotations (paragraph_id);
create index annotations_author_id_idx on public.annotations (author_id);
create index annotations_status_idx on public.annotations (status);
create index annotations_reviewed_by_idx on public.annotations (reviewed_by);

create table public.annotation_replies (
  id uuid primary key default gen_random_uuid(),
  annotation_id uuid not null references public.annotations (id) on delete cascade,
  author_id uuid not null default auth.uid() references auth.users (id) on delete cascade,
  body jsonb check (body is null or jsonb_typeof(body) = 'object'),
  body_text text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.annotation_replies is 'Threaded replies to an annotation; readable by whoever can read the annotation.';
create index annotation_replies_annotation_id_idx on public.annotation_replies (annotation_id);
create index annotation_replies_author_id_idx on public.annotation_replies (author_id);

create table public.review_events (
  id bigserial primary key,
  project_id uuid not null references public.projects (id) on delete cascade,
  -- set null when the reviewed item is deleted, so the decision itself stays in the history
  annotation_id uuid references public.annotations (id) on delete set null,
  translation_id uuid references public.translations (id) on delete set null,
  reviewer_id uuid references auth.users (id) on delete set null,
  decision text not null check (decision in ('approved', 'rejected')),
  comment text,
  version int not null,
  created_at timestamptz not null default now(),
  constraint review_events_one_subject check (num_nonnulls(annotation_id, translation_id) <= 1),
  constraint review_events_rejection_comment check (decision = 'approved' or coalesce(char_length(btrim(comment)), 0) > 0)
);
comment on table public.review_events is 'Append-only log of every review decision (approve/reject, comment, reviewed version); written only by review_* RPCs.';
create index review_events_project_id_idx on public.review_events (project_id);
create index review_events_annotation_id_idx on public.review_events (annotation_id);
create index review_events_translation_id_idx on public.review_events (translation_id);
create index review_events_reviewer_id_idx on public.review_events (reviewer_id);

alter table public.translations enable row level security;
alter table public.translation_revisions enable row level security;
alter table public.annotations enable row level security;
alter table public.annotation_replies enable row level security;
alter table public.review_events enable row level security;

-- ─── helpers ──────────────────────────────────────────────────────────────────────────────────

create function private.project_of_translation(p_translation_id uuid)
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select d.project_id
  from public.translations t
  join public.paragraphs p on p.id = t.paragraph_id
  join public.documents d on d.id = p.document_id
  where t.id = p_translation_id
$$;

create function private.can_read_annotation(p_annotation_id uuid)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.annotations a
    where a.id = p_annotation_id
      and private.is_member(private.project_of_paragraph(a.paragraph_id))
      and (a.author_id = (select auth.uid()) or a.status <> 'draft')
  )
$$;

create function private.paragraph_length(p_paragraph_id uuid)
returns int
language sql
stable
security definer
set search_path = ''
as $$
  select char_length(p.text) from public.paragraphs p where p.id = p_paragraph_id
$$;

-- A decision recorded by review_* in the current transaction (review_events is written by nothing
-- else), which is what lets an UPDATE reach approved/rejected.
create function private.review_recorded(p_annotation_id uuid, p_translation_id uuid, p_version int, p_decision text)
returns boolean
language sql
stable
security definer
set search_path = ''
as $$
  select exists (
    select 1
    from public.review_events e
    where (e.annotation_id = p_annotation_id or e.translation_id = p_translation_id)
      and e.version = p_version
      and e.decision = p_decision
      and e.reviewer_id = (select auth.uid())
      and e.created_at = now()
  )
$$;

revoke all on function private.project_of_translation(uuid), private.can_read_annotation(uuid),
  private.paragraph_length(uuid), private.review_recorded(uuid, uuid, int, text) from public;
-- Trigger functions run as the caller, so the caller needs these too.
grant execute on function private.project_of_translation(uuid), private.can_read_annotation(uuid),
  private.paragraph_length(uuid), private.review_recorded(uuid, uuid, int, text) to anon, authenticated, service_role;

-- ─── triggers: translations ───────────────────────────────────────────────────────────────────

-- Import creates one empty translation per paragraph, whichever path inserted the paragraphs.
create function private.paragraphs_create_translations()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.translations (paragraph_id)
  select n.id from new_paragraphs n;
  return null;
end
$$;

create trigger paragraphs_create_translations
  after insert on public.paragraphs
  referencing new table as new_paragraphs
  for each statement execute function private.paragraphs_create_translations();

create function private.translations_before_write()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_content_changed boolean;
  v_review boolean := false;
begin
  if tg_op = 'INSERT' then
    new.status := 'empty';
    new.version := 0;
    new.updated_by := null;
    new.created_at := now();
    new.updated_at := now();
    return new;
  end if;

  -- Foreign-key actions (a deleted user's updated_by set null) pass untouched.
  if pg_trigger_depth() > 1 then
    return new;
  end if;

  if new.paragraph_id is distinct from old.paragraph_id then
    raise exception 'a translation cannot move to another paragraph' using errcode = '42501';
  end if;
  new.id := old.id;
  new.created_at := old.created_at;

  v_content_changed := new.body is distinct from old.body
    or new.text is distinct from old.text
    or new.span is distinct from old.span;

  if new.status is distinct from old.status and old.status = 'translated' then
    v_review := private.review_recorded(null, old.id, old.version,
      case new.status when 'approved' then 'approved' when 'draft' then 'rejected' end);
  end if;

  if v_review then
    if v_content_changed then
      raise exception 'a review decision cannot change the text' using errcode = '42501';
    end if;
    -- The reviewer did not write the text: updated_by stays its last editor.
    new.updated_by := old.updated_by;
  else
    if new.status = 'approved' and old.status <> 'approved' then
      raise exception 'translations are approved through review_translation only' using errcode = '42501';
    end if;
    if new.status = 'approved' and v_content_changed then
      new.status := 'translated';
    end if;
    if new.status = 'empty' and old.status <> 'empty' then
      raise exception 'a translation cannot go back to empty; set it to draft' using errcode = '22023';
    end if;
    if new.status = 'empty' and v_content_changed then
      new.status := 'draft';
    end if;
    if v_content_changed or new.status is distinct from old.status then
      new.updated_by := coalesce(v_uid, new.updated_by);
    else
      new.updated_by := old.updated_by;
    end if;
  end if;

  if v_content_changed or new.status is distinct from old.status then
    new.version := old.version + 1;
    new.updated_at := now();
  else
    new.version := old.version;
    new.updated_at := old.updated_at;
  end if;
  return new;
end
$$;

create trigger translations_before_write
  before insert or update on public.translations
  for each row execute function private.translations_before_write();

create function private.translations_record_revision()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if new.version <> old.version then
    insert into public.translation_revisions (translation_id, version, body, text, status, author_id)
    values (new.id, new.version, new.body, new.text, new.status, coalesce((select auth.uid()), new.updated_by));
  end if;
  return null;
end
$$;

create trigger translations_record_revision
  after update on public.translations
  for each row execute function private.translations_record_revision();

-- ─── triggers: annotations ────────────────────────────────────────────────────────────────────

create function private.annotations_before_insert()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  -- author_id defaults to auth.uid(); a different one is refused by the insert policy.
  if new.status not in ('draft', 'submitted') then
    raise exception 'a new annotation is a draft or submitted; approval goes through review_annotation'
      using errcode = '42501';
  end if;
  new.version := 1;
  new.review_comment := null;
  new.reviewed_by := null;
  new.reviewed_at := null;
  new.tags := coalesce(new.tags, '{}');
  new.created_at := now();
  new.updated_at := now();
  if new.target = 'source' and new.end_offset > coalesce(private.paragraph_length(new.paragraph_id), 0) then
    raise exception 'the selection ends after the paragraph''s text' using errcode = '22023';
  end if;
  return new;
end
$$;

create trigger annotations_before_insert
  before insert on public.annotations
  for each row execute function private.annotations_before_insert();

create function private.annotations_before_update()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_content_changed boolean;
  v_review boolean := false;
begin
  if pg_trigger_depth() > 1 then
    return new;
  end if;

  if new.author_id is distinct from old.author_id then
    raise exception 'an annotation''s author cannot change' using errcode = '42501';
  end if;
  if new.paragraph_id is distinct from old.paragraph_id
     and private.project_of_paragraph(new.paragraph_id) is distinct from private.project_of_paragraph(old.paragraph_id) then
    raise exception 'an annotation cannot move to another project' using errcode = '42501';
  end if;
  new.id := old.id;
  new.created_at := old.created_at;
  new.tags := coalesce(new.tags, '{}');

  v_content_changed := new.paragraph_id is distinct from old.paragraph_id
    or new.target is distinct from old.target
    or new.quote_exact is distinct from old.quote_exact
    or new.quote_prefix is distinct from old.quote_prefix
    or new.quote_suffix is distinct from old.quote_suffix
    or new.start_offset is distinct from old.start_offset
    or new.end_offset is distinct from old.end_offset
    or new.body is distinct from old.body
    or new.body_text is distinct from old.body_text
    or new.kind is distinct from old.kind
    or new.tags is distinct from old.tags;

  if new.status in ('approved', 'rejected') and new.status is distinct from old.status and old.status = 'submitted' then
    v_review := private.review_recorded(old.id, null, old.version, new.status);
  end if;

  if v_review then
    if v_content_changed then
      raise exception 'a review decision cannot change the annotation' using errcode = '42501';
    end if;
  else
    if new.status in ('approved', 'rejected') and new.status is distinct from old.status then
      raise exception 'annotations are approved or rejected through review_annotation only' using errcode = '42501';
    end if;
    -- An approved note whose content changes needs a new review.
    if new.status = 'approved' and v_content_changed then
      new.status := 'submitted';
    end if;
    if new.status in ('draft', 'submitted') then
      new.review_comment := null;
      new.reviewed_by := null;
      new.reviewed_at := null;
    else
      new.review_comment := old.review_comment;
      new.reviewed_by := old.reviewed_by;
      new.reviewed_at := old.reviewed_at;
    end if;
  end if;

  if (new.paragraph_id is distinct from old.paragraph_id
      or new.target is distinct from old.target
      or new.end_offset is distinct from old.end_offset)
     and new.target = 'source'
     and new.end_offset > coalesce(private.paragraph_length(new.paragraph_id), 0) then
    raise exception 'the selection ends after the paragraph''s text' using errcode = '22023';
  end if;

  if v_content_changed
     or new.status is distinct from old.status
     or new.review_comment is distinct from old.review_comment
     or new.reviewed_by is distinct from old.reviewed_by then
    new.version := old.version + 1;
    new.updated_at := now();
  else
    new.version := old.version;
    new.updated_at := old.updated_at;
  end if;
  return new;
end
$$;

create trigger annotations_before_update
  before update on public.annotations
  for each row execute function private.annotations_before_update();

create function private.annotation_replies_before_write()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    new.created_at := now();
  else
    if pg_trigger_depth() > 1 then
      return new;
    end if;
    if new.author_id is distinct from old.author_id then
      raise exception 'a reply''s author cannot change' using errcode = '42501';
    end if;
    if new.annotation_id is distinct from old.annotation_id then
      raise exception 'a reply cannot move to another annotation' using errcode = '42501';
    end if;
    new.id := old.id;
    new.created_at := old.created_at;
  end if;
  new.updated_at := now();
  return new;
end
$$;

create trigger annotation_replies_before_write
  before insert or update on public.annotation_replies
  for each row execute function private.annotation_replies_before_write();

-- ─── append-only history ──────────────────────────────────────────────────────────────────────

create function private.refuse_history_change()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  -- Foreign-key actions run nested inside another trigger: deleting a project removes its
  -- history, deleting a reviewed item or a user only unlinks it. Anything else is refused,
  -- for the table owner too.
  if tg_op in ('UPDATE', 'DELETE') and pg_trigger_depth() > 1 then
    return case when tg_op = 'DELETE' then old else new end;
  end if;
  raise exception '% is append-only', tg_table_name using errcode = '42501';
end
$$;

create trigger review_events_append_only
  before update or delete on public.review_events
  for each row execute function private.refuse_history_change();
create trigger review_events_no_truncate
  before truncate on public.review_events
  for each statement execute function private.refuse_history_change();
create trigger translation_revisions_append_only
  before update or delete on public.translation_revisions
  for each row execute function private.refuse_history_change();
create trigger translation_revisions_no_truncate
  before truncate on public.translation_revisions
  for each statement execute function private.refuse_history_change();

revoke all on function private.paragraphs_create_translations(), private.translations_before_write(),
  private.translations_record_revision(),
  private.annotations_before_insert(), private.annotations_before_update(),
  private.annotation_replies_before_write(), private.refuse_history_change() from public;

-- ─── policies ─────────────────────────────────────────────────────────────────────────────────

-- Reads go through the paragraph (an index lookup) against the caller's document set, computed once
-- per statement: reading a 10,000-paragraph document stays a join, not 10,000 helper calls.
create policy "translations: members read" on public.translations
  for select to authenticated
  using (exists (
    select 1 from public.paragraphs p
    where p.id = paragraph_id and p.document_id in (select private.member_document_ids())
  ));

-- No insert or delete policy: translations come and go with their paragraphs.
create policy "translations: owners and translators edit" on public.translations
  for update to authenticated
  using (private.has_role(private.project_of_paragraph(paragraph_id), array['owner', 'translator']))
  with check (private.has_role(private.project_of_paragraph(paragraph_id), array['owner', 'translator']));

create policy "translation_revisions: members read" on public.translation_revisions
  for select to authenticated
  using (exists (
    select 1 from public.translations t join public.paragraphs p on p.id = t.paragraph_id
    where t.id = translation_id and p.document_id in (select private.member_document_ids())
  ));

create policy "annotations: members read submitted and own" on public.annotations
  for select to authenticated
  using (
    (author_id = (select auth.uid()) or status <> 'draft')
    and exists (
      select 1 from public.paragraphs p
      where p.id = paragraph_id and p.document_id in (select private.member_document_ids())
    )
  );

create policy "annotations: members create own" on public.annotations
  for insert to authenticated
  with check (
    author_id = (select auth.uid())
    and private.is_member(private.project_of_paragraph(paragraph_id))
  );

create policy "annotations: authors edit own" on public.annotations
  for update to authenticated
  using (
    author_id = (select auth.uid())
    and private.is_member(private.project_of_paragraph(paragraph_id))
  )
  with check (
    author_id = (select auth.uid())
    and private.is_member(private.project_of_paragraph(paragraph_id))
  );

create policy "annotations: authors delete own" on public.annotations
  for delete to authenticated
  using (
    author_id = (select auth.uid())
    and private.is_member(private.project_of_paragraph(paragraph_id))
  );

create policy "annotation_replies: readers of the annotation read" on public.annotation_replies
  for select to authenticated
  using (private.can_read_annotation(annotation_id));

create policy "annotation_replies: readers of the annotation reply" on public.annotation_replies
  for insert to authenticated
  with check (author_id = (select auth.uid()) and private.can_read_annotation(annotation_id));

create policy "annotation_replies: authors edit own" on public.annotation_replies
  for update to authenticated
  using (author_id = (select auth.uid()) and private.can_read_annotation(annotation_id))
  with check (author_id = (select auth.uid()) and private.can_read_annotation(annotation_id));

create policy "annotation_replies: authors delete own" on public.annotation_replies
  for delete to authenticated
  using (author_id = (select auth.uid()) and private.can_read_annotation(annotation_id));

-- Decisions are written only by review_* (security definer); nobody updates or deletes them.
create policy "review_events: members read" on public.review_events
  for select to authenticated
  using (project_id in (select private.member_project_ids()));

revoke insert, update, delete, truncate on public.review_events, public.translation_revisions from anon, authenticated;
revoke truncate on public.translations, public.annotations, public.annotation_replies from anon, authenticated;

-- ─── RPC: saves with optimistic concurrency ───────────────────────────────────────────────────

create function public.save_translation(
  p_paragraph_id uuid,
  p_expected_version int,
  p_body jsonb,
  p_text text,
  p_status text default null
)
returns public.translations
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_current public.translations;
  v_saved public.translations;
begin
  select t.* into v_current from public.translations t where t.paragraph_id = p_paragraph_id;
  if not found then
    raise exception 'translation not found' using errcode = 'PT404';
  end if;
  if not private.has_role(private.project_of_paragraph(p_paragraph_id), array['owner', 'translator']) then
    raise exception 'only owners and translators edit translations' using errcode = '42501';
  end if;
  if p_status is not null and p_status not in ('draft', 'translated') then
    raise exception 'a save sets status draft or translated; approval goes through review_translation'
      using errcode = '22023';
  end if;

  -- The version test sits in the UPDATE itself, so two concurrent saves cannot both pass it.
  update public.translations t
     set body = p_body,
         text = coalesce(p_text, ''),
         status = coalesce(p_status, t.status)
   where t.id = v_current.id
     and t.version = p_expected_version
  returning t.* into v_saved;

  if not found then
    select t.* into v_current from public.translations t where t.id = v_current.id;
    raise exception 'stale version'
      using errcode = 'PT409',
            detail = to_jsonb(v_current)::text,
            hint = format('saved against version %s; the current version is %s', p_expected_version, v_current.version);
  end if;
  return v_saved;
end
$$;
comment on function public.save_translation(uuid, int, jsonb, text, text) is
  'Saves a paragraph''s translation if p_expected_version is still current, else raises PT409 with the current row in detail.';

create function public.save_annotation(p_id uuid, p_expected_version int, p_patch jsonb)
returns public.annotations
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_key text;
  v_current public.annotations;
  v_saved public.annotations;
begin
  if p_patch is null or jsonb_typeof(p_patch) <> 'object' then
    raise exception 'the patch must be a JSON object' using errcode = '22023';
  end if;
  select k into v_key
  from jsonb_object_keys(p_patch) as k
  where k not in ('body', 'body_text', 'kind', 'tags', 'status', 'target', 'quote_exact', 'quote_prefix',
                  'quote_suffix', 'start_offset', 'end_offset')
  order by k
  limit 1;
  if v_key is not null then
    raise exception 'save_annotation cannot set %', v_key using errcode = '22023';
  end if;
  if p_patch ? 'status' and coalesce(p_patch ->> 'status', '') not in ('draft', 'submitted') then
    raise exception 'a save sets status draft or submitted; approval goes through review_annotation'
      using errcode = '22023';
  end if;
  if p_patch ? 'tags' and jsonb_typeof(p_patch -> 'tags') not in ('array', 'null') then
    raise exception 'tags must be an array of strings' using errcode = '22023';
  end if;

  select a.* into v_current from public.annotations a where a.id = p_id;
  if not found then
    raise exception 'annotation not found' using errcode = 'PT404';
  end if;
  if v_current.author_id is distinct from (select auth.uid()) then
    raise exception 'only the author edits an annotation' using errcode = '42501';
  end if;

  update public.annotations a
     set body = case when p_patch ? 'body' then nullif(p_patch -> 'body', 'null'::jsonb) else a.body end,
         body_text = case when p_patch ? 'body_text' then p_patch ->> 'body_text' else a.body_text end,
         kind = case when p_patch ? 'kind' then p_patch ->> 'kind' else a.kind end,
         tags = case when p_patch ? 'tags'
                     then coalesce(array(select jsonb_array_elements_text(nullif(p_patch -> 'tags', 'null'::jsonb))), '{}')
                     else a.tags end,
         status = case when p_patch ? 'status' then p_patch ->> 'status' else a.status end,
         target = case when p_patch ? 'target' then p_patch ->> 'target' else a.target end,
         quote_exact = case when p_patch ? 'quote_exact' then p_patch ->> 'quote_exact' else a.quote_exact end,
         quote_prefix = case when p_patch ? 'quote_prefix' then p_patch ->> 'quote_prefix' else a.quote_prefix end,
         quote_suffix = case when p_patch ? 'quote_suffix' then p_patch ->> 'quote_suffix' else a.quote_suffix end,
         start_offset = case when p_patch ? 'start_offset' then (p_patch ->> 'start_offset')::int else a.start_offset end,
         end_offset = case when p_patch ? 'end_offset' then (p_patch ->> 'end_offset')::int else a.end_offset end
   where a.id = p_id
     and a.version = p_expected_version
  returning a.* into v_saved;

  if not found then
    select a.* into v_current from public.annotations a where a.id = p_id;
    raise exception 'stale version'
      using errcode = 'PT409',
            detail = to_jsonb(v_current)::text,
            hint = format('saved against version %s; the current version is %s', p_expected_version, v_current.version);
  end if;
  return v_saved;
end
$$;
comment on function public.save_annotation(uuid, int, jsonb) is
  'Author patches an annotation (body, body_text, kind, tags, status draft|submitted, target, quote/offsets) if p_expected_version is current, else PT409.';

-- ─── RPC: review decisions ────────────────────────────────────────────────────────────────────

create function public.review_annotation(p_annotation_id uuid, p_decision text, p_comment text, p_version int)
returns public.annotations
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_row public.annotations;
  v_project uuid;
  v_comment text := nullif(btrim(p_comment), '');
begin
  if v_uid is null then
    raise exception 'sign in to review' using errcode = '42501';
  end if;
  if p_decision is null or p_decision not in ('approved', 'rejected') then
    raise exception 'the decision is approved or rejected' using errcode = '22023';
  end if;
  select a.* into v_row from public.annotations a where a.id = p_annotation_id for update;
  v_project := private.project_of_paragraph(v_row.paragraph_id);
  if v_row.id is null or not private.is_member(v_project) or (v_row.status = 'draft' and v_row.author_id <> v_uid) then
    raise exception 'annotation not found' using errcode = 'PT404';
  end if;
  if not private.has_role(v_project, array['owner', 'reviewer']) then
    raise exception 'only reviewers and owners review annotations' using errcode = '42501';
  end if;
  if v_row.author_id = v_uid then
    raise exception 'nobody reviews their own annotation' using errcode = '42501';
  end if;
  if p_decision = 'rejected' and v_comment is null then
    raise exception 'a comment is required to reject' using errcode = '22023';
  end if;
  if p_version is distinct from v_row.version then
    raise exception 'stale version'
      using errcode = 'PT409',
            detail = to_jsonb(v_row)::text,
            hint = format('reviewed version %s; the current version is %s', p_version, v_row.version);
  end if;
  if v_row.status <> 'submitted' then
    raise exception 'only submitted annotations are reviewed (this one is %)', v_row.status using errcode = '55000';
  end if;

  insert into public.review_events (project_id, annotation_id, reviewer_id, decision, comment, version)
  values (v_project, v_row.id, v_uid, p_decision, v_comment, v_row.version);

  update public.annotations a
     set status = p_decision, review_comment = v_comment, reviewed_by = v_uid, reviewed_at = now()
   where a.id = v_row.id
  returning a.* into v_row;
  return v_row;
end
$$;
comment on function public.review_annotation(uuid, text, text, int) is
  'Reviewer or owner (not the author) approves or rejects (comment required) a submitted annotation at version p_version.';

create function public.review_translation(p_translation_id uuid, p_decision text, p_comment text, p_version int)
returns public.translations
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_row public.translations;
  v_project uuid;
  v_comment text := nullif(btrim(p_comment), '');
begin
  if v_uid is null then
    raise exception 'sign in to review' using errcode = '42501';
  end if;
  if p_decision is null or p_decision not in ('approved', 'rejected') then
    raise exception 'the decision is approved or rejected' using errcode = '22023';
  end if;
  select t.* into v_row from public.translations t where t.id = p_translation_id for update;
  v_project := private.project_of_translation(v_row.id);
  if v_row.id is null or not private.is_member(v_project) then
    raise exception 'translation not found' using errcode = 'PT404';
  end if;
  if not private.has_role(v_project, array['owner', 'reviewer']) then
    raise exception 'only reviewers and owners review translations' using errcode = '42501';
  end if;
  if v_row.updated_by = v_uid then
    raise exception 'nobody reviews a translation they edited last' using errcode = '42501';
  end if;
  if p_decision = 'rejected' and v_comment is null then
    raise exception 'a comment is required to reject' using errcode = '22023';
  end if;
  if p_version is distinct from v_row.version then
    raise exception 'stale version'
      using errcode = 'PT409',
            detail = to_jsonb(v_row)::text,
            hint = format('reviewed version %s; the current version is %s', p_version, v_row.version);
  end if;
  if v_row.status <> 'translated' then
    raise exception 'only translated rows are reviewed (this one is %)', v_row.status using errcode = '55000';
  end if;

  insert into public.review_events (project_id, translation_id, reviewer_id, decision, comment, version)
  values (v_project, v_row.id, v_uid, p_decision, v_comment, v_row.version);

  update public.translations t
     set status = case p_decision when 'approved' then 'approved' else 'draft' end
   where t.id = v_row.id
  returning t.* into v_row;
  return v_row;
end
$$;
comment on function public.review_translation(uuid, text, text, int) is
  'Reviewer or owner (not its last editor) approves a translated row, or rejects it back to draft with a comment.';

revoke all on function public.save_translation(uuid, int, jsonb, text, text), public.save_annotation(uuid, int, jsonb),
  public.review_annotation(uuid, text, text, int), public.review_translation(uuid, text, text, int) from public, anon;
grant execute on function public.save_translation(uuid, int, jsonb, text, text), public.save_annotation(uuid, int, jsonb),
  public.review_annotation(uuid, text, text, int), public.review_translation(uuid, text, text, int)
  to authenticated, service_role;
