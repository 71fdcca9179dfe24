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
