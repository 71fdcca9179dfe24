-- Duizhao: applying an aligned English translation to a document's paragraphs.
--
-- A row of the alignment is one or more consecutive Chinese paragraphs and the English that
-- renders them. Its English is stored as the translation of the row's first paragraph, with
-- `span` = the number of Chinese paragraphs it covers (the meaning `span` already has for
-- document_progress). The other paragraphs of the row are *covered*: a paragraph is covered
-- exactly when an earlier translation's span reaches it. A covered paragraph keeps its own
-- translation row, emptied (text '', body null, span 1), so the span is the single source of
-- truth and nothing can drift out of step with it; readers merge the covered rows into the
-- row that covers them.

-- One tiptap paragraph per line, as the editor's plainTextToDoc builds it.
create function private.plain_text_to_doc(p_text text)
returns jsonb
language sql
immutable
set search_path = ''
as $$
  select jsonb_build_object('type', 'doc', 'content', coalesce(
    jsonb_agg(
      case when l.line = '' then jsonb_build_object('type', 'paragraph')
           else jsonb_build_object('type', 'paragraph', 'content',
                  jsonb_build_array(jsonb_build_object('type', 'text', 'text', l.line)))
      end
      order by l.n),
    jsonb_build_array(jsonb_build_object('type', 'paragraph'))))
  from string_to_table(p_text, E'\n') with ordinality as l (line, n)
$$;
revoke all on function private.plain_text_to_doc(text) from public;
grant execute on function private.plain_text_to_doc(text) to authenticated, service_role;

-- Security invoker: the translations update policy (owners and translators) applies to every
-- write; the explicit role check before it turns a silent no-op into a clear refusal.
create function public.apply_alignment(p_document_id uuid, p_rows jsonb, p_overwrite boolean default false)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_project uuid := private.project_of_document(p_document_id);
  v_problem record;
  v_cells jsonb;
  v_rows jsonb;
  v_conflicts int[];
  v_emptied int;
  v_written int;
begin
  if v_project is null or not private.is_member(v_project) then
    raise exception 'document not found' using errcode = 'PT404';
  end if;
  if not private.has_role(v_project, array['owner', 'translator']) then
    raise exception 'only owners and translators align translations' using errcode = '42501';
  end if;
  if p_rows is null or jsonb_typeof(p_rows) <> 'array' or jsonb_array_length(p_rows) = 0 then
    raise exception 'the alignment needs at least one row' using errcode = '22023';
  end if;

  -- Shape of each row: {positions: [int…]} or {paragraph_ids: [uuid…]}, plus a non-blank text.
  select q.n, q.problem into v_problem
  from (
    select o.i as n,
      case
        when jsonb_typeof(o.e) is distinct from 'object' then 'is not a JSON object'
        when jsonb_typeof(o.e -> 'text') is distinct from 'string' or (o.e ->> 'text') ~ '^[[:space:]]*$' then 'has no English text'
        when (o.e ? 'positions') = (o.e ? 'paragraph_ids') then 'needs either positions or paragraph_ids'
        when jsonb_typeof(coalesce(o.e -> 'positions', o.e -> 'paragraph_ids')) is distinct from 'array'
          or jsonb_array_length(coalesce(o.e -> 'positions', o.e -> 'paragraph_ids')) = 0 then 'names no paragraph'
        when o.e ? 'positions' and exists (
          select 1 from jsonb_array_elements(o.e -> 'positions') x
          where jsonb_typeof(x) <> 'number' or x::text !~ '^[0-9]{1,9}$') then 'has a position that is not a whole number'
        when o.e ? 'paragraph_ids' and exists (
          select 1 from jsonb_array_elements(o.e -> 'paragraph_ids') x
          where jsonb_typeof(x) <> 'string'
             or (x #>> '{}') !~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$') then 'has a paragraph id that is not a uuid'
      end as problem
    from jsonb_array_elements(p_rows) with ordinality as o (e, i)
  ) q
  where q.problem is not null
  order by q.n
  limit 1;
  if v_problem.n is not null then
    raise exception 'row % %', v_problem.n, v_problem.problem using errcode = '22023';
  end if;

  -- Every (row, paragraph) pair, by position; ref keeps what the row named, for messages.
  select coalesce(jsonb_agg(jsonb_build_object('n', c.n, 'position', c.position, 'ref', c.ref) order by c.n, c.position), '[]'::jsonb)
  into v_cells
  from (
    select o.i as n, p.position, x #>> '{}' as ref
    from jsonb_array_elements(p_rows) with ordinality as o (e, i)
    cross join jsonb_array_elements(o.e -> 'positions') as x
    left join public.paragraphs p on p.document_id = p_document_id and p.position = (x #>> '{}')::int
    where o.e ? 'positions'
    union all
    select o.i, p.position, x
    from jsonb_array_elements(p_rows) with ordinality as o (e, i)
    cross join jsonb_array_elements_text(o.e -> 'paragraph_ids') as x
    left join public.paragraphs p on p.document_id = p_document_id and p.id = x::uuid
    where o.e ? 'paragraph_ids'
  ) c;

  select c.n, c.ref into v_problem
  from jsonb_to_recordset(v_cells) as c (n int, position int, ref text)
  where c.position is null
  order by c.n
  limit 1;
  if v_problem.n is not null then
    raise exception 'row %: paragraph % is not in this document', v_problem.n, v_problem.ref using errcode = '22023';
  end if;

  select c.position as n into v_problem
  from jsonb_to_recordset(v_cells) as c (n int, position int)
  group by c.position
  having count(*) > 1
  order by c.position
  limit 1;
  if v_problem.n is not null then
    raise exception 'paragraph % is in more than one row', v_problem.n using errcode = '22023';
  end if;

  select c.n into v_problem
  from jsonb_to_recordset(v_cells) as c (n int, position int)
  group by c.n
  having max(c.position) - min(c.position) + 1 <> count(*)
  order by c.n
  limit 1;
  if v_problem.n is not null then
    raise exception 'row %: its paragraphs are not consecutive', v_problem.n using errcode = '22023';
  end if;

  select jsonb_agg(jsonb_build_object('first', r.first, 'span', r.span, 'text', r.text) order by r.first)
  into v_rows
  from (
    select min(c.position) as first, count(*)::int as span,
           btrim(regexp_replace(p_rows -> (c.n - 1) ->> 'text', E'\r\n?', E'\n', 'g'), E' \t\n') as text
    from jsonb_to_recordset(v_cells) as c (n int, position int)
    group by c.n
  ) r;

  -- Hold the document's translations until commit, so the check below stays true for the writes.
  perform 1
  from public.translations t
  where t.paragraph_id in (select p.id from public.paragraphs p where p.document_id = p_document_id)
  for update;

  -- A paragraph conflicts when it already holds English, or a translation from outside the
  -- alignment with English covers it; rewriting a row with the very same text and span is no change.
  with state as (
    select p.position, t.text, t.span,
           count(*) filter (where t.span > 1) over (order by p.position) as grp
    from public.paragraphs p
    join public.translations t on t.paragraph_id = p.id
    where p.document_id = p_document_id
  ),
  heads as (
    select s.*,
           first_value(s.position) over w as head_position,
           first_value(s.span) over w as head_span,
           first_value(s.text) over w as head_text
    from state s
    window w as (partition by s.grp order by s.position)
  ),
  cells as (
    select g.position, r.first, r.span, r.text
    from jsonb_to_recordset(v_rows) as r (first int, span int, text text)
    cross join generate_series(r.first, r.first + r.span - 1) as g (position)
  )
  select coalesce(array_agg(h.position order by h.position), '{}')
  into v_conflicts
  from cells c
  join heads h on h.position = c.position
  where (btrim(h.text) <> '' and not (c.position = c.first and h.text = c.text and h.span = c.span))
     or (h.position > h.head_position
         and h.position <= h.head_position + h.head_span - 1
         and btrim(h.head_text) <> ''
         and h.head_position not in (select cells.position from cells));

  if cardinality(v_conflicts) > 0 and not coalesce(p_overwrite, false) then
    return jsonb_build_object('applied', false, 'conflicts', to_jsonb(v_conflicts), 'written', 0, 'rows', jsonb_array_length(v_rows));
  end if;

  -- A translation outside the alignment whose span reaches into it now stops before it.
  with cells as (
    select g.position
    from jsonb_to_recordset(v_rows) as r (first int, span int)
    cross join generate_series(r.first, r.first + r.span - 1) as g (position)
  ),
  cut as (
    select t.id, t.span, (select min(c.position) from cells c where c.position > p.position) - p.position as new_span
    from public.translations t
    join public.paragraphs p on p.id = t.paragraph_id
    where p.document_id = p_document_id
      and t.span > 1
      and p.position not in (select c.position from cells c)
  )
  update public.translations t
     set span = cut.new_span
    from cut
   where t.id = cut.id and cut.new_span < cut.span;

  -- The covered paragraphs of each row give up any English of their own.
  with covered as (
    select g.position
    from jsonb_to_recordset(v_rows) as r (first int, span int)
    cross join generate_series(r.first + 1, r.first + r.span - 1) as g (position)
  )
  update public.translations t
     set text = '',
         body = null,
         span = 1,
         status = case when t.status = 'empty' then 'empty' else 'draft' end
    from public.paragraphs p
   where p.id = t.paragraph_id
     and p.document_id = p_document_id
     and p.position in (select c.position from covered c)
     and (t.text <> '' or t.body is not null or t.span <> 1);
  get diagnostics v_emptied = row_count;

  update public.translations t
     set text = r.text,
         body = private.plain_text_to_doc(r.text),
         span = r.span,
         status = 'draft'
    from public.paragraphs p,
         jsonb_to_recordset(v_rows) as r (first int, span int, text text)
   where p.id = t.paragraph_id
     and p.document_id = p_document_id
     and p.position = r.first
     and (t.text is distinct from r.text or t.span <> r.span);
  get diagnostics v_written = row_count;

  return jsonb_build_object('applied', true, 'conflicts', to_jsonb(v_conflicts), 'written', v_written + v_emptied,
                            'rows', jsonb_array_length(v_rows));
end
$$;
comment on function public.apply_alignment(uuid, jsonb, boolean) is
  'Owner or translator stores aligned English: rows [{positions | paragraph_ids, text}], each row''s text becomes the draft translation of its first paragraph with span = its paragraph count (the rest are covered and emptied). Refuses to replace existing English unless p_overwrite: returns {applied: false, conflicts: [positions]} and writes nothing. Returns {applied, conflicts, written, rows}.';
revoke all on function public.apply_alignment(uuid, jsonb, boolean) from public, anon;
grant execute on function public.apply_alignment(uuid, jsonb, boolean) to authenticated, service_role;
