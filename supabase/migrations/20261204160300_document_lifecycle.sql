-- Duizhao: a document's life in a project — recognising a text imported twice, and deleting a
-- document with everything that hangs on it in one transaction.

-- ─── content hash ─────────────────────────────────────────────────────────────────────────────

-- The fingerprint of a text: its paragraphs in order, NFKC-normalised (full-width digits and
-- letters, ideographic spaces) with all whitespace removed, one line each, SHA-256 in hex. The
-- same export re-imported, re-wrapped or re-indented gives the same hash; any change of wording does not.
create function private.text_fingerprint(p_paragraphs text[])
returns text
language sql
immutable
set search_path = ''
as $$
  select encode(sha256(convert_to(coalesce(string_agg(x.t, E'\n' order by x.n), ''), 'UTF8')), 'hex')
  from (
    select u.n, regexp_replace(normalize(u.t, nfkc), '[[:space:]]+', '', 'g') as t
    from unnest(p_paragraphs) with ordinality as u (t, n)
  ) x
  where x.t <> ''
$$;
comment on function private.text_fingerprint(text[]) is 'SHA-256 of the paragraphs, NFKC-normalised without whitespace: equal for the same text imported twice.';

create function private.document_fingerprint(p_document_id uuid)
returns text
language sql
stable
security definer
set search_path = ''
as $$
  select private.text_fingerprint(array(select p.text from public.paragraphs p where p.document_id = p_document_id order by p.position))
$$;

revoke all on function private.text_fingerprint(text[]), private.document_fingerprint(uuid) from public;
grant execute on function private.text_fingerprint(text[]) to authenticated, service_role;

alter table public.documents add column content_hash text;
comment on column public.documents.content_hash is 'private.text_fingerprint of the paragraphs, kept current by a trigger on paragraphs.';
create index documents_project_id_content_hash_idx on public.documents (project_id, content_hash);

-- Kept current whichever path writes the paragraphs (import, seed, owners editing a paragraph).
create function private.paragraphs_refresh_content_hash()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if tg_op = 'DELETE' then
    update public.documents d set content_hash = private.document_fingerprint(d.id)
    where d.id in (select distinct o.document_id from old_paragraphs o);
  else
    update public.documents d set content_hash = private.document_fingerprint(d.id)
    where d.id in (select distinct n.document_id from new_paragraphs n);
  end if;
  return null;
end
$$;
revoke all on function private.paragraphs_refresh_content_hash() from public;

create trigger paragraphs_refresh_content_hash_insert
  after insert on public.paragraphs
  referencing new table as new_paragraphs
  for each statement execute function private.paragraphs_refresh_content_hash();
create trigger paragraphs_refresh_content_hash_update
  after update on public.paragraphs
  referencing new table as new_paragraphs
  for each statement execute function private.paragraphs_refresh_content_hash();
create trigger paragraphs_refresh_content_hash_delete
  after delete on public.paragraphs
  referencing old table as old_paragraphs
  for each statement execute function private.paragraphs_refresh_content_hash();

-- Backfill without touching updated_at.
alter table public.documents disable trigger documents_before_write;
update public.documents d set content_hash = private.document_fingerprint(d.id);
alter table public.documents enable trigger documents_before_write;

-- Before an import: the project's documents with the same text, newest first.
create function public.find_duplicate_documents(p_project_id uuid, p_document jsonb)
returns table (id uuid, title text, created_at timestamptz, created_by uuid, created_by_name text)
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_hash text;
begin
  if (select auth.uid()) is null or not private.is_member(p_project_id) then
    raise exception 'project not found' using errcode = 'PT404';
  end if;
  if p_document is null or jsonb_typeof(p_document -> 'paragraphs') is distinct from 'array' then
    raise exception 'the document needs a paragraphs array' using errcode = '22023';
  end if;
  if exists (select 1 from jsonb_array_elements(p_document -> 'paragraphs') e
             where jsonb_typeof(e) <> 'object' or jsonb_typeof(e -> 'text') is distinct from 'string'
                or jsonb_typeof(e -> 'position') is distinct from 'number') then
    raise exception 'each paragraph needs a position and a text' using errcode = '22023';
  end if;
  v_hash := private.text_fingerprint(array(
    select e ->> 'text' from jsonb_array_elements(p_document -> 'paragraphs') e order by (e ->> 'position')::numeric));
  return query
    select d.id, d.title, d.created_at, d.created_by, pr.display_name
    from public.documents d
    left join public.profiles pr on pr.id = d.created_by
    where d.project_id = p_project_id and d.content_hash = v_hash
    order by d.created_at desc, d.id;
end
$$;
comment on function public.find_duplicate_documents(uuid, jsonb) is
  'Members ask, before importing p_document ({paragraphs: [{position, text}]}), which documents of the project hold the same text.';
revoke all on function public.find_duplicate_documents(uuid, jsonb) from public, anon;
grant execute on function public.find_duplicate_documents(uuid, jsonb) to authenticated, service_role;

-- ─── deleting a document ──────────────────────────────────────────────────────────────────────

-- What deleting the document takes with it; every note counts, drafts of others included, since
-- they go too.
create function private.document_footprint(p_document_id uuid)
returns jsonb
language sql
stable
security definer
set search_path = ''
as $$
  select jsonb_build_object(
    'document_id', d.id,
    'title', d.title,
    'paragraphs', (select count(*) from public.paragraphs p where p.document_id = d.id),
    'translations', (select count(*) from public.paragraphs p join public.translations t on t.paragraph_id = p.id
                     where p.document_id = d.id and btrim(t.text) <> ''),
    'notes', (select count(*) from public.paragraphs p join public.annotations a on a.paragraph_id = p.id where p.document_id = d.id),
    'replies', (select count(*) from public.paragraphs p join public.annotations a on a.paragraph_id = p.id
                join public.annotation_replies r on r.annotation_id = a.id where p.document_id = d.id),
    'revisions', (select count(*) from public.paragraphs p join public.translations t on t.paragraph_id = p.id
                  join public.translation_revisions v on v.translation_id = t.id where p.document_id = d.id),
    'decisions', (select count(*) from public.review_events e where e.document_id = d.id))
  from public.documents d
  where d.id = p_document_id
$$;
revoke all on function private.document_footprint(uuid) from public;

create function public.document_footprint(p_document_id uuid)
returns jsonb
language plpgsql
stable
security definer
set search_path = ''
as $$
declare
  v_project uuid := private.project_of_document(p_document_id);
begin
  if v_project is null or not private.is_member(v_project) then
    raise exception 'document not found' using errcode = 'PT404';
  end if;
  if not private.has_role(v_project, array['owner']) then
    raise exception 'only project owners delete documents' using errcode = '42501';
  end if;
  return private.document_footprint(p_document_id);
end
$$;
comment on function public.document_footprint(uuid) is
  'Owner asks what deleting the document would remove: {paragraphs, translations, notes, replies, revisions, decisions}.';

-- One statement: the document and, by cascade, its paragraphs, translations and their revisions,
-- notes and replies, review decisions and notifications go together or not at all.
create function public.delete_document(p_document_id uuid)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_project uuid;
  v_footprint jsonb;
begin
  select d.project_id into v_project from public.documents d where d.id = p_document_id for update;
  if v_project is null or not private.is_member(v_project) then
    raise exception 'document not found' using errcode = 'PT404';
  end if;
  if not private.has_role(v_project, array['owner']) then
    raise exception 'only project owners delete documents' using errcode = '42501';
  end if;
  v_footprint := private.document_footprint(p_document_id);
  delete from public.documents d where d.id = p_document_id;
  return v_footprint;
end
$$;
comment on function public.delete_document(uuid) is
  'Owner deletes a document with its paragraphs, translations, history, notes, replies and decisions in one transaction; returns what went.';

revoke all on function public.document_footprint(uuid), public.delete_document(uuid) from public, anon;
grant execute on function public.document_footprint(uuid), public.delete_document(uuid) to authenticated, service_role;

-- ─── my work ──────────────────────────────────────────────────────────────────────────────────

-- The caller's notes in every state, and the rows they translated that wait for review or came back.
create view public.my_work
with (security_invoker = true)
as
select
  'annotation'::text as item_type,
  a.id as item_id,
  a.status,
  d.project_id,
  p.document_id,
  d.title as document_title,
  a.paragraph_id,
  p.position,
  a.kind,
  coalesce(a.body_text, '') as text,
  a.review_comment,
  a.reviewed_by,
  a.reviewed_at,
  a.version,
  a.updated_at
from public.annotations a
join public.paragraphs p on p.id = a.paragraph_id
join public.documents d on d.id = p.document_id
where a.author_id = (select auth.uid())
union all
select
  'translation'::text,
  t.id,
  t.status,
  d.project_id,
  p.document_id,
  d.title,
  t.paragraph_id,
  p.position,
  null::text,
  t.text,
  t.review_comment,
  t.reviewed_by,
  t.reviewed_at,
  t.version,
  t.updated_at
from public.translations t
join public.paragraphs p on p.id = t.paragraph_id
join public.documents d on d.id = p.document_id
where t.updated_by = (select auth.uid())
  and t.status in ('translated', 'rejected');
comment on view public.my_work is 'The caller''s own work: their notes (every status) and the translations they last edited that await review or were rejected.';
-- A read model: writes are refused by privileges, never attempted on the view.
revoke insert, update, delete, truncate on public.my_work from public, anon, authenticated, service_role;
