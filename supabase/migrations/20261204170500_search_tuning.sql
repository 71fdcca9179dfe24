-- Duizhao: search tuned on a corpus of 10,000 documents / 1,000,000 paragraphs, and the status
-- 'rejected' the review loop (20261204160000) added.
--
-- * search_project filters by 'rejected' too: a reviewer's rejected rows are what a translator
--   looks for first.
-- * The statements that collect hits through the text indexes run with enable_seqscan off. Asked
--   for the first 1,001 rows with English words, the planner would read translations in table
--   order computing to_tsvector() for each (it takes the function as cheap; at 1,000,000 rows that
--   is seconds), where the index answers at once. Only those statements: elsewhere (the notes of a
--   project, say) a sequential scan of a small table is the better plan.
-- * concordance takes its contrast rows from the documents of the hits it returns, a few per
--   document: drawn from every hit document of a common phrase, it sorted a hundred thousand rows.
-- * tm_suggestions asks for trigram similarity 0.5 by default (was 0.3): below that the memory's
--   index hands back thousands of candidates that edit similarity then rejects (the screen shows
--   matches of 50 % and more).

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
  v_seqscan text := current_setting('enable_seqscan');
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
  perform set_config('enable_seqscan', 'off', true);
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
  perform set_config('enable_seqscan', v_seqscan, true);
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

-- Every row of a project whose Chinese contains p_text (p_language 'zh': any substring, folded as
-- search folds) or whose English contains it as a phrase (p_language 'en': stemmed words in order),
-- in library order, each with its text (occurrences marked as in search_project) and the aligned
-- text of the other language; at most p_limit rows (total says how many there are, up to 2,000).
-- `background` holds the other-language text of up to 300 other rows of the same documents, the
-- contrast the client needs to tell a selection's renderings from words that are everywhere.
-- Security definer for the reason given at search_project; the caller must be a project member.
create or replace function public.concordance(p_project_id uuid, p_text text, p_language text default 'zh', p_limit int default 500)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
set plan_cache_mode = force_custom_plan
as $$
declare
  c_cap constant int := 2000;
  v_seqscan text := current_setting('enable_seqscan');
  v_q text := pg_catalog.regexp_replace(private.search_fold(btrim(coalesce(p_text, ''))), ' {2,}', ' ', 'g');
  v_plain boolean;
  v_zh tsquery;
  v_en tsquery;
  v_ids uuid[];
  v_total int;
  v_hits jsonb;
  v_background jsonb;
begin
  if (select auth.uid()) is null or not private.is_member(p_project_id) then
    raise exception 'project not found' using errcode = 'PT404';
  end if;
  if p_language is null or p_language not in ('zh', 'en') then
    raise exception 'p_language is zh or en' using errcode = '22023';
  end if;
  if p_limit is null or p_limit < 1 or p_limit > c_cap then
    raise exception 'p_limit must be between 1 and %', c_cap using errcode = '22023';
  end if;
  if v_q = '' or v_q = ' ' then
    raise exception 'select some text for its concordance' using errcode = '22023';
  end if;
  if char_length(v_q) > 200 then
    raise exception 'the selection is longer than 200 characters' using errcode = '22023';
  end if;

  perform set_config('enable_seqscan', 'off', true);
  if p_language = 'zh' then
    v_plain := v_q !~ '[0-9a-z ]';
    v_zh := private.search_grams_query(v_q);
    v_ids := array(
      select p.id
      from public.paragraphs p
      where private.search_grams(p.text) @@ v_zh
        and (char_length(v_q) <= 2 or (v_plain and strpos(p.text, v_q) > 0)
             or (not v_plain and strpos(private.search_fold(p.text), v_q) > 0))
        and p.document_id in (select d.id from public.documents d where d.project_id = p_project_id)
      limit c_cap + 1
    );
  else
    v_en := pg_catalog.phraseto_tsquery('english'::regconfig, v_q);
    if v_en is null or pg_catalog.numnode(v_en) = 0 then
      raise exception 'the selection has no English words to look for' using errcode = '22023';
    end if;
    v_ids := array(
      select t.paragraph_id
      from public.translations t
      join public.paragraphs p on p.id = t.paragraph_id
      where pg_catalog.to_tsvector('english'::regconfig, t.text) @@ v_en
        and p.document_id in (select d.id from public.documents d where d.project_id = p_project_id)
      limit c_cap + 1
    );
  end if;
  perform set_config('enable_seqscan', v_seqscan, true);
  v_total := least(cardinality(v_ids), c_cap);

  with page as (
    select p.id, p.document_id, p.position, p.text, d.title, d.published_on, t.status, t.text as english
    from public.paragraphs p
    join public.documents d on d.id = p.document_id
    join public.translations t on t.paragraph_id = p.id
    where p.id = any (v_ids[1:c_cap])
    order by d.published_on desc nulls last, d.title, d.id, p.position
    limit p_limit
  )
  select coalesce(jsonb_agg(jsonb_build_object(
      'document_id', pg.document_id,
      'document_title', pg.title,
      'paragraph_id', pg.id,
      'position', pg.position,
      'status', pg.status,
      'text', case when p_language = 'zh' then private.search_mark(pg.text, v_q, null)
                   else private.search_mark_english(pg.english, v_en, true) end,
      'aligned', case when p_language = 'zh' then private.row_english(pg.id) else private.row_chinese(pg.id) end
    ) order by pg.published_on desc nulls last, pg.title, pg.document_id, pg.position), '[]'::jsonb)
  into v_hits
  from page pg;

  -- Other rows of the documents of the listed hits, a few from each, as contrast for the renderings.
  select coalesce(jsonb_agg(b.aligned), '[]'::jsonb) into v_background
  from (
    select x.aligned
    from (
      select distinct p.document_id
      from public.paragraphs p
      where p.id = any (v_ids[1:c_cap])
      limit p_limit
    ) docs
    cross join lateral (
      select case when p_language = 'zh' then t.text else private.row_chinese(p.id) end as aligned
      from public.paragraphs p
      join public.translations t on t.paragraph_id = p.id
      where p.document_id = docs.document_id
        and not (p.id = any (v_ids))
        and t.text <> ''
      order by p.position
      limit 5
    ) x
    limit 300
  ) b;

  return jsonb_build_object(
    'query', v_q,
    'language', p_language,
    'total', v_total,
    'total_is_lower_bound', cardinality(v_ids) > c_cap,
    'hits', v_hits,
    'background', v_background
  );
end
$$;
comment on function public.concordance(uuid, text, text, int) is
  'Concordance of a phrase in a project: {query, language, total, total_is_lower_bound, hits: [{document_id, document_title, paragraph_id, position, status, text (occurrences marked U+E000…U+E001), aligned}], background: [aligned texts of other rows]}.';

-- Suggestions for a row: segments of the caller's projects whose Chinese is similar to the row's
-- (pg_trgm similarity at least p_min_similarity), identical Chinese first, then by similarity; the
-- row's own entry is left out. The client computes the edit similarity it shows. Security definer
-- with the segments' read rule written out (projects the caller is a member of): under RLS,
-- pg_trgm's operators (not leakproof) could not use the index.
create or replace function public.tm_suggestions(p_paragraph_id uuid, p_limit int default 10, p_min_similarity real default 0.5)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
set plan_cache_mode = force_custom_plan
as $$
declare
  v_project uuid := private.project_of_paragraph(p_paragraph_id);
  v_source text;
  v_norm text;
  -- the segment key of the row's own entry, if it is in the memory: it is no suggestion for itself
  v_own_target_hash text;
  v_result jsonb;
begin
  if (select auth.uid()) is null or v_project is null or not private.is_member(v_project) then
    raise exception 'paragraph not found' using errcode = 'PT404';
  end if;
  if p_limit is null or p_limit < 1 or p_limit > 50 then
    raise exception 'p_limit must be between 1 and 50' using errcode = '22023';
  end if;
  if p_min_similarity is null or p_min_similarity <= 0 or p_min_similarity > 1 then
    raise exception 'p_min_similarity must be above 0 and at most 1' using errcode = '22023';
  end if;

  v_source := private.row_chinese(p_paragraph_id);
  v_norm := private.tm_norm(coalesce(v_source, ''));
  if v_norm = '' then
    return jsonb_build_object('source', v_source, 'suggestions', '[]'::jsonb);
  end if;

  select md5(e.target_text) into v_own_target_hash from public.tm_entries e where e.paragraph_id = p_paragraph_id;

  perform set_config('pg_trgm.similarity_threshold', p_min_similarity::text, true);
  with candidates as (
    (select s.*, 1::real as score, coalesce(s.project_id = v_project and s.target_hash = v_own_target_hash, false) as own
     from public.tm_segments s
     where s.source_hash = md5(v_norm) and s.source_norm = v_norm
       and s.project_id in (select private.member_project_ids())
       and not coalesce(s.project_id = v_project and s.target_hash = v_own_target_hash and s.occurrences = 1, false)
     order by s.occurrences desc
     limit p_limit)
    union all
    (select s.*, extensions.similarity(s.source_norm, v_norm) as score, false as own
     from public.tm_segments s
     where s.source_norm operator(extensions.%) v_norm
       and s.source_hash <> md5(v_norm)
       and s.project_id in (select private.member_project_ids())
     order by extensions.similarity(s.source_norm, v_norm) desc
     limit p_limit)
  ),
  top as (
    select c.* from candidates c
    order by (c.source_norm = v_norm) desc, c.score desc,
             case c.status when 'approved' then 0 when 'translated' then 1 else 2 end, c.occurrences desc, c.updated_at desc
    limit p_limit
  )
  select coalesce(jsonb_agg(jsonb_build_object(
      'id', top.id,
      'project_id', top.project_id,
      'project_name', pj.name,
      'source', top.source_text,
      'target', top.target_text,
      'exact', top.source_norm = v_norm,
      'score', round(top.score::numeric, 3),
      'occurrences', top.occurrences - case when top.own then 1 else 0 end,
      'status', top.status,
      'author_id', top.author_id,
      'author_name', coalesce(pr.display_name, top.author_name),
      'updated_at', top.updated_at,
      'origin', case when top.import_id is not null then 'import' else 'project' end,
      'import_name', ti.name,
      'document_id', d.id,
      'document_title', d.title,
      'position', p.position
    ) order by (top.source_norm = v_norm) desc, top.score desc,
               case top.status when 'approved' then 0 when 'translated' then 1 else 2 end, top.occurrences desc, top.updated_at desc), '[]'::jsonb)
  into v_result
  from top
  join public.projects pj on pj.id = top.project_id
  left join public.profiles pr on pr.id = top.author_id
  left join public.tm_imports ti on ti.id = top.import_id
  -- where the segment occurs, unless that is the row itself
  left join public.paragraphs p on p.id = top.paragraph_id and p.id <> p_paragraph_id
  left join public.documents d on d.id = p.document_id;

  return jsonb_build_object('source', v_source, 'suggestions', v_result);
end
$$;
comment on function public.tm_suggestions(uuid, int, real) is
  'Translation memory for a row: {source, suggestions: [{id, project_id, project_name, source, target, exact, score, occurrences, status, author_id, author_name, updated_at, origin, import_name, document_id, document_title, position}]} from the caller''s projects, identical Chinese first, then by trigram similarity.';
