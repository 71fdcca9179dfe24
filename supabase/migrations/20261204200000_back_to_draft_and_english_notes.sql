-- Duizhao: "Back to draft", notes on the English, the project's note tags.
--
--   * A translator takes their own translated row back to draft (the status alone changes, no
--     review event is recorded). Nobody else does: another translator or an owner asks a reviewer
--     to reject it, and an approved row does not go back to draft unchanged (its reviewer undoes
--     the approval). A reviewer's rejection stays as it was (review_translation → rejected).
--   * Notes on the translation (target = 'translation') anchor to the translation's plain text:
--     a new selection must end within it, as a note on the Chinese must end within the paragraph.
--   * note_tags: each tag of a project's notes the reader may see, with how many notes carry it
--     (autocomplete and the tag filter; PostgREST has no DISTINCT).

-- ─── translations: back to draft ──────────────────────────────────────────────────────────────

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
    -- "Back to draft": the status alone goes from translated to draft. Only the translator who
    -- submitted the row (its last editor) takes it back; anyone else asks a reviewer to reject it.
    -- Approved text does not go back to draft unchanged: the approving reviewer undoes the decision.
    -- Server-side writes (no user) are not held to this.
    if not v_content_changed and new.status = 'draft' and old.status in ('translated', 'approved') and v_uid is not null then
      if old.status = 'approved' then
        raise exception 'an approved translation does not go back to draft; its reviewer can undo the approval'
          using errcode = '42501';
      end if;
      if old.updated_by is distinct from v_uid then
        raise exception 'only the translator who marked this row translated can take it back to draft; a reviewer can reject it'
          using errcode = '42501';
      end if;
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

-- ─── annotations on the translation ───────────────────────────────────────────────────────────

create function private.translation_length(p_paragraph_id uuid)
returns int
language sql
stable
security definer
set search_path = ''
as $$
  select char_length(t.text) from public.translations t where t.paragraph_id = p_paragraph_id
$$;
revoke all on function private.translation_length(uuid) from public;
grant execute on function private.translation_length(uuid) to anon, authenticated, service_role;

create function private.annotations_check_translation_span()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.target <> 'translation' or new.end_offset is null then
    return new;
  end if;
  -- A note keeps its selectors when the English changes later (it is re-anchored, or orphaned):
  -- only a new note, or one whose span or target changes, is checked against the text.
  if tg_op = 'UPDATE' and new.target is not distinct from old.target and new.end_offset is not distinct from old.end_offset
     and new.paragraph_id is not distinct from old.paragraph_id then
    return new;
  end if;
  if new.end_offset > coalesce(private.translation_length(new.paragraph_id), 0) then
    raise exception 'the selection ends after the translation''s text' using errcode = '22023';
  end if;
  return new;
end
$$;
revoke all on function private.annotations_check_translation_span() from public;

create trigger annotations_check_translation_span
  before insert or update on public.annotations
  for each row execute function private.annotations_check_translation_span();

-- ─── note_tags ────────────────────────────────────────────────────────────────────────────────

create view public.note_tags
with (security_invoker = true)
as
select d.project_id, tag, count(*)::int as notes
from public.annotations a
join public.documents d on d.id = a.document_id
cross join lateral unnest(a.tags) as tag
group by d.project_id, tag;
comment on view public.note_tags is 'Per project, each tag on the notes the reader may see (not others'' drafts) and how many notes carry it.';

revoke insert, update, delete, truncate on public.note_tags from public, anon, authenticated, service_role;
