-- Duizhao: search_project filters by the translation status 'rejected' too, which the review loop
-- (20261204160000) added: a reviewer's rejected rows are what a translator looks for first.

-- Hits of a query in a project: paragraphs whose Chinese holds it or whose English has its words,
-- and notes that mention it (or carry it as a tag).
--
-- Security definer, with the read policies' rules written out: the caller must be a member of the
-- project, and sees other members' notes only once submitted. Under RLS the planner may not use
-- these GIN indexes at all: a policy's condition must run before any operator that is not
-- leakproof, and neither tsvector @@ tsquery nor pg_trgm's operators are, so every search would
-- read the whole table. The pgTAP and contract suites check these rules against the policies'.
--
-- Ordered as the library lists documents (newest first, then title), then by paragraph; notes
-- after their paragraph. When the paragraph hits number no more than 1,000 they are all found
-- through the indexes, counted and sorted; beyond that the documents are walked in order and the
-- walk stops once the page is full, so a query as common as 的 still answers at once (its total
-- is then reported as "more than 1,000").
create or replace function public.search_project(
  p_project_id uuid,
  p_query text default '',
  p_fields text[] default array['source', 'translation', 'notes'],
  p_document_ids uuid[] default null,
  p_statuses text[] default null,
  p_note_kinds text[] default null,
  p_note_tags text[] default null,
  p_note_authors uuid[] default null,
  p_limit int default 20,
  p_offset int default 0
)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
-- plan every statement for the query at hand: a generic plan cannot tell 的 from 睦邻友好
set plan_cache_mode = force_custom_plan
as $$
declare
  c_cap constant int := 1000;
  v_uid uuid := (select auth.uid());
  v_raw text := btrim(coalesce(p_query, ''));
  v_q text := pg_catalog.regexp_replace(private.search_fold(btrim(coalesce(p_query, ''))), ' {2,}', ' ', 'g');
  v_qlen int;
  -- without ASCII letters, digits or spaces, folding cannot change where the query matches
  v_plain boolean;
  v_zh tsquery;
  v_en tsquery;
  v_source boolean := 'source' = any (coalesce(p_fields, '{}'));
  v_translation boolean := 'translation' = any (coalesce(p_fields, '{}'));
  v_notes boolean := 'notes' = any (coalesce(p_fields, '{}'));
  v_note_filters boolean := p_note_kinds is not null or p_note_tags is not null or p_note_authors is not null;
  v_paragraphs uuid[];
  v_paragraph_total int;
  v_more boolean := false;
  v_notes_found uuid[];
  v_hits jsonb;
begin
  if v_uid is null or not private.is_member(p_project_id) then
    raise exception 'project not found' using errcode = 'PT404';
  end if;
  if p_limit is null or p_limit < 1 or p_limit > 100 then
    raise exception 'p_limit must be between 1 and 100' using errcode = '22023';
  end if;
  if p_offset is null or p_offset < 0 or p_offset > 10000 then
    raise exception 'p_offset must be between 0 and 10000' using errcode = '22023';
  end if;
  if p_fields is null or cardinality(p_fields) = 0
     or exists (select 1 from unnest(p_fields) f where f is null or f not in ('source', 'translation', 'notes')) then
    raise exception 'p_fields lists source, translation and/or notes' using errcode = '22023';
  end if;
  if exists (select 1 from unnest(p_statuses) s where s is null or s not in ('empty', 'draft', 'translated', 'approved', 'rejected')) then
    raise exception 'p_statuses lists empty, draft, translated, approved and/or rejected' using errcode = '22023';
  end if;
  if char_length(v_q) > 200 then
    raise exception 'the query is longer than 200 characters' using errcode = '22023';
  end if;
  if v_q = '' or v_q = ' ' then
    if not (v_notes and v_note_filters) then
      raise exception 'type something to search for' using errcode = '22023';
    end if;
    -- No text: list the notes the filters pick out.
    v_q := '';
    v_source := false;
    v_translation := false;
  end if;
  v_qlen := char_length(v_q);
  v_plain := v_q !~ '[0-9a-z ]';
  if v_q <> '' then
    v_zh := private.search_grams_query(v_q);
    v_en := private.search_english_query(v_q);
  end if;

  -- Paragraph hits through the indexes: each index stops after c_cap + 1.
  v_paragraphs := array(
    select distinct x.id from (
      (select p.id
       from public.paragraphs p
       where v_source and v_zh is not null
         and private.search_grams(p.text) @@ v_zh
         and (v_qlen <= 2 or (v_plain and strpos(p.text, v_q) > 0)
              or (not v_plain and strpos(private.search_fold(p.text), v_q) > 0))
         and p.document_id in (
           select d.id from public.documents d
           where d.project_id = p_project_id and (p_document_ids is null or d.id = any (p_document_ids)))
         and (p_statuses is null or exists (
           select 1 from public.translations t where t.paragraph_id = p.id and t.status = any (p_statuses)))
       limit c_cap + 1)
      union all
      (select t.paragraph_id
       from public.translations t
       join public.paragraphs p on p.id = t.paragraph_id
       where v_translation and v_en is not null
         and pg_catalog.to_tsvector('english'::regconfig, t.text) @@ v_en
         and p.document_id in (
           select d.id from public.documents d
           where d.project_id = p_project_id and (p_document_ids is null or d.id = any (p_document_ids)))
         and (p_statuses is null or t.status = any (p_statuses))
       limit c_cap + 1)
    ) x
  );
  v_paragraph_total := cardinality(v_paragraphs);

  if v_paragraph_total > c_cap then
    -- Too many to sort: walk the documents in order and stop when the page is full.
    v_more := true;
    v_paragraphs := array(
      select p.id
      from public.documents d
      join public.paragraphs p on p.document_id = d.id
      join public.translations t on t.paragraph_id = p.id
      where d.project_id = p_project_id and (p_document_ids is null or d.id = any (p_document_ids))
        and (p_statuses is null or t.status = any (p_statuses))
        and ((v_source and ((v_plain and strpos(p.text, v_q) > 0) or (not v_plain and strpos(private.search_fold(p.text), v_q) > 0)))
          or (v_translation and v_en is not null and pg_catalog.to_tsvector('english'::regconfig, t.text) @@ v_en))
      order by d.published_on desc nulls last, d.title, d.id, p.position
      limit p_offset + p_limit
    );
  end if;

  -- Note hits: the query in the note's text (Chinese or English) or as one of its tags.
  if v_notes then
    v_notes_found := array(
      select a.id
      from public.annotations a
      join public.paragraphs p on p.id = a.paragraph_id
      where p.document_id in (
          select d.id from public.documents d
          where d.project_id = p_project_id and (p_document_ids is null or d.id = any (p_document_ids)))
        and (a.author_id = v_uid or a.status <> 'draft')
        and (p_note_kinds is null or a.kind = any (p_note_kinds))
        and (p_note_tags is null or a.tags && p_note_tags)
        and (p_note_authors is null or a.author_id = any (p_note_authors))
        and (v_q = '' or a.id in (
          select a2.id from public.annotations a2
          where v_zh is not null
            and private.search_grams(coalesce(a2.body_text, '')) @@ v_zh
            and (v_qlen <= 2 or strpos(private.search_fold(coalesce(a2.body_text, '')), v_q) > 0)
          union all
          select a2.id from public.annotations a2
          where v_en is not null and pg_catalog.to_tsvector('english'::regconfig, coalesce(a2.body_text, '')) @@ v_en
          union all
          select a2.id from public.annotations a2
          where a2.tags && array[v_raw, v_q]
        ))
    );
  end if;

  with hits as (
    select 0 as sort_kind, p.id as paragraph_id, null::uuid as annotation_id, p.document_id, p.position, null::timestamptz as created_at
    from public.paragraphs p
    where p.id = any (v_paragraphs)
    union all
    select 1, a.paragraph_id, a.id, p.document_id, p.position, a.created_at
    from public.annotations a
    join public.paragraphs p on p.id = a.paragraph_id
    where a.id = any (v_notes_found)
  ),
  page as (
    select h.*, d.title, d.published_on
    from hits h
    join public.documents d on d.id = h.document_id
    order by d.published_on desc nulls last, d.title, d.id, h.position, h.sort_kind, h.created_at, h.annotation_id
    limit p_limit offset p_offset
  )
  select coalesce(jsonb_agg(
    jsonb_build_object(
      'kind', case when pg.annotation_id is null then 'paragraph' else 'note' end,
      'document_id', pg.document_id,
      'document_title', pg.title,
      'published_on', pg.published_on,
      'paragraph_id', pg.paragraph_id,
      'position', pg.position,
      'paragraph_kind', p.kind,
      'status', t.status,
      'source', case when pg.annotation_id is null then private.search_mark(p.text, case when v_source then v_q end) end,
      'translation', case when pg.annotation_id is null then private.search_mark_english(t.text, case when v_translation then v_en end) end,
      'source_match', pg.annotation_id is null and v_source and v_q <> '' and strpos(private.search_fold(p.text), v_q) > 0,
      'translation_match', pg.annotation_id is null and v_translation and v_en is not null
        and pg_catalog.to_tsvector('english'::regconfig, t.text) @@ v_en,
      'note', case when pg.annotation_id is not null then jsonb_build_object(
        'id', a.id,
        'kind', a.kind,
        'tags', to_jsonb(a.tags),
        'status', a.status,
        'author_id', a.author_id,
        'author_name', pr.display_name,
        'quote', a.quote_exact,
        'text', case
          when v_q = '' then private.search_mark(coalesce(a.body_text, ''), null)
          when strpos(private.search_fold(coalesce(a.body_text, '')), v_q) > 0 then private.search_mark(a.body_text, v_q)
          else private.search_mark_english(coalesce(a.body_text, ''), v_en) end
      ) end
    )
    order by pg.published_on desc nulls last, pg.title, pg.document_id, pg.position, pg.sort_kind, pg.created_at, pg.annotation_id
  ), '[]'::jsonb)
  into v_hits
  from page pg
  join public.paragraphs p on p.id = pg.paragraph_id
  left join public.translations t on t.paragraph_id = pg.paragraph_id
  left join public.annotations a on a.id = pg.annotation_id
  left join public.profiles pr on pr.id = a.author_id;

  return jsonb_build_object(
    'query', v_q,
    'total', case when v_more then c_cap else v_paragraph_total end + coalesce(cardinality(v_notes_found), 0),
    'total_is_lower_bound', v_more,
    'paragraphs', case when v_more then c_cap else v_paragraph_total end,
    'notes', coalesce(cardinality(v_notes_found), 0),
    'hits', v_hits
  );
end
$$;
comment on function public.search_project(uuid, text, text[], uuid[], text[], text[], text[], uuid[], int, int) is
  'Search a project: paragraphs whose Chinese contains the query (any substring, full-width and ASCII alike) or whose English has its words (stemmed, last word as prefix), and notes mentioning it or tagged with it; filters by document, translation status, note kind/tag/author; a page of hits with highlighted snippets and the total ({query, total, total_is_lower_bound, paragraphs, notes, hits}).';
