-- Duizhao: every business-rule refusal of an RPC answers 4xx, and the read-model views refuse writes.
--
-- Refusal codes. The REST API turns a function's SQLSTATE into the HTTP status as PostgREST does;
-- functions called through /rest/v1/rpc raise only these, so a refusal is never a 5xx:
--
--   SQLSTATE  HTTP  meaning
--   42501     401/403  the caller may not do this (401 without a session)
--   PT404     404   the row does not exist or the caller cannot see it
--   PT409     409   stale version, or the row is no longer in a state this action applies to;
--                   detail carries the current row (JSON), hint what is current
--   22023     400   a bad argument (unknown decision, missing comment, malformed JSON …)
--   23514     400   a check on the data failed
--
-- Class 55 (object not in prerequisite state) maps to 500 in PostgREST, so "already reviewed" and
-- "not ready for review" use PT409 instead. supabase/tests/database/110-refusal-codes.sql checks
-- every function in public and private against this list.

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
    raise exception 'only submitted annotations are reviewed (this one is %)', v_row.status
      using errcode = 'PT409',
            detail = to_jsonb(v_row)::text,
            hint = format('the annotation is %s at version %s', v_row.status, v_row.version);
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
  'Reviewer or owner (not the author) approves or rejects (comment required) a submitted annotation at version p_version. '
  'Refusals: 42501 not allowed, PT404 not found, 22023 bad decision or missing comment, PT409 stale version or not submitted.';

create or replace function public.review_translation(p_translation_id uuid, p_decision text, p_comment text, p_version int)
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
    raise exception 'only translated rows are reviewed (this one is %)', v_row.status
      using errcode = 'PT409',
            detail = to_jsonb(v_row)::text,
            hint = format('the translation is %s at version %s', v_row.status, v_row.version);
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
  'Reviewer or owner (not its last editor) approves a translated row, or rejects it back to draft with a comment. '
  'Refusals: 42501 not allowed, PT404 not found, 22023 bad decision or missing comment, PT409 stale version or not translated.';

-- The read models are computed; a write to them is refused by privileges (401/403) rather than
-- failing inside Postgres ("cannot insert into view", class 55, a 500).
revoke insert, update, delete, truncate on public.document_progress, public.review_queue from public, anon, authenticated, service_role;
