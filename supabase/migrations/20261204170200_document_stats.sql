-- Duizhao: per-document counters kept up to date by triggers, so the library lists, sorts and
-- pages a project of 10,000 documents (by date, title or progress) without reading paragraphs.
--
-- A document's counters are recomputed from its rows whenever a statement changes its paragraphs,
-- the status or span of a translation, or a note's status: cheap (one document), exact (spans
-- included, as document_progress always counted them) and free of drift. Saving only the text of
-- a translation, what autosave does, changes no counter and recomputes nothing.

create table public.document_stats (
  document_id uuid primary key references public.documents (id) on delete cascade,
  project_id uuid not null references public.projects (id) on delete cascade,
  paragraphs int not null default 0,
  translated int not null default 0,
  approved int not null default 0,
  notes_submitted int not null default 0,
  notes_approved int not null default 0,
  -- share of paragraphs translated (approved ones included), 0 for an empty document
  progress real generated always as (case when paragraphs = 0 then 0 else translated::real / paragraphs end) stored,
  updated_at timestamptz not null default now()
);
comment on table public.document_stats is 'Counters per document (paragraphs, translated, approved, submitted and approved notes), maintained by triggers; read through document_progress and library_documents.';
create index document_stats_project_progress_idx on public.document_stats (project_id, progress);

alter table public.document_stats enable row level security;

create policy "document_stats: members read" on public.document_stats
  for select to authenticated
  using (project_id in (select private.member_project_ids()));

revoke insert, update, delete, truncate on public.document_stats from anon, authenticated;

-- Recomputes the counters of these documents. The rows are locked first, in a fixed order, and
-- counted in a later statement: under READ COMMITTED that statement sees every transaction that
-- changed the document before the lock was granted, so concurrent saves never lose a count.
create function private.refresh_document_stats(p_document_ids uuid[])
returns void
language plpgsql
volatile
security definer
set search_path = ''
as $$
begin
  if p_document_ids is null or cardinality(p_document_ids) = 0 then
    return;
  end if;
  insert into public.document_stats (document_id, project_id)
  select d.id, d.project_id from public.documents d where d.id = any (p_document_ids)
  on conflict (document_id) do nothing;

  perform 1 from public.document_stats s
  where s.document_id = any (p_document_ids)
  order by s.document_id
  for update;

  with rows as (
    select
      p.document_id,
      p.position,
      max(case when t.status in ('translated', 'approved') then p.position + t.span - 1 end)
        over (partition by p.document_id order by p.position rows between unbounded preceding and current row)
        as translated_through,
      max(case when t.status = 'approved' then p.position + t.span - 1 end)
        over (partition by p.document_id order by p.position rows between unbounded preceding and current row)
        as approved_through
    from public.paragraphs p
    join public.translations t on t.paragraph_id = p.id
    where p.document_id = any (p_document_ids)
  ),
  totals as (
    select
      r.document_id,
      count(*)::int as paragraphs,
      count(*) filter (where r.translated_through >= r.position)::int as translated,
      count(*) filter (where r.approved_through >= r.position)::int as approved
    from rows r
    group by r.document_id
  ),
  notes as (
    select
      p.document_id,
      count(*) filter (where a.status = 'submitted')::int as notes_submitted,
      count(*) filter (where a.status = 'approved')::int as notes_approved
    from public.annotations a
    join public.paragraphs p on p.id = a.paragraph_id
    where p.document_id = any (p_document_ids)
    group by p.document_id
  )
  update public.document_stats s
     set paragraphs = coalesce(t.paragraphs, 0),
         translated = coalesce(t.translated, 0),
         approved = coalesce(t.approved, 0),
         notes_submitted = coalesce(n.notes_submitted, 0),
         notes_approved = coalesce(n.notes_approved, 0),
         updated_at = now()
    from public.documents d
    left join totals t on t.document_id = d.id
    left join notes n on n.document_id = d.id
   where d.id = s.document_id
     and s.document_id = any (p_document_ids)
     and (s.paragraphs, s.translated, s.approved, s.notes_submitted, s.notes_approved)
         is distinct from (coalesce(t.paragraphs, 0), coalesce(t.translated, 0), coalesce(t.approved, 0),
                           coalesce(n.notes_submitted, 0), coalesce(n.notes_approved, 0));
end
$$;
comment on function private.refresh_document_stats(uuid[]) is 'Recounts the paragraphs, translated/approved rows (spans included) and submitted/approved notes of these documents.';

create function private.documents_create_stats()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  insert into public.document_stats (document_id, project_id)
  select n.id, n.project_id from new_documents n
  on conflict (document_id) do nothing;
  return null;
end
$$;

create trigger documents_create_stats
  after insert on public.documents
  referencing new table as new_documents
  for each statement execute function private.documents_create_stats();

create function private.paragraphs_refresh_stats()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform private.refresh_document_stats(array(select distinct n.document_id from new_paragraphs n));
  else
    -- a deleted document takes its counters with it
    perform private.refresh_document_stats(array(
      select distinct o.document_id from old_paragraphs o
      where exists (select 1 from public.documents d where d.id = o.document_id)));
  end if;
  return null;
end
$$;

-- After the translations trigger (names fire in order: paragraphs_create_… < paragraphs_refresh_…),
-- so the new paragraphs already have their translation rows.
create trigger paragraphs_refresh_stats_insert
  after insert on public.paragraphs
  referencing new table as new_paragraphs
  for each statement execute function private.paragraphs_refresh_stats();
create trigger paragraphs_refresh_stats_delete
  after delete on public.paragraphs
  referencing old table as old_paragraphs
  for each statement execute function private.paragraphs_refresh_stats();

create function private.translations_refresh_stats()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.refresh_document_stats(array(
    select distinct p.document_id
    from new_translations n
    join old_translations o on o.id = n.id
    join public.paragraphs p on p.id = n.paragraph_id
    where n.status is distinct from o.status or n.span is distinct from o.span));
  return null;
end
$$;

create trigger translations_refresh_stats
  after update on public.translations
  referencing old table as old_translations new table as new_translations
  for each statement execute function private.translations_refresh_stats();

create function private.annotations_refresh_stats()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    perform private.refresh_document_stats(array(
      select distinct p.document_id from new_annotations n join public.paragraphs p on p.id = n.paragraph_id
      where n.status in ('submitted', 'approved')));
  elsif tg_op = 'DELETE' then
    perform private.refresh_document_stats(array(
      select distinct p.document_id from old_annotations o join public.paragraphs p on p.id = o.paragraph_id
      where o.status in ('submitted', 'approved')));
  else
    perform private.refresh_document_stats(array(
      select distinct p.document_id
      from new_annotations n
      join old_annotations o on o.id = n.id
      join public.paragraphs p on p.id in (n.paragraph_id, o.paragraph_id)
      where n.status is distinct from o.status or n.paragraph_id is distinct from o.paragraph_id));
  end if;
  return null;
end
$$;

create trigger annotations_refresh_stats_insert
  after insert on public.annotations
  referencing new table as new_annotations
  for each statement execute function private.annotations_refresh_stats();
create trigger annotations_refresh_stats_update
  after update on public.annotations
  referencing old table as old_annotations new table as new_annotations
  for each statement execute function private.annotations_refresh_stats();
create trigger annotations_refresh_stats_delete
  after delete on public.annotations
  referencing old table as old_annotations
  for each statement execute function private.annotations_refresh_stats();

revoke all on function private.refresh_document_stats(uuid[]), private.documents_create_stats(),
  private.paragraphs_refresh_stats(), private.translations_refresh_stats(), private.annotations_refresh_stats() from public;

-- Counters for the documents imported before this migration.
select private.refresh_document_stats(array(select d.id from public.documents d));

-- document_progress keeps its columns and now reads the counters.
create or replace view public.document_progress
with (security_invoker = true)
as
select
  d.id as document_id,
  d.project_id,
  coalesce(s.paragraphs, 0) as paragraphs,
  coalesce(s.translated, 0) as translated,
  coalesce(s.approved, 0) as approved,
  coalesce(s.notes_submitted, 0) as notes_submitted,
  coalesce(s.notes_approved, 0) as notes_approved
from public.documents d
left join public.document_stats s on s.document_id = d.id;
comment on view public.document_progress is 'Per document: paragraphs, how many are translated and approved (spans included), and submitted/approved notes; read from document_stats.';

-- The library's list: one row per document with its counters, for filtering (keyword, collection,
-- date range, title), sorting (date, title, progress) and paging through PostgREST.
create view public.library_documents
with (security_invoker = true)
as
select
  d.id,
  d.project_id,
  d.title,
  d.published_on,
  d.keywords,
  d.collection,
  d.source_line,
  d.created_at,
  d.updated_at,
  coalesce(s.paragraphs, 0) as paragraphs,
  coalesce(s.translated, 0) as translated,
  coalesce(s.approved, 0) as approved,
  coalesce(s.notes_submitted, 0) as notes_submitted,
  coalesce(s.notes_approved, 0) as notes_approved,
  coalesce(s.progress, 0) as progress
from public.documents d
left join public.document_stats s on s.document_id = d.id;
comment on view public.library_documents is 'Documents with their counters (paragraphs, translated, approved, notes, progress 0..1), for the library''s filtered, sorted, paged list.';

create index documents_project_title_idx on public.documents (project_id, title, id);
create index documents_project_created_idx on public.documents (project_id, created_at desc, id);
create index documents_keywords_idx on public.documents using gin (keywords);

-- A read model: writes are refused by privileges, like document_progress's.
revoke insert, update, delete, truncate on public.library_documents from public, anon, authenticated, service_role;
