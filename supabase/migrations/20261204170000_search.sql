-- Duizhao: project search over the Chinese text, the English translations and the notes, and
-- the concordance of a phrase.
--
-- Chinese has no spaces, so it cannot be indexed by words. It is indexed by its characters and
-- character pairs: private.search_grams turns a text into the distinct characters and bigrams of
-- its folded form, as a tsvector of literal lexemes, and a GIN index over that expression answers
-- "holds every bigram of the query" for any query of one or more characters. A substring test on
-- the folded text then drops the paragraphs that hold the bigrams apart (queries of one or two
-- characters need none: the index is exact for them). No extension and no locale is involved:
-- pg_trgm indexes nothing shorter than three characters (most Chinese words have two) and counts a
-- character only when the database's locale calls it alphanumeric. English is indexed as words
-- with the built-in `english` stemmer.

-- ─── folding and grams ────────────────────────────────────────────────────────────────────────

-- Full-width digits and letters (２０１４, Ｃ) fold to ASCII, every kind of space to one space, ASCII
-- letters to lower case; full-width punctuation stays (it is the norm in Chinese text). Character
-- for character, so an offset in the folded text is the same offset in the original. The regular
-- expression spares translate() on the many texts that hold nothing to fold; the "C" collation
-- makes lower() the same on every database.
create function private.search_fold(p_text text)
returns text
language sql
immutable
strict
parallel safe
return case
  when p_text ~ '[０-９Ａ-Ｚａ-ｚ\u3000\u00a0\t\n\r]' then pg_catalog.lower(pg_catalog.translate(
    p_text,
    '０１２３４５６７８９ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ' || E'\u3000\u00a0\t\n\r',
    '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz' || '     '
  ) collate "C")
  else pg_catalog.lower(p_text collate "C")
end;
comment on function private.search_fold(text) is
  'A text as search compares it: full-width digits and letters as ASCII, spaces of every kind as one space, ASCII letters lowered; one character for one.';

-- The characters and bigrams of the folded text. Bigrams come from two passes of non-overlapping
-- pairs (from the first and from the second character), which regexp_replace does in C.
create function private.search_grams(p_text text)
returns tsvector
language plpgsql
immutable
strict
parallel safe
-- dear enough that the planner reads it from the index rather than computing it row by row
cost 1000
as $$
declare
  f text := private.search_fold(p_text);
begin
  return pg_catalog.array_to_tsvector(pg_catalog.array_remove(
    pg_catalog.string_to_array(f, null)
      || pg_catalog.string_to_array(pg_catalog.regexp_replace(f, '(..)', E'\\1\n', 'g'), E'\n')
      || pg_catalog.string_to_array(pg_catalog.regexp_replace(pg_catalog.substr(f, 2), '(..)', E'\\1\n', 'g'), E'\n'),
    ''));
end
$$;
comment on function private.search_grams(text) is
  'The distinct characters and character pairs of the folded text, as literal lexemes: what the Chinese substring index holds.';

-- What the index must hold for a folded query: its bigrams without spaces, and the characters
-- that are in no such bigram (a one-character query, or one standing between spaces).
create function private.search_grams_query(p_folded text)
returns tsquery
language sql
immutable
strict
parallel safe
as $$
  select pg_catalog.string_agg(
           '''' || pg_catalog.replace(pg_catalog.replace(g.gram, '\', '\\'), '''', '''''') || '''', ' & ')::tsquery
  from (
    select distinct case when s.nx is not null and s.nx <> ' ' then s.ch || s.nx else s.ch end as gram
    from (
      select c.ch,
             pg_catalog.lag(c.ch) over w as pv,
             pg_catalog.lead(c.ch) over w as nx
      from pg_catalog.unnest(pg_catalog.string_to_array(p_folded, null)) with ordinality as c (ch, n)
      window w as (order by c.n)
    ) s
    where s.ch <> ' '
      and ((s.nx is not null and s.nx <> ' ') or (coalesce(s.pv, ' ') = ' '))
  ) g
$$;
comment on function private.search_grams_query(text) is
  'The tsquery a folded query asks of private.search_grams: all its space-free bigrams, and its characters that stand in no bigram.';

-- English words of a query as a tsquery: each word stemmed, the last one also as a prefix
-- ("cooperat" finds cooperation), stop words dropped. Null when nothing is left.
create function private.search_english_query(p_query text)
returns tsquery
language sql
immutable
strict
parallel safe
as $$
  with words as (
    select w.word, w.n, max(w.n) over () as last
    from pg_catalog.regexp_split_to_table(private.search_fold(p_query), '[^a-z0-9]+') with ordinality as w (word, n)
    where w.word <> ''
  ),
  stems as (
    select words.n, words.last, v.lexeme
    from words
    cross join lateral pg_catalog.unnest(pg_catalog.to_tsvector('english'::regconfig, words.word)) as v
  )
  select pg_catalog.string_agg(
           '''' || stems.lexeme || '''' || case when stems.n = stems.last then ':*' else '' end, ' & ' order by stems.n)::tsquery
  from stems
$$;
comment on function private.search_english_query(text) is
  'The English words of a query as a tsquery: stemmed, stop words dropped, the last word also a prefix; null when no word is left.';

revoke all on function private.search_fold(text), private.search_grams(text), private.search_grams_query(text),
  private.search_english_query(text) from public;
grant execute on function private.search_fold(text), private.search_grams(text), private.search_grams_query(text),
  private.search_english_query(text) to anon, authenticated, service_role;

-- ─── indexes ──────────────────────────────────────────────────────────────────────────────────

create index paragraphs_search_grams_idx on public.paragraphs using gin (private.search_grams(text));
create index translations_search_english_idx on public.translations using gin (pg_catalog.to_tsvector('english'::regconfig, text));
create index annotations_search_grams_idx on public.annotations using gin (private.search_grams(coalesce(body_text, '')));
create index annotations_search_english_idx on public.annotations
  using gin (pg_catalog.to_tsvector('english'::regconfig, coalesce(body_text, '')));
-- Search results and the library list documents in this order.
create index documents_project_order_idx on public.documents (project_id, published_on desc nulls last, title, id);

-- ─── snippets ─────────────────────────────────────────────────────────────────────────────────

-- A window of about p_width characters of p_text around the first occurrence of the folded query,
-- every occurrence inside it wrapped in U+E000 … U+E001 (private-use characters the client turns
-- into highlights), with … where the window cuts the text. The whole text when p_width is null.
create function private.search_mark(p_text text, p_folded_query text, p_width int default 120)
returns text
language plpgsql
immutable
parallel safe
set search_path = ''
as $$
declare
  v_folded text := private.search_fold(p_text);
  v_qlen int := char_length(coalesce(p_folded_query, ''));
  v_len int := char_length(p_text);
  v_first int := case when v_qlen = 0 then 0 else strpos(v_folded, p_folded_query) end;
  v_from int;
  v_to int;
  v_pos int;
  v_at int;
  v_out text := '';
begin
  if p_text is null then
    return null;
  end if;
  if p_width is null then
    v_from := 1;
    v_to := v_len;
  elsif v_first = 0 then
    return case when v_len > p_width then left(p_text, p_width) || '…' else p_text end;
  else
    v_from := greatest(1, least(v_first - p_width / 4, v_len - p_width + 1));
    v_to := least(v_len, v_from + p_width - 1);
  end if;
  v_pos := v_from;
  if v_qlen > 0 then
    loop
      v_at := strpos(substr(v_folded, v_pos, v_to - v_pos + 1), p_folded_query);
      exit when v_at = 0;
      v_at := v_pos + v_at - 1;
      v_out := v_out || substr(p_text, v_pos, v_at - v_pos) || E'\uE000' || substr(p_text, v_at, v_qlen) || E'\uE001';
      v_pos := v_at + v_qlen;
    end loop;
  end if;
  v_out := v_out || substr(p_text, v_pos, v_to - v_pos + 1);
  return case when v_from > 1 then '…' else '' end || v_out || case when v_to < v_len then '…' else '' end;
end
$$;
comment on function private.search_mark(text, text, int) is
  'A window of the text around the first match of the folded query, matches wrapped in U+E000…U+E001; the whole text when p_width is null.';

-- English with the words of p_query wrapped like search_mark's; the start of the text when nothing matches.
create function private.search_mark_english(p_text text, p_query tsquery, p_whole boolean default false)
returns text
language sql
stable
parallel safe
set search_path = ''
as $$
  select case
    when p_text is null or p_text = '' then p_text
    when p_query is null or not (pg_catalog.to_tsvector('english'::regconfig, p_text) @@ p_query) then
      case when p_whole or char_length(p_text) <= 240 then p_text else left(p_text, 240) || '…' end
    else pg_catalog.ts_headline('english'::regconfig, p_text, p_query,
      case when p_whole or char_length(p_text) <= 240 then E'StartSel=\uE000, StopSel=\uE001, HighlightAll=true'
           else E'StartSel=\uE000, StopSel=\uE001, MaxWords=40, MinWords=20, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "' end)
  end
$$;

-- The English of a paragraph's row: its own translation's text, or that of an earlier row whose
-- span covers it (looking back at most 100 paragraphs); '' when the row has none.
create function private.row_english(p_paragraph_id uuid)
returns text
language sql
stable
set search_path = ''
as $$
  select coalesce((
    select case when p2.position + t.span - 1 >= p.position then t.text else '' end
    from public.paragraphs p
    join public.paragraphs p2 on p2.document_id = p.document_id and p2.position <= p.position and p2.position > p.position - 100
    join public.translations t on t.paragraph_id = p2.id
    where p.id = p_paragraph_id and t.text <> ''
    order by p2.position desc
    limit 1
  ), '')
$$;
comment on function private.row_english(uuid) is 'The English of a paragraph''s row: its own translation, or that of an earlier row whose span covers it; empty when none.';

-- The Chinese a row's English renders: the paragraph and those its translation's span covers.
create function private.row_chinese(p_paragraph_id uuid)
returns text
language sql
stable
set search_path = ''
as $$
  select string_agg(p2.text, '' order by p2.position)
  from public.paragraphs p
  join public.translations t on t.paragraph_id = p.id
  join public.paragraphs p2 on p2.document_id = p.document_id and p2.position between p.position and p.position + t.span - 1
  where p.id = p_paragraph_id
$$;
comment on function private.row_chinese(uuid) is 'The Chinese of a row: the paragraph and the ones its translation''s span covers.';

revoke all on function private.search_mark(text, text, int), private.search_mark_english(text, tsquery, boolean),
  private.row_english(uuid), private.row_chinese(uuid) from public;
grant execute on function private.search_mark(text, text, int), private.search_mark_english(text, tsquery, boolean),
  private.row_english(uuid), private.row_chinese(uuid) to authenticated, service_role;

-- ─── project search ───────────────────────────────────────────────────────────────────────────

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
create function public.search_project(
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
  if exists (select 1 from unnest(p_statuses) s where s is null or s not in ('empty', 'draft', 'translated', 'approved')) then
    raise exception 'p_statuses lists empty, draft, translated and/or approved' using errcode = '22023';
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
revoke all on function public.search_project(uuid, text, text[], uuid[], text[], text[], text[], uuid[], int, int) from public, anon;
grant execute on function public.search_project(uuid, text, text[], uuid[], text[], text[], text[], uuid[], int, int)
  to authenticated, service_role;

-- ─── concordance ──────────────────────────────────────────────────────────────────────────────

-- Every row of a project whose Chinese contains p_text (p_language 'zh': any substring, folded as
-- search folds) or whose English contains it as a phrase (p_language 'en': stemmed words in order),
-- in library order, each with its text (occurrences marked as in search_project) and the aligned
-- text of the other language; at most p_limit rows (total says how many there are, up to 2,000).
-- `background` holds the other-language text of up to 300 other rows of the same documents, the
-- contrast the client needs to tell a selection's renderings from words that are everywhere.
-- Security definer for the reason given at search_project; the caller must be a project member.
create function public.concordance(p_project_id uuid, p_text text, p_language text default 'zh', p_limit int default 500)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
set plan_cache_mode = force_custom_plan
as $$
declare
  c_cap constant int := 2000;
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

  -- Other rows of the hit documents, as contrast for the renderings.
  select coalesce(jsonb_agg(b.aligned), '[]'::jsonb) into v_background
  from (
    select case when p_language = 'zh' then t.text else private.row_chinese(p.id) end as aligned
    from public.paragraphs p
    join public.translations t on t.paragraph_id = p.id
    where p.document_id in (select p2.document_id from public.paragraphs p2 where p2.id = any (v_ids[1:c_cap]))
      and not (p.id = any (v_ids))
      and t.text <> ''
    order by p.id
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
revoke all on function public.concordance(uuid, text, text, int) from public, anon;
grant execute on function public.concordance(uuid, text, text, int) to authenticated, service_role;
