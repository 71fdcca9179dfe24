-- Duizhao: QA consistency across a project.
--
-- "The same Chinese paragraph translated differently elsewhere in the project": for each row of a
-- document, the English that other documents of the project give the same Chinese. The renderings
-- compared are the ones the translation memory holds (rows marked translated or approved, with the
-- Chinese normalised as the memory normalises it: full-width digits and letters as ASCII, spaces
-- removed); a draft is work in progress and is not held against anyone. Rows of the document
-- itself are compared in the browser, from what is on screen.
--
-- Security invoker: the caller's read policies decide what is compared (members of the project
-- read its documents and memory; nobody else gets anything back). Under RLS the planner uses an
-- index only for leakproof conditions: the existing index on md5(source_norm) is out of reach
-- (md5 is not leakproof), plain text equality is, and a hash index serves it whatever the length
-- of the paragraph (a b-tree refuses entries beyond a third of a page).

create index tm_entries_source_norm_hash_idx on public.tm_entries using hash (source_norm);

create function public.qa_other_renderings(p_document_id uuid, p_limit int default 5)
returns jsonb
language sql
stable
security invoker
set search_path = ''
as $$
  with doc as (
    select d.id, d.project_id from public.documents d where d.id = p_document_id
  ),
  spans as (
    select p.id, p.position, p.text, greatest(coalesce(t.span, 1), 1) as span
    from doc
    join public.paragraphs p on p.document_id = doc.id
    left join public.translations t on t.paragraph_id = p.id
  ),
  -- paragraphs inside another row's span: not rows of their own
  covered as (
    select s.position + g.n as position
    from spans s
    cross join lateral generate_series(1, s.span - 1) as g (n)
    where s.span > 1
  ),
  heads as (
    select s.id, s.position,
           private.tm_norm(case when s.span = 1 then s.text else (
             select string_agg(p2.text, '' order by p2.position)
             from public.paragraphs p2
             where p2.document_id = p_document_id and p2.position between s.position and s.position + s.span - 1
           ) end) as norm
    from spans s
    where not exists (select 1 from covered c where c.position = s.position)
  ),
  hits as (
    select h.id as row_id, h.position as row_position, e.target_text, e.status, d2.id as document_id, d2.title, p2.position
    from heads h
    join public.tm_entries e on e.source_norm = h.norm
    join public.paragraphs p2 on p2.id = e.paragraph_id
    join public.documents d2 on d2.id = p2.document_id
    where h.norm <> ''
      and e.project_id = (select doc.project_id from doc)
      and d2.id <> p_document_id
  ),
  renderings as (
    select hits.row_id, hits.row_position, hits.target_text, count(*)::int as occurrences, bool_or(hits.status = 'approved') as approved,
           (array_agg(jsonb_build_object('document_id', hits.document_id, 'document_title', hits.title, 'position', hits.position)
                      order by hits.title, hits.position))[1:3] as places
    from hits
    group by hits.row_id, hits.row_position, hits.target_text
  ),
  ranked as (
    select r.*, row_number() over (partition by r.row_id order by r.approved desc, r.occurrences desc, r.target_text) as rank
    from renderings r
  ),
  per_row as (
    select ranked.row_id, ranked.row_position,
           jsonb_agg(jsonb_build_object(
             'text', ranked.target_text,
             'occurrences', ranked.occurrences,
             'status', case when ranked.approved then 'approved' else 'translated' end,
             'places', to_jsonb(ranked.places)
           ) order by ranked.rank) as renderings
    from ranked
    where ranked.rank <= least(greatest(coalesce(p_limit, 5), 1), 20)
    group by ranked.row_id, ranked.row_position
  )
  select coalesce(jsonb_agg(jsonb_build_object('paragraph_id', per_row.row_id, 'renderings', per_row.renderings) order by per_row.row_position), '[]'::jsonb)
  from per_row
$$;
comment on function public.qa_other_renderings(uuid, int) is
  'For each row of a document, in order: [{paragraph_id, renderings: [{text, occurrences, status, places: [{document_id, document_title, position}]}]}], the English that other documents of the project give the same (normalised) Chinese, from translated and approved rows; approved renderings first, then the most frequent; at most p_limit (1–20) per row and 3 places each. Runs with the caller''s rights.';
revoke all on function public.qa_other_renderings(uuid, int) from public, anon;
grant execute on function public.qa_other_renderings(uuid, int) to authenticated, service_role;
