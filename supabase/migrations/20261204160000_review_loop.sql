-- Duizhao: a review loop that closes.
--
-- Translation status gains `rejected`: empty → draft → translated → approved | rejected.
--   * review_translation rejects a translated row to `rejected` (no longer back to draft), with the
--     reviewer's comment and, optionally, a suggested translation; the row carries the decision
--     (review_comment, reviewed_by, reviewed_at, suggested_text) until its translator changes it.
--   * Changing a rejected row's text makes it the translator's draft again (or translated, when the
--     save says so); setting it to translated or draft without a change is allowed too.
-- A decision can be undone by the reviewer who made it, while the item is unchanged since: undo_review
-- records an `undone` event and puts the item back in the queue. review_events stays append-only.
-- Decisions belong to their document: deleting a document removes its review history with it.
-- approve_items approves several queue items at once, skipping (and reporting) those that changed.

-- ─── translations: the rejected state and the decision on the row ─────────────────────────────

alter table public.translations drop constraint translations_status_check;
alter table public.translations
  add constraint translations_status_check check (status in ('empty', 'draft', 'translated', 'approved', 'rejected')),
  add column review_comment text,
  add column reviewed_by uuid references auth.users (id) on delete set null,
  add column reviewed_at timestamptz,
  add column suggested_text text,
  add constraint translations_rejection_comment check (status <> 'rejected' or coalesce(char_length(btrim(review_comment)), 0) > 0);
comment on column public.translations.review_comment is 'The comment of the decision that approved or rejected the current text; null in other states.';
comment on column public.translations.suggested_text is 'The reviewer''s suggested translation attached to a rejection; null in other states.';
create index translations_reviewed_by_idx on public.translations (reviewed_by);

-- ─── review_events: undo, suggestions, the document a decision belongs to ─────────────────────

alter table public.review_events drop constraint review_events_decision_check;
alter table public.review_events drop constraint review_events_rejection_comment;
alter table public.review_events
  add column document_id uuid references public.documents (id) on delete cascade,
  add column suggestion text,
  add column undoes bigint references public.review_events (id) on delete set null,
  add constraint review_events_decision_check check (decision in ('approved', 'rejected', 'undone')),
  add constraint review_events_rejection_comment check (decision <> 'rejected' or coalesce(char_length(btrim(comment)), 0) > 0),
  add constraint review_events_undo_link check (decision = 'undone' or undoes is null),
  add constraint review_events_suggestion_on_rejection check (suggestion is null or decision = 'rejected');
comment on column public.review_events.document_id is 'The document of the reviewed item; its history goes when the document is deleted.';
comment on column public.review_events.undoes is 'For an undone event: the decision it took back.';
create index review_events_document_id_idx on public.review_events (document_id);
create index review_events_undoes_idx on public.review_events (undoes);

-- Existing decisions learn their document (the append-only guard is lifted for this one backfill).
alter table public.review_events disable trigger review_events_append_only;
update public.review_events e
   set document_id = p.document_id
  from public.annotations a
  join public.paragraphs p on p.id = a.paragraph_id
 where e.annotation_id = a.id;
update public.review_events e
   set document_id = p.document_id
  from public.translations t
  join public.paragraphs p on p.id = t.paragraph_id
 where e.translation_id = t.id;
alter table public.review_events enable trigger review_events_append_only;

-- ─── triggers ─────────────────────────────────────────────────────────────────────────────────

create or replace function private.translations_before_write()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_content_changed boolean;
  v_review text;
begin
  if tg_op = 'INSERT' then
    new.status := 'empty';
    new.version := 0;
    new.updated_by := null;
    new.review_comment := null;
    new.reviewed_by := null;
    new.reviewed_at := null;
    new.suggested_text := null;
    new.created_at := now();
    new.updated_at := now();
    return new;
  end if;

  -- Foreign-key actions (a deleted user's updated_by or reviewed_by set null) pass untouched.
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

  -- A status change that review_translation or undo_review recorded in this transaction.
  if new.status is distinct from old.status then
    if old.status = 'translated' and new.status in ('approved', 'rejected')
       and private.review_recorded(null, old.id, old.version, new.status) then
      v_review := 'decision';
    elsif old.status in ('approved', 'rejected') and new.status = 'translated'
       and private.review_recorded(null, old.id, old.version, 'undone') then
      v_review := 'undo';
    end if;
  end if;

  if v_review is not null then
    if v_content_changed then
      raise exception 'a review decision cannot change the text' using errcode = '42501';
    end if;
    -- The reviewer did not write the text: updated_by stays its last editor.
    new.updated_by := old.updated_by;
    if v_review = 'decision' then
      new.reviewed_by := v_uid;
      new.reviewed_at := now();
      if new.status = 'approved' then
        new.suggested_text := null;
      end if;
    else
      new.review_comment := null;
      new.reviewed_by := null;
      new.reviewed_at := null;
      new.suggested_text := null;
    end if;
  else
    if new.status in ('approved', 'rejected') and new.status is distinct from old.status then
      raise exception 'translations are approved or rejected through review_translation only' using errcode = '42501';
    end if;
    -- New wording has not been reviewed: changed approved text awaits review again (as in Matecat),
    -- changed rejected text is the translator's draft.
    if new.status = 'approved' and v_content_changed then
      new.status := 'translated';
    elsif new.status = 'rejected' and v_content_changed then
      new.status := 'draft';
    end if;
    if new.status = 'empty' and old.status <> 'empty' then
      raise exception 'a translation cannot go back to empty; set it to draft' using errcode = '22023';
    end if;
    if new.status = 'empty' and v_content_changed then
      new.status := 'draft';
    end if;
    -- The decision stays on the row while the row stays decided; nobody else writes it.
    if new.status in ('approved', 'rejected') then
      new.review_comment := old.review_comment;
      new.reviewed_by := old.reviewed_by;
      new.reviewed_at := old.reviewed_at;
      new.suggested_text := old.suggested_text;
    else
      new.review_comment := null;
      new.reviewed_by := null;
      new.reviewed_at := null;
      new.suggested_text := null;
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

create or replace function private.annotations_before_update()
returns trigger
language plpgsql
set search_path = ''
as $$
declare
  v_content_changed boolean;
  v_review text;
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

  if new.status is distinct from old.status then
    if old.status = 'submitted' and new.status in ('approved', 'rejected')
       and private.review_recorded(old.id, null, old.version, new.status) then
      v_review := 'decision';
    elsif old.status in ('approved', 'rejected') and new.status = 'submitted'
       and private.review_recorded(old.id, null, old.version, 'undone') then
      v_review := 'undo';
    end if;
  end if;

  if v_review is not null then
    if v_content_changed then
      raise exception 'a review decision cannot change the annotation' using errcode = '42501';
    end if;
    if v_review = 'undo' then
      new.review_comment := null;
      new.reviewed_by := null;
      new.reviewed_at := null;
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

-- ─── RPC: review decisions ────────────────────────────────────────────────────────────────────

-- Refusals keep the codes of 20261204100000_refusal_codes_and_read_only_views.sql: 22023 for a bad
-- argument, PT409 (HTTP 409) with the current row in the detail when the item is not in a reviewable
-- state or has moved on.
create or replace function public.review_annotation(p_annotation_id uuid, p_decision text, p_comment text, p_version int)
returns public.annotations
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_row public.annotations;
  v_project uuid;
  v_document uuid;
  v_comment text := nullif(btrim(p_comment, E' \t\r\n'), '');
begin
  if v_uid is null then
    raise exception 'sign in to review' using errcode = '42501';
  end if;
  if p_decision is null or p_decision not in ('approved', 'rejected') then
    raise exception 'the decision is approved or rejected' using errcode = '22023';
  end if;
  select a.* into v_row from public.annotations a where a.id = p_annotation_id for update;
  select d.project_id, d.id into v_project, v_document
  from public.paragraphs p join public.documents d on d.id = p.document_id
  where p.id = v_row.paragraph_id;
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
    raise exception 'only submitted annotations are reviewed (this one is %)', v_row.status
      using errcode = 'PT409',
            detail = to_jsonb(v_row)::text,
            hint = format('the annotation is %s at version %s', v_row.status, v_row.version);
  end if;

  insert into public.review_events (project_id, document_id, annotation_id, reviewer_id, decision, comment, version)
  values (v_project, v_document, v_row.id, v_uid, p_decision, v_comment, v_row.version);

  update public.annotations a
     set status = p_decision, review_comment = v_comment, reviewed_by = v_uid, reviewed_at = now()
   where a.id = v_row.id
  returning a.* into v_row;
  return v_row;
end
$$;
comment on function public.review_annotation(uuid, text, text, int) is
  'Reviewer or owner (not the author) approves or rejects (comment required) a submitted annotation at version p_version.';

drop function public.review_translation(uuid, text, text, int);

create function public.review_translation(
  p_translation_id uuid,
  p_decision text,
  p_comment text,
  p_version int,
  p_suggestion text default null
)
returns public.translations
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_row public.translations;
  v_project uuid;
  v_document uuid;
  v_comment text := nullif(btrim(p_comment, E' \t\r\n'), '');
  v_suggestion text := nullif(btrim(regexp_replace(p_suggestion, E'\r\n?', E'\n', 'g'), E' \t\n'), '');
begin
  if v_uid is null then
    raise exception 'sign in to review' using errcode = '42501';
  end if;
  if p_decision is null or p_decision not in ('approved', 'rejected') then
    raise exception 'the decision is approved or rejected' using errcode = '22023';
  end if;
  select t.* into v_row from public.translations t where t.id = p_translation_id for update;
  select d.project_id, d.id into v_project, v_document
  from public.paragraphs p join public.documents d on d.id = p.document_id
  where p.id = v_row.paragraph_id;
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
  if v_suggestion is not null and p_decision <> 'rejected' then
    raise exception 'a suggested translation comes with a rejection' using errcode = '22023';
  end if;
  if p_version is distinct from v_row.version then
    raise exception 'stale version'
      using errcode = 'PT409',
            detail = to_jsonb(v_row)::text,
            hint = format('reviewed version %s; the current version is %s', p_version, v_row.version);
  end if;
  if v_row.status <> 'translated' then
    raise exception 'only translated rows are reviewed (this one is %)', v_row.status
      using errcode = 'PT409',
            detail = to_jsonb(v_row)::text,
            hint = format('the translation is %s at version %s', v_row.status, v_row.version);
  end if;
  if v_suggestion is not null and v_suggestion = btrim(v_row.text, E' \t\r\n') then
    raise exception 'the suggested translation is the current text' using errcode = '22023';
  end if;

  insert into public.review_events (project_id, document_id, translation_id, reviewer_id, decision, comment, suggestion, version)
  values (v_project, v_document, v_row.id, v_uid, p_decision, v_comment, v_suggestion, v_row.version);

  update public.translations t
     set status = p_decision, review_comment = v_comment, suggested_text = v_suggestion
   where t.id = v_row.id
  returning t.* into v_row;
  return v_row;
end
$$;
comment on function public.review_translation(uuid, text, text, int, text) is
  'Reviewer or owner (not its last editor) approves a translated row, or rejects it with a comment and optionally a suggested translation.';

-- The reviewer takes back their own latest decision on an item nothing has changed since: a new
-- `undone` event, and the item is back where it was (submitted / translated, in the queue).
create function public.undo_review(p_item_type text, p_item_id uuid, p_version int)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_project uuid;
  v_document uuid;
  v_status text;
  v_version int;
  v_visible boolean;
  v_row jsonb;
  v_last public.review_events;
begin
  if v_uid is null then
    raise exception 'sign in to review' using errcode = '42501';
  end if;
  if p_item_type is null or p_item_type not in ('annotation', 'translation') then
    raise exception 'the item is an annotation or a translation' using errcode = '22023';
  end if;

  if p_item_type = 'annotation' then
    select a.status, a.version, d.project_id, d.id, (a.status <> 'draft' or a.author_id = v_uid), to_jsonb(a)
      into v_status, v_version, v_project, v_document, v_visible, v_row
    from public.annotations a
    join public.paragraphs p on p.id = a.paragraph_id
    join public.documents d on d.id = p.document_id
    where a.id = p_item_id
    for update of a;
  else
    select t.status, t.version, d.project_id, d.id, true, to_jsonb(t)
      into v_status, v_version, v_project, v_document, v_visible, v_row
    from public.translations t
    join public.paragraphs p on p.id = t.paragraph_id
    join public.documents d on d.id = p.document_id
    where t.id = p_item_id
    for update of t;
  end if;
  if v_project is null or not private.is_member(v_project) or not v_visible then
    raise exception '% not found', p_item_type using errcode = 'PT404';
  end if;
  if not private.has_role(v_project, array['owner', 'reviewer']) then
    raise exception 'only reviewers and owners review' using errcode = '42501';
  end if;
  if p_version is distinct from v_version then
    raise exception 'stale version'
      using errcode = 'PT409', detail = v_row::text,
            hint = format('undoing at version %s; the current version is %s', p_version, v_version);
  end if;

  select e.* into v_last
  from public.review_events e
  where (p_item_type = 'annotation' and e.annotation_id = p_item_id)
     or (p_item_type = 'translation' and e.translation_id = p_item_id)
  order by e.id desc
  limit 1;
  if v_last.id is null or v_last.decision = 'undone' or v_last.reviewer_id is distinct from v_uid then
    raise exception 'there is no decision of yours to undo on this %', p_item_type using errcode = 'PT409', detail = v_row::text;
  end if;
  if v_status is distinct from v_last.decision or v_version <> v_last.version + 1 then
    raise exception 'the % has changed since the decision', p_item_type using errcode = 'PT409', detail = v_row::text;
  end if;

  insert into public.review_events (project_id, document_id, annotation_id, translation_id, reviewer_id, decision, version, undoes)
  values (v_project, v_document,
          case when p_item_type = 'annotation' then p_item_id end,
          case when p_item_type = 'translation' then p_item_id end,
          v_uid, 'undone', v_version, v_last.id);

  if p_item_type = 'annotation' then
    update public.annotations a set status = 'submitted' where a.id = p_item_id returning to_jsonb(a) into v_row;
  else
    update public.translations t set status = 'translated' where t.id = p_item_id returning to_jsonb(t) into v_row;
  end if;
  return v_row;
end
$$;
comment on function public.undo_review(text, uuid, int) is
  'The reviewer undoes their latest decision on an annotation or translation still at version p_version: records an undone event and returns the item (back to submitted / translated) as JSON.';

-- Several approvals in one call; an item that cannot be approved (changed meanwhile, own work…) is
-- skipped with its reason and leaves the others approved.
create function public.approve_items(p_items jsonb)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_item record;
  v_approved jsonb := '[]'::jsonb;
  v_skipped jsonb := '[]'::jsonb;
  v_version int;
  v_code text;
  v_message text;
begin
  if p_items is null or jsonb_typeof(p_items) <> 'array' or jsonb_array_length(p_items) = 0 then
    raise exception 'name at least one item to approve' using errcode = '22023';
  end if;
  if jsonb_array_length(p_items) > 500 then
    raise exception 'approve at most 500 items at once' using errcode = '22023';
  end if;
  if exists (
    select 1 from jsonb_array_elements(p_items) e
    where jsonb_typeof(e) <> 'object'
       or coalesce(e ->> 'item_type', '') not in ('annotation', 'translation')
       or coalesce(e ->> 'item_id', '') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
       or jsonb_typeof(e -> 'version') is distinct from 'number'
       or (e ->> 'version') !~ '^[0-9]{1,9}$'
  ) then
    raise exception 'each item is {item_type: annotation|translation, item_id: uuid, version: int}' using errcode = '22023';
  end if;

  for v_item in
    select e ->> 'item_type' as item_type, (e ->> 'item_id')::uuid as item_id, (e ->> 'version')::int as version
    from jsonb_array_elements(p_items) with ordinality as o (e, n)
    order by o.n
  loop
    begin
      if v_item.item_type = 'annotation' then
        select a.version into v_version from public.review_annotation(v_item.item_id, 'approved', null, v_item.version) a;
      else
        select t.version into v_version from public.review_translation(v_item.item_id, 'approved', null, v_item.version) t;
      end if;
      v_approved := v_approved || jsonb_build_object('item_type', v_item.item_type, 'item_id', v_item.item_id, 'version', v_version);
    exception when others then
      get stacked diagnostics v_code = returned_sqlstate, v_message = message_text;
      v_skipped := v_skipped || jsonb_build_object('item_type', v_item.item_type, 'item_id', v_item.item_id, 'code', v_code, 'message', v_message);
    end;
  end loop;
  return jsonb_build_object('approved', v_approved, 'skipped', v_skipped);
end
$$;
comment on function public.approve_items(jsonb) is
  'Approves [{item_type, item_id, version}] one by one as review_* would; returns {approved: [{item_type, item_id, version}], skipped: [{item_type, item_id, code, message}]}.';

revoke all on function public.review_annotation(uuid, text, text, int), public.review_translation(uuid, text, text, int, text),
  public.undo_review(text, uuid, int), public.approve_items(jsonb) from public, anon;
grant execute on function public.review_annotation(uuid, text, text, int), public.review_translation(uuid, text, text, int, text),
  public.undo_review(text, uuid, int), public.approve_items(jsonb) to authenticated, service_role;
