-- Duizhao: search at 1,000,000 paragraphs without the slow tail.
--
-- Measured on 10,000 documents / 997,204 paragraphs (PostgreSQL 15): the slow searches were the
-- common ones. A query as common as "1" (in 43 % of the paragraphs) or "countries" (18 % of the
-- translations) either built a GIN bitmap of 150,000–620,000 entries (50–150 ms before reading a
-- row), or — the plan the planner preferred, seeing the LIMIT — walked the paragraphs computing
-- private.search_grams() or to_tsvector() for each one (20–90 µs a row). So:
--
-- * A search first looks at the first 1,000 rows of its scope in library order, testing each with
--   cheap checks. When the scope ends there, those are all its hits. When one row in ten or more
--   matches, it keeps walking in library order until it has 1,001 hits (the total then reads
--   "more than 1,000", as before, and the page is the first of them): at that density the walk
--   reads at most 10,000 rows. Otherwise the hits are few enough (≤ 10 % of the rows) that the
--   GIN indexes find them at once, and it asks those, as before, but always through bitmaps.
-- * The cheap checks: strpos() on the text for a query without ASCII letters, digits or spaces; a
--   regular expression built from the query (private.search_pattern: 2 → [2２], c → [cCｃＣ]) for
--   the others, instead of folding every text (translate() costs 26 µs on a paragraph); and the
--   English words of each translation stored once (private.translation_words, kept by a trigger)
--   instead of to_tsvector() per row. That table's GIN index replaces the expression index on
--   translations, so the English of a translation is still analysed once per save.

-- ─── the English words of each translation ────────────────────────────────────────────────────

create table private.translation_words (
  paragraph_id uuid primary key references public.paragraphs (id) on delete cascade,
  document_id uuid not null,
  words tsvector not null
);
comment on table private.translation_words is
  'to_tsvector(''english'', text) of every translation with text, kept by a trigger on translations; what search and concordance read for English.';
revoke all on private.translation_words from public, anon, authenticated;

insert into private.translation_words (paragraph_id, document_id, words)
select t.paragraph_id, p.document_id, pg_catalog.to_tsvector('english'::regconfig, t.text)
from public.translations t
join public.paragraphs p on p.id = t.paragraph_id
where t.text <> '';

create index translation_words_words_idx on private.translation_words using gin (words);
create index translation_words_document_idx on private.translation_words (document_id);
-- Statistics now: PGlite has no autovacuum, and without them the planner misjudges the English
-- (measured on PGlite, 100,000 paragraphs: English searches p95 196 ms CPU before, 49 ms after).
analyze private.translation_words;
drop index if exists public.translations_search_english_idx;

create function private.translations_keep_words()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op <> 'INSERT' then
    delete from private.translation_words w where w.paragraph_id = old.paragraph_id;
  end if;
  if tg_op <> 'DELETE' and new.text <> '' then
    insert into private.translation_words as w (paragraph_id, document_id, words)
    select new.paragraph_id, p.document_id, pg_catalog.to_tsvector('english'::regconfig, new.text)
    from public.paragraphs p where p.id = new.paragraph_id
    on conflict (paragraph_id) do update set document_id = excluded.document_id, words = excluded.words;
  end if;
  return null;
end
$$;
revoke all on function private.translations_keep_words() from public, anon, authenticated;

-- Rows without text (every row of a fresh import) cost nothing.
create trigger translations_keep_words_insert
  after insert on public.translations
  for each row when (new.text <> '') execute function private.translations_keep_words();
create trigger translations_keep_words_update
  after update of text, paragraph_id on public.translations
  for each row when (new.text is distinct from old.text or new.paragraph_id is distinct from old.paragraph_id)
  execute function private.translations_keep_words();
create trigger translations_keep_words_delete
  after delete on public.translations
  for each row when (old.text <> '') execute function private.translations_keep_words();

-- ─── the query as a pattern ───────────────────────────────────────────────────────────────────

-- A regular expression that matches a text exactly where private.search_fold(text) holds the
-- folded query: each ASCII digit or letter as the class of the characters that fold to it, a
-- space as any space, ASCII punctuation escaped, anything else as itself.
create function private.search_pattern(p_folded text)
returns text
language sql
immutable
strict
parallel safe
return (
  select coalesce(pg_catalog.string_agg(case
      when x.c between '0' and '9' collate "C" then '[' || x.c || pg_catalog.chr(pg_catalog.ascii(x.c) + 65248) || ']'
      when x.c between 'a' and 'z' collate "C" then '[' || x.c || pg_catalog.chr(pg_catalog.ascii(x.c) - 32)
        || pg_catalog.chr(pg_catalog.ascii(x.c) + 65248) || pg_catalog.chr(pg_catalog.ascii(x.c) - 32 + 65248) || ']'
      when x.c = ' ' then '[ ' || pg_catalog.chr(12288) || pg_catalog.chr(160) || pg_catalog.chr(9) || pg_catalog.chr(10) || pg_catalog.chr(13) || ']'
      when pg_catalog.ascii(x.c) < 128 then '\' || x.c
      else x.c
    end, '' order by x.n), '')
  from pg_catalog.unnest(pg_catalog.string_to_array(p_folded, null)) with ordinality as x (c, n)
);
comment on function private.search_pattern(text) is
  'A regular expression matching a text where its folded form (private.search_fold) holds the folded query.';
revoke all on function private.search_pattern(text) from public;
grant execute on function private.search_pattern(text) to anon, authenticated, service_role;

-- ─── search_project ───────────────────────────────────────────────────────────────────────────

-- As 20261204170500, with the paragraph hits found as described at the top.
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
  -- rows looked at in library order before choosing how to find the hits
  c_probe constant int := 1000;
  -- hits among them from which walking on is cheaper than the indexes (one row in ten)
  c_dense constant int := 100;
  v_uid uuid := (select auth.uid());
  v_seqscan text := current_setting('enable_seqscan');
  v_indexscan text := current_setting('enable_indexscan');
  v_raw text := btrim(coalesce(p_query, ''));
  v_q text := pg_catalog.regexp_replace(private.search_fold(btrim(coalesce(p_query, ''))), ' {2,}', ' ', 'g');
  v_qlen int;
  -- without ASCII letters, digits or spaces, folding cannot change where the query matches
  v_plain boolean;
  v_pattern text;
  v_zh tsquery;
  v_en tsquery;
  v_source boolean := 'source' = any (coalesce(p_fields, '{}'));
  v_translation boolean := 'translation' = any (coalesce(p_fields, '{}'));
  v_notes boolean := 'notes' = any (coalesce(p_fields, '{}'));
  v_note_filters boolean := p_note_kinds is not null or p_note_tags is not null or p_note_authors is not null;
  v_scanned int := 0;
  v_paragraphs uuid[] := '{}';
  v_english uuid[];
  v_paragraph_total int;
  v_more boolean := false;
  v_walk boolean := false;
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
    v_pattern := case when not v_plain then private.search_pattern(v_q) end;
  end if;
  v_source := v_source and v_zh is not null;
  v_translation := v_translation and v_en is not null;

  if v_source or v_translation then
    -- The first rows of the scope in library order, and which of them are hits.
    select count(*)::int, coalesce(array_agg(w.id) filter (where
             (v_source and case when v_plain then strpos(w.text, v_q) > 0 else w.text ~ v_pattern end)
             or (v_translation and exists (
               select 1 from private.translation_words tw where tw.paragraph_id = w.id and tw.words @@ v_en))), '{}')
    into v_scanned, v_paragraphs
    from (
      select p.id, p.text
      from public.documents d
      join public.paragraphs p on p.document_id = d.id
      where d.project_id = p_project_id and (p_document_ids is null or d.id = any (p_document_ids))
        and (p_statuses is null or exists (
          select 1 from public.translations t where t.paragraph_id = p.id and t.status = any (p_statuses)))
      order by d.published_on desc nulls last, d.title, d.id, p.position
      limit c_probe
    ) w;

    if v_scanned < c_probe then
      -- That was the whole scope: these are all its hits.
      null;
    elsif cardinality(v_paragraphs) >= c_dense then
      -- Common: walk on in library order until past the cap (or the end of the page asked for).
      v_walk := true;
    else
      -- Rare enough for the indexes; each stops after c_cap + 1. The Chinese through a bitmap:
      -- an index scan in paragraph order would compute the grams of every row it passes.
      perform set_config('enable_seqscan', 'off', true);
      perform set_config('enable_indexscan', 'off', true);
      v_paragraphs := array(
        select p.id
        from public.paragraphs p
        where v_source
          and private.search_grams(p.text) @@ v_zh
          and (v_qlen <= 2 or case when v_plain then strpos(p.text, v_q) > 0 else p.text ~ v_pattern end)
          and p.document_id in (
            select d.id from public.documents d
            where d.project_id = p_project_id and (p_document_ids is null or d.id = any (p_document_ids)))
          and (p_statuses is null or exists (
            select 1 from public.translations t where t.paragraph_id = p.id and t.status = any (p_statuses)))
        limit c_cap + 1
      );
      perform set_config('enable_indexscan', v_indexscan, true);
      v_english := array(
        select tw.paragraph_id
        from private.translation_words tw
        where v_translation
          and tw.words @@ v_en
          and tw.document_id in (
            select d.id from public.documents d
            where d.project_id = p_project_id and (p_document_ids is null or d.id = any (p_document_ids)))
          and (p_statuses is null or exists (
            select 1 from public.translations t where t.paragraph_id = tw.paragraph_id and t.status = any (p_statuses)))
        limit c_cap + 1
      );
      perform set_config('enable_seqscan', v_seqscan, true);
      if cardinality(v_english) > 0 then
        v_paragraphs := array(select distinct x from unnest(v_paragraphs || v_english) x);
      end if;
      if cardinality(v_paragraphs) > c_cap then
        -- Past the cap: only the page is needed, from a walk in library order.
        v_more := true;
        v_walk := true;
      end if;
    end if;

    if v_walk then
      -- Document by document in library order, each asked for its hits: the paragraphs whose
      -- Chinese matches, and those whose stored English words do (read by document).
      v_paragraphs := array(
        select h.id
        from public.documents d
        cross join lateral (
          select p.id, p.position
          from public.paragraphs p
          where v_source and p.document_id = d.id
            and case when v_plain then strpos(p.text, v_q) > 0 else p.text ~ v_pattern end
          union
          select p.id, p.position
          from private.translation_words tw
          join public.paragraphs p on p.id = tw.paragraph_id
          where v_translation and tw.document_id = d.id and tw.words @@ v_en
        ) h
        where d.project_id = p_project_id and (p_document_ids is null or d.id = any (p_document_ids))
          and (p_statuses is null or exists (
            select 1 from public.translations t where t.paragraph_id = h.id and t.status = any (p_statuses)))
        order by d.published_on desc nulls last, d.title, d.id, h.position
        limit case when v_more then p_offset + p_limit else greatest(c_cap + 1, p_offset + p_limit) end
      );
    end if;
  end if;

  v_paragraph_total := cardinality(v_paragraphs);
  if v_more or v_paragraph_total > c_cap then
    -- More than the cap: the ids are the first ones in library order; the page is among them.
    v_more := true;
    v_paragraphs := v_paragraphs[1:p_offset + p_limit];
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
      'source_match', pg.annotation_id is null and v_source and strpos(private.search_fold(p.text), v_q) > 0,
      'translation_match', pg.annotation_id is null and v_translation and coalesce(tw.words @@ v_en, false),
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
  left join private.translation_words tw on tw.paragraph_id = pg.paragraph_id
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

-- ─── concordance ──────────────────────────────────────────────────────────────────────────────

-- As 20261204170500, reading the stored English words and matching Chinese with the cheap checks.
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
             or (not v_plain and p.text ~ private.search_pattern(v_q)))
        and p.document_id in (select d.id from public.documents d where d.project_id = p_project_id)
      limit c_cap + 1
    );
  else
    v_en := pg_catalog.phraseto_tsquery('english'::regconfig, v_q);
    if v_en is null or pg_catalog.numnode(v_en) = 0 then
      raise exception 'the selection has no English words to look for' using errcode = '22023';
    end if;
    v_ids := array(
      select tw.paragraph_id
      from private.translation_words tw
      where tw.words @@ v_en
        and tw.document_id in (select d.id from public.documents d where d.project_id = p_project_id)
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
