-- Duizhao: the library filters a project's documents by their Chinese text — those holding a
-- string anywhere in their paragraphs (any substring, folded as search folds it) — as the rows of
-- library_documents, so PostgREST filters, sorts, pages and counts them like the view itself.
-- (English words are the project search's business: a word in thousands of translations would
-- make a document filter read them all.)
--
-- Two ways to the answer, chosen per query: a string in at most 20,000 paragraphs is found through
-- the bigram index; a commoner one is answered document by document, each stopping at its first
-- paragraph that holds it, which is fast exactly when the string is common. Security definer for
-- the reason given at search_project (the text indexes cannot serve a query under RLS), with the
-- documents' read rule written out: members only.

create function public.library_documents_containing(p_project_id uuid, p_text text)
returns setof public.library_documents
language plpgsql
stable
security definer
set search_path = ''
set plan_cache_mode = force_custom_plan
as $$
declare
  -- duizhao.library_text_cap lowers it (the pgTAP suite takes both ways on a small fixture)
  c_cap constant int := coalesce(nullif(current_setting('duizhao.library_text_cap', true), '')::int, 20000);
  v_seqscan text := current_setting('enable_seqscan');
  v_q text := pg_catalog.regexp_replace(private.search_fold(btrim(coalesce(p_text, ''))), ' {2,}', ' ', 'g');
  v_plain boolean;
  v_zh tsquery;
  v_hits uuid[];
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
  v_plain := v_q !~ '[0-9a-z ]';
  v_zh := private.search_grams_query(v_q);

  -- Paragraphs of every project (the project is checked below): the only plan left is the index.
  perform set_config('enable_seqscan', 'off', true);
  v_hits := array(
    select p.document_id
    from public.paragraphs p
    where private.search_grams(p.text) @@ v_zh
      and (char_length(v_q) <= 2 or (v_plain and strpos(p.text, v_q) > 0)
           or (not v_plain and strpos(private.search_fold(p.text), v_q) > 0))
    limit c_cap + 1
  );
  perform set_config('enable_seqscan', v_seqscan, true);

  if cardinality(v_hits) <= c_cap then
    return query
      select ld.* from public.library_documents ld
      where ld.project_id = p_project_id and ld.id = any (v_hits);
  else
    return query
      select ld.* from public.library_documents ld
      where ld.project_id = p_project_id
        and exists (
              select 1 from public.paragraphs p
              where p.document_id = ld.id
                and ((v_plain and strpos(p.text, v_q) > 0) or (not v_plain and strpos(private.search_fold(p.text), v_q) > 0)));
  end if;
end
$$;
comment on function public.library_documents_containing(uuid, text) is
  'The library_documents rows of a project whose paragraphs hold p_text (any substring, folded as search folds it); members only. Filter, sort and page the result as the view.';
revoke all on function public.library_documents_containing(uuid, text) from public, anon;
grant execute on function public.library_documents_containing(uuid, text) to authenticated, service_role;
