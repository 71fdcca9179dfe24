-- Duizhao: the library filters a project's documents by their Chinese text — those holding a
-- string anywhere in their paragraphs (any substring, folded as search folds it) — as the rows of
-- library_documents, so PostgREST filters, sorts, pages and counts them like the view itself.
-- (English words are the project search's business.)
--
-- Each document's characters and bigrams over its whole text are kept in private.document_grams
-- (by triggers on paragraphs), under a GIN index: for a query of one or two characters the index
-- answers exactly which documents hold it, for a longer one which documents hold all its bigrams,
-- and those are checked paragraph by paragraph, each stopping at its first match. A common string
-- then costs one index lookup over documents, not a visit to every paragraph that holds it. The
-- table is in the private schema: nothing reads it but this filter.

-- ─── the documents' grams ─────────────────────────────────────────────────────────────────────

create table private.document_grams (
  document_id uuid primary key references public.documents (id) on delete cascade,
  -- null when too large for a tsvector: the document is then always checked paragraph by paragraph
  grams tsvector
);
comment on table private.document_grams is
  'private.search_grams of each document''s paragraphs (one per line), kept by triggers on paragraphs; for the library''s text filter.';
revoke all on private.document_grams from public, anon, authenticated;

create function private.document_search_grams(p_document_id uuid)
returns tsvector
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_text text;
begin
  select string_agg(p.text, E'\n' order by p.position) into v_text
  from public.paragraphs p where p.document_id = p_document_id;
  if v_text is null then
    return ''::tsvector;
  end if;
  if char_length(v_text) > 1000000 then
    return null;
  end if;
  begin
    return private.search_grams(v_text);
  exception when program_limit_exceeded then
    -- more distinct characters and pairs than a tsvector holds (1 MB)
    return null;
  end;
end
$$;
comment on function private.document_search_grams(uuid) is 'The characters and bigrams of a document''s whole text; null when they do not fit a tsvector.';

create function private.refresh_document_grams(p_document_ids uuid[])
returns void
language sql
security definer
set search_path = ''
as $$
  insert into private.document_grams as g (document_id, grams)
  select d.id, private.document_search_grams(d.id)
  from public.documents d
  where d.id = any (p_document_ids)
  on conflict (document_id) do update set grams = excluded.grams
$$;

create function private.paragraphs_refresh_document_grams()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform private.refresh_document_grams(array(select distinct n.document_id from new_paragraphs n));
  elsif tg_op = 'DELETE' then
    perform private.refresh_document_grams(array(select distinct o.document_id from old_paragraphs o));
  else
    perform private.refresh_document_grams(array(
      select n.document_id from new_paragraphs n join old_paragraphs o on o.id = n.id
      where n.text is distinct from o.text or n.document_id is distinct from o.document_id
      union
      select o.document_id from new_paragraphs n join old_paragraphs o on o.id = n.id
      where n.document_id is distinct from o.document_id));
  end if;
  return null;
end
$$;
revoke all on function private.document_search_grams(uuid), private.refresh_document_grams(uuid[]), private.paragraphs_refresh_document_grams() from public;

create trigger paragraphs_refresh_document_grams_insert
  after insert on public.paragraphs
  referencing new table as new_paragraphs
  for each statement execute function private.paragraphs_refresh_document_grams();
create trigger paragraphs_refresh_document_grams_update
  after update on public.paragraphs
  referencing old table as old_paragraphs new table as new_paragraphs
  for each statement execute function private.paragraphs_refresh_document_grams();
create trigger paragraphs_refresh_document_grams_delete
  after delete on public.paragraphs
  referencing old table as old_paragraphs
  for each statement execute function private.paragraphs_refresh_document_grams();

select private.refresh_document_grams(array(select d.id from public.documents d));

create index document_grams_grams_idx on private.document_grams using gin (grams);

-- ─── the filter ───────────────────────────────────────────────────────────────────────────────

-- Security definer for the reason given at search_project (the text index cannot serve a query
-- under RLS), with the documents' read rule written out: members only.
create function public.library_documents_containing(p_project_id uuid, p_text text)
returns setof public.library_documents
language plpgsql
stable
security definer
set search_path = ''
set plan_cache_mode = force_custom_plan
as $$
declare
  v_q text := pg_catalog.regexp_replace(private.search_fold(btrim(coalesce(p_text, ''))), ' {2,}', ' ', 'g');
  -- one or two characters without a space: the document's grams say exactly whether it holds them
  v_exact boolean;
  v_plain boolean;
  v_zh tsquery;
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
  v_zh := private.search_grams_query(v_q);

  return query
    select ld.*
    from public.library_documents ld
    join private.document_grams g on g.document_id = ld.id
    where ld.project_id = p_project_id
      and (g.grams is null or g.grams @@ v_zh)
      and ((v_exact and g.grams is not null) or exists (
            select 1 from public.paragraphs p
            where p.document_id = ld.id
              and ((v_plain and strpos(p.text, v_q) > 0) or (not v_plain and strpos(private.search_fold(p.text), v_q) > 0))));
end
$$;
comment on function public.library_documents_containing(uuid, text) is
  'The library_documents rows of a project whose paragraphs hold p_text (any substring, folded as search folds it); members only. Filter, sort and page the result as the view.';
revoke all on function public.library_documents_containing(uuid, text) from public, anon;
grant execute on function public.library_documents_containing(uuid, text) to authenticated, service_role;
