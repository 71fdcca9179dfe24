-- Duizhao: after applying an alignment, marking the rows it wrote as translated in one step.
--
-- The caller names the paragraphs whose translations the alignment wrote (the first paragraph of
-- each row). Drafts with English among them become `translated`; rows already translated, approved
-- or rejected, covered rows (no English of their own) and rows the caller may not change are left
-- as they are and counted. Security invoker: the translations update policy decides every write,
-- so the function can never change more than the caller could by hand. One statement, one transaction.
create function public.mark_alignment_translated(p_document_id uuid, p_paragraph_ids uuid[])
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_project uuid := private.project_of_document(p_document_id);
  v_stray uuid;
  v_asked int;
  v_marked int;
begin
  if v_project is null or not private.is_member(v_project) then
    raise exception 'document not found' using errcode = 'PT404';
  end if;
  if not private.has_role(v_project, array['owner', 'translator']) then
    raise exception 'only owners and translators mark translations translated' using errcode = '42501';
  end if;
  if p_paragraph_ids is null or cardinality(p_paragraph_ids) = 0 then
    raise exception 'name at least one paragraph' using errcode = '22023';
  end if;
  if array_position(p_paragraph_ids, null) is not null then
    raise exception 'a paragraph id is null' using errcode = '22023';
  end if;

  select x.id into v_stray
  from unnest(p_paragraph_ids) as x (id)
  where not exists (select 1 from public.paragraphs p where p.id = x.id and p.document_id = p_document_id)
  limit 1;
  if v_stray is not null then
    raise exception 'paragraph % is not in this document', v_stray using errcode = '22023';
  end if;

  select count(distinct x.id)::int into v_asked from unnest(p_paragraph_ids) as x (id);

  update public.translations t
     set status = 'translated'
   where t.paragraph_id = any (p_paragraph_ids)
     and t.status = 'draft'
     and btrim(t.text) <> '';
  get diagnostics v_marked = row_count;

  return jsonb_build_object('marked', v_marked, 'skipped', v_asked - v_marked);
end
$$;
comment on function public.mark_alignment_translated(uuid, uuid[]) is
  'Owner or translator marks the drafts an alignment wrote as translated: p_paragraph_ids are the first paragraphs of the applied rows. Only drafts with English that the caller may update change; the rest are counted as skipped. Returns {marked, skipped}.';
revoke all on function public.mark_alignment_translated(uuid, uuid[]) from public, anon;
grant execute on function public.mark_alignment_translated(uuid, uuid[]) to authenticated, service_role;
