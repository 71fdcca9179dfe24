-- Duizhao: what exports read about each translation's history, and importing translations done
-- elsewhere (XLIFF, TMX) back into a document.
--
-- translation_history: per translation, its first saved revision (when, by whom) and its latest
-- approval (when, by whom): TMX's creationdate/creationid and reviewer come from here.
--
-- import_translations: writes English into existing rows as drafts, each row only if its version
-- is still the one the caller previewed, all rows or none (one statement). Each write goes through
-- the translations triggers like any save: version bumped, revision recorded, last editor set.

create view public.translation_history
with (security_invoker = true)
as
select
  t.id as translation_id,
  t.paragraph_id,
  p.document_id,
  p.position,
  f.created_at as first_saved_at,
  f.author_id as first_author_id,
  a.created_at as approved_at,
  a.reviewer_id as approved_by
from public.translations t
join public.paragraphs p on p.id = t.paragraph_id
left join lateral (
  select r.created_at, r.author_id
  from public.translation_revisions r
  where r.translation_id = t.id
  order by r.version
  limit 1
) f on true
left join lateral (
  select e.created_at, e.reviewer_id
  from public.review_events e
  where e.translation_id = t.id and e.decision = 'approved'
  order by e.created_at desc, e.id desc
  limit 1
) a on true;
comment on view public.translation_history is
  'Per translation the caller may read: its first saved revision (first_saved_at, first_author_id) and latest approval (approved_at, approved_by).';
revoke insert, update, delete, truncate on public.translation_history from anon, authenticated;

create function public.import_translations(p_document_id uuid, p_rows jsonb, p_author uuid default null)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_project uuid := private.project_of_document(p_document_id);
  v_service boolean := coalesce((select auth.role()) = 'service_role', false);
  v_problem record;
  v_row record;
  v_current public.translations;
  v_written int := 0;
begin
  if v_project is null or not (v_service or private.is_member(v_project)) then
    raise exception 'document not found' using errcode = 'PT404';
  end if;
  if not v_service and not private.has_role(v_project, array['owner', 'translator']) then
    raise exception 'only owners and translators import translations' using errcode = '42501';
  end if;
  if p_author is not null and not v_service then
    raise exception 'only the service role imports in another user''s name' using errcode = '42501';
  end if;
  if p_author is not null and not exists (
    select 1 from public.project_members m where m.project_id = v_project and m.user_id = p_author and m.role in ('owner', 'translator')
  ) then
    raise exception 'the author must be an owner or translator of the project' using errcode = '22023';
  end if;
  if p_rows is null or jsonb_typeof(p_rows) <> 'array' or jsonb_array_length(p_rows) = 0 then
    raise exception 'the import needs at least one row' using errcode = '22023';
  end if;

  select q.n, q.problem into v_problem
  from (
    select o.i as n,
      case
        when jsonb_typeof(o.e) is distinct from 'object' then 'is not a JSON object'
        when jsonb_typeof(o.e -> 'paragraph_id') is distinct from 'string'
          or (o.e ->> 'paragraph_id') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then 'has no paragraph_id uuid'
        when jsonb_typeof(o.e -> 'expected_version') is distinct from 'number'
          or (o.e ->> 'expected_version') !~ '^[0-9]{1,9}$' then 'has no whole expected_version'
        when jsonb_typeof(o.e -> 'text') is distinct from 'string' or (o.e ->> 'text') ~ '^[[:space:]]*$' then 'has no English text'
        when not exists (select 1 from public.paragraphs p where p.id = (o.e ->> 'paragraph_id')::uuid and p.document_id = p_document_id)
          then 'names a paragraph that is not in this document'
      end as problem
    from jsonb_array_elements(p_rows) with ordinality as o (e, i)
  ) q
  where q.problem is not null
  order by q.n
  limit 1;
  if v_problem.n is not null then
    raise exception 'row % %', v_problem.n, v_problem.problem using errcode = '22023';
  end if;

  select e ->> 'paragraph_id' as id into v_problem
  from jsonb_array_elements(p_rows) e
  group by e ->> 'paragraph_id'
  having count(*) > 1
  limit 1;
  if v_problem.id is not null then
    raise exception 'paragraph % is in more than one row', v_problem.id using errcode = '22023';
  end if;

  for v_row in
    select (e ->> 'paragraph_id')::uuid as paragraph_id,
           (e ->> 'expected_version')::int as expected_version,
           btrim(regexp_replace(e ->> 'text', E'\r\n?', E'\n', 'g'), E' \t\n') as text,
           p.position
    from jsonb_array_elements(p_rows) e
    join public.paragraphs p on p.id = (e ->> 'paragraph_id')::uuid
    order by p.position
  loop
    -- The version test sits in the UPDATE itself, as in save_translation.
    update public.translations t
       set body = private.plain_text_to_doc(v_row.text),
           text = v_row.text,
           status = 'draft',
           updated_by = case when v_service then coalesce(p_author, t.updated_by) else t.updated_by end
     where t.paragraph_id = v_row.paragraph_id
       and t.version = v_row.expected_version;
    if not found then
      select t.* into v_current from public.translations t where t.paragraph_id = v_row.paragraph_id;
      raise exception 'stale version'
        using errcode = 'PT409',
              detail = to_jsonb(v_current)::text,
              hint = format('paragraph %s was imported against version %s; the current version is %s',
                            v_row.position, v_row.expected_version, v_current.version);
    end if;
    v_written := v_written + 1;
  end loop;

  return jsonb_build_object('written', v_written);
end
$$;
comment on function public.import_translations(uuid, jsonb, uuid) is
  'Owner or translator (or the service role, naming p_author) writes rows [{paragraph_id, expected_version, text}] as draft translations, all or none; a row whose version moved raises PT409 with the current row. Returns {written}.';
revoke all on function public.import_translations(uuid, jsonb, uuid) from public, anon;
grant execute on function public.import_translations(uuid, jsonb, uuid) to authenticated, service_role;
