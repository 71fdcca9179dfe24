-- Duizhao: read models for the library and review screens, and realtime publication.
-- Views run with the caller's rights (security_invoker), so RLS on the tables applies through them.

-- A paragraph counts as translated (approved) when its own translation is, or when an earlier
-- translated (approved) row's span reaches it: one English text may cover several paragraphs.
create view public.document_progress
with (security_invoker = true)
as
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
  group by p.document_id
)
select
  d.id as document_id,
  d.project_id,
  coalesce(t.paragraphs, 0) as paragraphs,
  coalesce(t.translated, 0) as translated,
  coalesce(t.approved, 0) as approved,
  coalesce(n.notes_submitted, 0) as notes_submitted,
  coalesce(n.notes_approved, 0) as notes_approved
from public.documents d
left join totals t on t.document_id = d.id
left join notes n on n.document_id = d.id;
comment on view public.document_progress is 'Per document: paragraphs, how many are translated and approved (spans included), and submitted/approved notes the caller can see.';

-- What the caller may decide on: submitted annotations and translated rows in projects where they
-- review or own, excluding their own work.
create view public.review_queue
with (security_invoker = true)
as
select
  'annotation'::text as item_type,
  a.id as item_id,
  d.project_id,
  p.document_id,
  a.paragraph_id,
  p.position,
  a.author_id,
  a.version,
  a.kind,
  coalesce(a.body_text, '') as text,
  a.updated_at
from public.annotations a
join public.paragraphs p on p.id = a.paragraph_id
join public.documents d on d.id = p.document_id
where a.status = 'submitted'
  and a.author_id <> (select auth.uid())
  and private.has_role(d.project_id, array['owner', 'reviewer'])
union all
select
  'translation'::text,
  t.id,
  d.project_id,
  p.document_id,
  t.paragraph_id,
  p.position,
  t.updated_by,
  t.version,
  null::text,
  t.text,
  t.updated_at
from public.translations t
join public.paragraphs p on p.id = t.paragraph_id
join public.documents d on d.id = p.document_id
where t.status = 'translated'
  and t.updated_by is distinct from (select auth.uid())
  and private.has_role(d.project_id, array['owner', 'reviewer']);
comment on view public.review_queue is 'Items awaiting the caller''s decision: submitted annotations and translated rows of others, in projects where the caller reviews or owns.';

-- Realtime sends these tables' changes to subscribers who may read the rows. Replica identity
-- stays default: DELETE events skip RLS, so they must carry no more than the primary key.
alter publication supabase_realtime add table public.annotations, public.translations, public.review_events;
