-- Duizhao: the collections a project's documents come from, with how many documents each, for the
-- library's collection filter (PostgREST has no DISTINCT; 10,000 rows should not come down for it).

create view public.library_collections
with (security_invoker = true)
as
select d.project_id, d.collection, count(*)::int as documents
from public.documents d
where d.collection is not null
group by d.project_id, d.collection;
comment on view public.library_collections is 'Per project, each collection its documents come from and how many documents it holds.';

-- A read model: writes are refused by privileges.
revoke insert, update, delete, truncate on public.library_collections from public, anon, authenticated, service_role;

create index documents_project_collection_idx on public.documents (project_id, collection);

-- Every document has its counters row (a trigger adds it with the document), so the list joins
-- them directly: sorted by progress, a page then reads document_stats' (project_id, progress) index
-- instead of sorting the whole project.
create or replace view public.library_documents
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
  s.paragraphs,
  s.translated,
  s.approved,
  s.notes_submitted,
  s.notes_approved,
  s.progress
from public.documents d
join public.document_stats s on s.document_id = d.id;

create index document_stats_project_progress_desc_idx on public.document_stats (project_id, progress desc, document_id);
drop index public.document_stats_project_progress_idx;
