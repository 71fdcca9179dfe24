-- Duizhao: imported documents and their Chinese paragraphs, and the atomic import RPC.

create table public.documents (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  title text not null check (char_length(btrim(title)) > 0),
  published_on date,
  keywords text[] not null default '{}',
  collection text,
  source_line text,
  metadata jsonb not null default '{}'::jsonb check (jsonb_typeof(metadata) = 'object'),
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
comment on table public.documents is 'A Chinese source document of a project, with the export''s header fields (keywords, collection, date, metadata).';
create index documents_project_id_idx on public.documents (project_id);
create index documents_created_by_idx on public.documents (created_by);

create table public.paragraphs (
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null references public.documents (id) on delete cascade,
  position int not null check (position >= 1),
  kind text not null default 'body' check (kind in ('heading', 'body', 'closing')),
  text text not null check (char_length(text) > 0),
  created_at timestamptz not null default now(),
  -- Checked at the end of each statement, so one UPDATE can renumber a document.
  constraint paragraphs_document_id_position_key unique (document_id, position) deferrable initially immediate
);
comment on table public.paragraphs is 'The paragraphs of a document in reading order (position is 1-based); the unit everything else hangs on.';

alter table public.documents enable row level security;
alter table public.paragraphs enable row level security;

create function private.project_of_document(p_document_id uuid)
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select d.project_id from public.documents d where d.id = p_document_id
$$;

create function private.project_of_paragraph(p_paragraph_id uuid)
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select d.project_id
  from public.paragraphs p
  join public.documents d on d.id = p.document_id
  where p.id = p_paragraph_id
$$;

create function private.member_document_ids()
returns setof uuid
language sql
stable
security definer
set search_path = ''
as $$
  select d.id
  from public.documents d
  where d.project_id in (select m.project_id from public.project_members m where m.user_id = (select auth.uid()))
$$;
comment on function private.member_document_ids() is 'The documents of the projects the signed-in user belongs to.';

revoke all on function private.project_of_document(uuid), private.project_of_paragraph(uuid), private.member_document_ids() from public;
grant execute on function private.project_of_document(uuid), private.project_of_paragraph(uuid), private.member_document_ids()
  to anon, authenticated, service_role;

create function private.documents_before_write()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if tg_op = 'INSERT' then
    new.created_by := coalesce((select auth.uid()), new.created_by);
    new.created_at := now();
  elsif pg_trigger_depth() > 1 then
    -- a foreign-key action (the creator's account deleted: created_by set null)
    return new;
  else
    if new.project_id is distinct from old.project_id then
      raise exception 'a document cannot move to another project' using errcode = '42501';
    end if;
    new.id := old.id;
    new.created_by := old.created_by;
    new.created_at := old.created_at;
  end if;
  new.updated_at := now();
  return new;
end
$$;

create trigger documents_before_write
  before insert or update on public.documents
  for each row execute function private.documents_before_write();

create function private.paragraphs_before_update()
returns trigger
language plpgsql
set search_path = ''
as $$
begin
  if new.document_id is distinct from old.document_id then
    raise exception 'a paragraph cannot move to another document' using errcode = '42501';
  end if;
  new.id := old.id;
  new.created_at := old.created_at;
  return new;
end
$$;

create trigger paragraphs_before_update
  before update on public.paragraphs
  for each row execute function private.paragraphs_before_update();

revoke all on function private.documents_before_write(), private.paragraphs_before_update() from public;

create policy "documents: members read" on public.documents
  for select to authenticated
  using (project_id in (select private.member_project_ids()));

create policy "documents: owners create" on public.documents
  for insert to authenticated
  with check (private.has_role(project_id, array['owner']));

create policy "documents: owners update" on public.documents
  for update to authenticated
  using (private.has_role(project_id, array['owner']))
  with check (private.has_role(project_id, array['owner']));

create policy "documents: owners delete" on public.documents
  for delete to authenticated
  using (private.has_role(project_id, array['owner']));

create policy "paragraphs: members read" on public.paragraphs
  for select to authenticated
  using (document_id in (select private.member_document_ids()));

create policy "paragraphs: owners create" on public.paragraphs
  for insert to authenticated
  with check (private.has_role(private.project_of_document(document_id), array['owner']));

create policy "paragraphs: owners update" on public.paragraphs
  for update to authenticated
  using (private.has_role(private.project_of_document(document_id), array['owner']))
  with check (private.has_role(private.project_of_document(document_id), array['owner']));

create policy "paragraphs: owners delete" on public.paragraphs
  for delete to authenticated
  using (private.has_role(private.project_of_document(document_id), array['owner']));

revoke truncate on public.documents, public.paragraphs from anon, authenticated;

-- ─── import ───────────────────────────────────────────────────────────────────────────────────

-- Validates and stores a parsed document. No permission check and no auth.uid(): the seed (run as
-- the superuser) calls it directly, with a fixed document id; clients go through public.import_document.
create function private.import_document(p_project_id uuid, p_document jsonb, p_created_by uuid, p_document_id uuid default null)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_paragraphs jsonb;
  v_count int;
  v_bad bigint;
  v_published_on date;
  v_keywords text[] := '{}';
  v_metadata jsonb := '{}'::jsonb;
  v_document_id uuid;
begin
  if p_document is null or jsonb_typeof(p_document) <> 'object' then
    raise exception 'the document must be a JSON object' using errcode = '22023';
  end if;
  if jsonb_typeof(p_document -> 'title') is distinct from 'string' or btrim(p_document ->> 'title') = '' then
    raise exception 'the document needs a title' using errcode = '22023';
  end if;

  v_paragraphs := p_document -> 'paragraphs';
  if jsonb_typeof(v_paragraphs) is distinct from 'array' or jsonb_array_length(v_paragraphs) = 0 then
    raise exception 'the document needs at least one paragraph' using errcode = '22023';
  end if;
  v_count := jsonb_array_length(v_paragraphs);

  select o.i into v_bad
  from jsonb_array_elements(v_paragraphs) with ordinality as o (e, i)
  where jsonb_typeof(o.e) is distinct from 'object'
     or jsonb_typeof(o.e -> 'position') is distinct from 'number'
     or (o.e ->> 'position') !~ '^[0-9]+$'
  order by o.i
  limit 1;
  if v_bad is not null then
    raise exception 'paragraph % needs a whole-number position', v_bad using errcode = '22023';
  end if;

  select o.i into v_bad
  from jsonb_array_elements(v_paragraphs) with ordinality as o (e, i)
  where coalesce(o.e ->> 'kind', 'body') not in ('heading', 'body', 'closing')
  order by o.i
  limit 1;
  if v_bad is not null then
    raise exception 'paragraph % has an unknown kind (heading, body or closing)', v_bad using errcode = '22023';
  end if;

  select o.i into v_bad
  from jsonb_array_elements(v_paragraphs) with ordinality as o (e, i)
  where jsonb_typeof(o.e -> 'text') is distinct from 'string' or o.e ->> 'text' = ''
  order by o.i
  limit 1;
  if v_bad is not null then
    raise exception 'paragraph % has no text', v_bad using errcode = '22023';
  end if;

  if (
    select count(distinct (e ->> 'position')::bigint) <> v_count
        or min((e ->> 'position')::bigint) <> 1
        or max((e ->> 'position')::bigint) <> v_count
    from jsonb_array_elements(v_paragraphs) as e
  ) then
    raise exception 'paragraph positions must run 1..% without gaps or repeats', v_count using errcode = '22023';
  end if;

  if jsonb_typeof(p_document -> 'published_on') = 'string' then
    begin
      v_published_on := (p_document ->> 'published_on')::date;
    exception when others then
      raise exception 'published_on is not a date: %', p_document ->> 'published_on' using errcode = '22023';
    end;
  elsif coalesce(jsonb_typeof(p_document -> 'published_on'), 'null') <> 'null' then
    raise exception 'published_on must be a YYYY-MM-DD string' using errcode = '22023';
  end if;

  if jsonb_typeof(p_document -> 'keywords') = 'array' then
    if exists (select 1 from jsonb_array_elements(p_document -> 'keywords') k where jsonb_typeof(k) <> 'string') then
      raise exception 'keywords must be strings' using errcode = '22023';
    end if;
    v_keywords := array(select jsonb_array_elements_text(p_document -> 'keywords'));
  elsif coalesce(jsonb_typeof(p_document -> 'keywords'), 'null') <> 'null' then
    raise exception 'keywords must be an array of strings' using errcode = '22023';
  end if;

  if jsonb_typeof(p_document -> 'metadata') = 'object' then
    v_metadata := p_document -> 'metadata';
  elsif coalesce(jsonb_typeof(p_document -> 'metadata'), 'null') <> 'null' then
    raise exception 'metadata must be a JSON object' using errcode = '22023';
  end if;

  if coalesce(jsonb_typeof(p_document -> 'collection'), 'null') not in ('string', 'null')
     or coalesce(jsonb_typeof(p_document -> 'source_line'), 'null') not in ('string', 'null') then
    raise exception 'collection and source_line must be strings' using errcode = '22023';
  end if;

  insert into public.documents (id, project_id, title, published_on, keywords, collection, source_line, metadata, created_by)
  values (
    coalesce(p_document_id, gen_random_uuid()),
    p_project_id,
    btrim(p_document ->> 'title'),
    v_published_on,
    v_keywords,
    p_document ->> 'collection',
    p_document ->> 'source_line',
    v_metadata,
    p_created_by
  )
  returning id into v_document_id;

  -- One statement, so the translations trigger sees every paragraph at once.
  insert into public.paragraphs (document_id, position, kind, text)
  select v_document_id, (e ->> 'position')::int, coalesce(e ->> 'kind', 'body'), e ->> 'text'
  from jsonb_array_elements(v_paragraphs) as e
  order by (e ->> 'position')::int;

  return v_document_id;
end
$$;
revoke all on function private.import_document(uuid, jsonb, uuid, uuid) from public;

-- A function call is one statement: any error undoes the whole import.
create function public.import_document(p_project_id uuid, p_document jsonb)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
begin
  if (select auth.uid()) is null or not private.has_role(p_project_id, array['owner']) then
    raise exception 'only project owners import documents' using errcode = '42501';
  end if;
  return private.import_document(p_project_id, p_document, (select auth.uid()));
end
$$;
comment on function public.import_document(uuid, jsonb) is
  'Owner imports {title, published_on, keywords, collection, source_line, metadata, paragraphs:[{position, kind, text}]} atomically; returns the document id.';
revoke all on function public.import_document(uuid, jsonb) from public, anon;
grant execute on function public.import_document(uuid, jsonb) to authenticated, service_role;
