-- Duizhao: the library's "Text contains" finds a document by any of its text, in either language:
-- its title or source line (any script), its Chinese (any substring, as before), and the English
-- of its translations (by word, stemmed, the last word a prefix — as search reads English; for
-- text with a Latin letter). A reader who remembers a phrase of the English, or an English
-- title, finds the document too.
--
-- The English comes from private.translation_words (20261204176000), which carries each row's
-- document: up to 20,000 matching rows are read through its GIN index and their documents
-- collected; a commoner word is confirmed document by document (each stops at its first matching
-- row, and a word that common is in most of them). Titles are few (one a document): each title
-- and source line is tested with the cheap checks search uses. The Chinese paragraphs are checked
-- with the query's pattern (private.search_pattern) instead of folding every paragraph.

create or replace function public.library_documents_containing(p_project_id uuid, p_text text)
returns setof public.library_documents
language plpgsql
stable
security definer
set search_path = ''
set plan_cache_mode = force_custom_plan
as $$
declare
  -- duizhao.library_text_cap lowers it (the pgTAP suite takes every way on a small fixture)
  c_paragraph_cap constant int := coalesce(nullif(current_setting('duizhao.library_text_cap', true), '')::int, 20000);
  v_seqscan text := current_setting('enable_seqscan');
  v_q text := pg_catalog.regexp_replace(private.search_fold(btrim(coalesce(p_text, ''))), ' {2,}', ' ', 'g');
  -- one or two characters without a space: the document's grams say exactly whether it holds them
  v_exact boolean;
  v_plain boolean;
  v_pattern text;
  v_zh tsquery;
  v_en tsquery;
  -- documents whose grams hold the query's (confirmed: the grams say so exactly)
  v_confirmed uuid[];
  -- documents whose paragraphs must still be read
  v_candidates uuid[];
  -- documents found by title or by English
  v_other uuid[];
  v_rows uuid[];
begin
  if (select auth.uid()) is null or not private.is_member(p_project_id) then
    raise exception 'project not found' using errcode = 'PT404';
  end if;
  if v_q = '' or v_q = ' ' then
    raise exception 'type some text to look for' using errcode = '22023';
  end if;
  if char_length(v_q) > 200 then
    raise exception 'the text is longer than 200 characters' using errcode = '22023';
  end if;
  v_exact := char_length(v_q) <= 2 and strpos(v_q, ' ') = 0;
  v_plain := v_q !~ '[0-9a-z ]';
  v_pattern := case when not v_plain then private.search_pattern(v_q) end;
  v_zh := private.search_grams_query(v_q);
  -- English words only when there is a letter: a number is in the Chinese of the same document
  -- (and "1" as an English prefix would be read in 150,000 translations)
  v_en := case when v_q ~ '[a-z]' then private.search_english_query(v_q) end;

  -- Titles and source lines.
  v_other := array(
    select d.id from public.documents d
    where d.project_id = p_project_id
      and case when v_plain then strpos(d.title, v_q) > 0 or strpos(coalesce(d.source_line, ''), v_q) > 0
               else d.title ~ v_pattern or coalesce(d.source_line, '') ~ v_pattern end);

  perform set_config('enable_seqscan', 'off', true);
  -- The English of the translations.
  if v_en is not null then
    v_rows := array(
      select tw.document_id from private.translation_words tw
      where tw.words @@ v_en
        and tw.document_id in (select d.id from public.documents d where d.project_id = p_project_id)
      limit c_paragraph_cap + 1);
    if cardinality(v_rows) <= c_paragraph_cap then
      v_other := v_other || array(select distinct x from unnest(v_rows) x);
    else
      v_other := v_other || array(
        select d.id from public.documents d
        where d.project_id = p_project_id
          and exists (select 1 from private.translation_words tw where tw.document_id = d.id and tw.words @@ v_en));
    end if;
  end if;

  -- The Chinese.
  if v_zh is null then
    perform set_config('enable_seqscan', v_seqscan, true);
    return query
      select ld.* from public.library_documents ld
      where ld.project_id = p_project_id and ld.id = any (v_other);
    return;
  end if;
  if not v_exact then
    -- the paragraphs' index: every paragraph holding the string, if there are not too many
    v_confirmed := array(
      select p.document_id from public.paragraphs p
      where private.search_grams(p.text) @@ v_zh
        and case when v_plain then strpos(p.text, v_q) > 0 else p.text ~ v_pattern end
      limit c_paragraph_cap + 1);
    if cardinality(v_confirmed) <= c_paragraph_cap then
      perform set_config('enable_seqscan', v_seqscan, true);
      return query
        select ld.* from public.library_documents ld
        where ld.project_id = p_project_id and ld.id = any (v_confirmed || v_other);
      return;
    end if;
  end if;
  v_confirmed := array(
    select g.document_id from private.document_grams g
    join public.documents d on d.id = g.document_id
    where g.grams @@ v_zh and d.project_id = p_project_id);
  v_candidates := array(
    select g.document_id from private.document_grams g
    join public.documents d on d.id = g.document_id
    where g.grams is null and d.project_id = p_project_id);
  perform set_config('enable_seqscan', v_seqscan, true);
  if not v_exact then
    v_candidates := v_candidates || v_confirmed;
    v_confirmed := '{}';
  end if;
  v_confirmed := v_confirmed || array(
    select c.id from unnest(v_candidates) as c (id)
    where not (c.id = any (v_other))
      and exists (
        select 1 from public.paragraphs p
        where p.document_id = c.id
          and case when v_plain then strpos(p.text, v_q) > 0 else p.text ~ v_pattern end));

  return query
    select ld.* from public.library_documents ld
    where ld.project_id = p_project_id and ld.id = any (v_confirmed || v_other);
end
$$;
comment on function public.library_documents_containing(uuid, text) is
  'The library_documents rows of a project whose title or source line, Chinese text (any substring, folded) or English translations (by word, stemmed, last word a prefix) contain the text.';
