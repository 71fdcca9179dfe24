-- Duizhao: translation memory.
--
-- Every translated or approved row of a project is a memory entry (its Chinese, which is several
-- paragraphs when the row spans them, and its English); a TMX file imported into the project adds
-- entries of its own. Entries with the same normalised Chinese and the same English are one
-- segment, counted: official texts repeat boilerplate (signatory blocks, formulae) thousands of
-- times, and a suggestion list wants it once. Suggestions come from the segments through pg_trgm's
-- similarity search, whose GIN index counts shared trigrams inside the index and starts from the
-- rarest, so it stays fast on a large memory. pg_trgm sees a Chinese character only when the
-- database's character class (LC_CTYPE) calls it alphanumeric: C.UTF-8 and the *.UTF-8 locales
-- do (PGlite, Debian's PostgreSQL, Supabase); plain "C" does not, which the pgTAP suite checks.

create extension if not exists pg_trgm with schema extensions;

-- ─── tables ───────────────────────────────────────────────────────────────────────────────────

create table public.tm_imports (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  name text not null check (char_length(btrim(name)) between 1 and 200),
  source_language text not null check (char_length(source_language) between 1 and 35),
  target_language text not null check (char_length(target_language) between 1 and 35),
  units int not null default 0,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  created_at timestamptz not null default now()
);
comment on table public.tm_imports is 'A translation memory file (TMX) imported into a project; its entries go when it is deleted.';
create index tm_imports_project_id_idx on public.tm_imports (project_id);
create index tm_imports_created_by_idx on public.tm_imports (created_by);

create table public.tm_entries (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  -- a row of the project (the paragraph holding the translation) or a unit of an imported file
  paragraph_id uuid unique references public.paragraphs (id) on delete cascade,
  import_id uuid references public.tm_imports (id) on delete cascade,
  source_text text not null,
  source_norm text not null,
  target_text text not null,
  status text not null check (status in ('translated', 'approved', 'imported')),
  author_id uuid references auth.users (id) on delete set null,
  author_name text,
  updated_at timestamptz not null default now(),
  constraint tm_entries_one_origin check (num_nonnulls(paragraph_id, import_id) = 1)
);
comment on table public.tm_entries is 'One translation memory entry per translated row of a project or per imported TMX unit; maintained by triggers and import_translation_memory.';
create index tm_entries_segment_idx on public.tm_entries (project_id, md5(source_norm), md5(target_text));
create index tm_entries_import_id_idx on public.tm_entries (import_id);
create index tm_entries_author_id_idx on public.tm_entries (author_id);

create table public.tm_segments (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  source_hash text not null,
  target_hash text not null,
  source_text text not null,
  source_norm text not null,
  target_text text not null,
  occurrences int not null check (occurrences > 0),
  -- of the best entry: approved over translated over imported, then the latest, then one with an author
  status text not null,
  author_id uuid references auth.users (id) on delete set null,
  author_name text,
  paragraph_id uuid references public.paragraphs (id) on delete set null,
  import_id uuid references public.tm_imports (id) on delete set null,
  updated_at timestamptz not null,
  constraint tm_segments_key unique (project_id, source_hash, target_hash)
);
comment on table public.tm_segments is 'The distinct (Chinese, English) pairs of a project''s translation memory with how often they occur; what suggestions search.';
create index tm_segments_source_trgm_idx on public.tm_segments using gin (source_norm extensions.gin_trgm_ops);
create index tm_segments_source_hash_idx on public.tm_segments (source_hash);
create index tm_segments_author_id_idx on public.tm_segments (author_id);
create index tm_segments_paragraph_id_idx on public.tm_segments (paragraph_id);
create index tm_segments_import_id_idx on public.tm_segments (import_id);

alter table public.tm_imports enable row level security;
alter table public.tm_entries enable row level security;
alter table public.tm_segments enable row level security;

create policy "tm_imports: members read" on public.tm_imports
  for select to authenticated
  using (project_id in (select private.member_project_ids()));

create policy "tm_imports: owners and translators delete" on public.tm_imports
  for delete to authenticated
  using (private.has_role(project_id, array['owner', 'translator']));

create policy "tm_entries: members read" on public.tm_entries
  for select to authenticated
  using (project_id in (select private.member_project_ids()));

create policy "tm_segments: members read" on public.tm_segments
  for select to authenticated
  using (project_id in (select private.member_project_ids()));

-- Entries and segments are written by triggers and import_translation_memory only; imports are
-- created by that function and deleted by owners and translators.
revoke insert, update, delete, truncate on public.tm_entries, public.tm_segments from anon, authenticated;
revoke insert, update, truncate on public.tm_imports from anon, authenticated;

-- ─── normalisation ────────────────────────────────────────────────────────────────────────────

-- The Chinese as the memory compares it: folded as search folds it, without spaces.
create function private.tm_norm(p_text text)
returns text
language sql
immutable
strict
parallel safe
return pg_catalog.replace(private.search_fold(p_text), ' ', '');
comment on function private.tm_norm(text) is 'Chinese as the translation memory compares it: search-folded, spaces removed.';
revoke all on function private.tm_norm(text) from public;
grant execute on function private.tm_norm(text) to anon, authenticated, service_role;

-- ─── maintenance ──────────────────────────────────────────────────────────────────────────────

-- Rebuilds the segments of the given (project, source hash, target hash) keys from their entries.
create function private.tm_refresh_segments(p_keys jsonb)
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  with keys as (
    select distinct k.project_id, k.source_hash, k.target_hash
    from jsonb_to_recordset(p_keys) as k (project_id uuid, source_hash text, target_hash text)
  ),
  gone as (
    delete from public.tm_segments s
    using keys k
    where s.project_id = k.project_id and s.source_hash = k.source_hash and s.target_hash = k.target_hash
      and not exists (
        select 1 from public.tm_entries e
        where e.project_id = k.project_id and md5(e.source_norm) = k.source_hash and md5(e.target_text) = k.target_hash)
  )
  insert into public.tm_segments as s (project_id, source_hash, target_hash, source_text, source_norm, target_text,
    occurrences, status, author_id, author_name, paragraph_id, import_id, updated_at)
  select k.project_id, k.source_hash, k.target_hash, best.source_text, best.source_norm, best.target_text,
         agg.occurrences, best.status, best.author_id, best.author_name, best.paragraph_id, best.import_id, agg.updated_at
  from keys k
  cross join lateral (
    select count(*)::int as occurrences, max(e.updated_at) as updated_at
    from public.tm_entries e
    where e.project_id = k.project_id and md5(e.source_norm) = k.source_hash and md5(e.target_text) = k.target_hash
  ) agg
  cross join lateral (
    select e.*
    from public.tm_entries e
    where e.project_id = k.project_id and md5(e.source_norm) = k.source_hash and md5(e.target_text) = k.target_hash
    order by case e.status when 'approved' then 0 when 'translated' then 1 else 2 end, e.updated_at desc,
             (e.author_id is null and e.author_name is null), e.id
    limit 1
  ) best
  where agg.occurrences > 0
  on conflict (project_id, source_hash, target_hash) do update
    set source_text = excluded.source_text,
        source_norm = excluded.source_norm,
        occurrences = excluded.occurrences,
        status = excluded.status,
        author_id = excluded.author_id,
        author_name = excluded.author_name,
        paragraph_id = excluded.paragraph_id,
        import_id = excluded.import_id,
        updated_at = excluded.updated_at
    where (s.occurrences, s.status, s.author_id, s.author_name, s.paragraph_id, s.import_id, s.updated_at, s.source_text)
          is distinct from (excluded.occurrences, excluded.status, excluded.author_id, excluded.author_name,
                            excluded.paragraph_id, excluded.import_id, excluded.updated_at, excluded.source_text);
end
$$;

create function private.tm_entries_after_change()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_keys jsonb;
begin
  if tg_op = 'INSERT' then
    select jsonb_agg(distinct jsonb_build_object('project_id', n.project_id, 'source_hash', md5(n.source_norm), 'target_hash', md5(n.target_text)))
    into v_keys from new_entries n;
  elsif tg_op = 'DELETE' then
    select jsonb_agg(distinct jsonb_build_object('project_id', o.project_id, 'source_hash', md5(o.source_norm), 'target_hash', md5(o.target_text)))
    into v_keys from old_entries o;
  else
    select jsonb_agg(distinct k) into v_keys
    from (
      select jsonb_build_object('project_id', n.project_id, 'source_hash', md5(n.source_norm), 'target_hash', md5(n.target_text)) as k
      from new_entries n
      union all
      select jsonb_build_object('project_id', o.project_id, 'source_hash', md5(o.source_norm), 'target_hash', md5(o.target_text))
      from old_entries o
    ) x;
  end if;
  if v_keys is not null then
    perform private.tm_refresh_segments(v_keys);
  end if;
  return null;
end
$$;

create trigger tm_entries_after_insert
  after insert on public.tm_entries
  referencing new table as new_entries
  for each statement execute function private.tm_entries_after_change();
create trigger tm_entries_after_update
  after update on public.tm_entries
  referencing old table as old_entries new table as new_entries
  for each statement execute function private.tm_entries_after_change();
create trigger tm_entries_after_delete
  after delete on public.tm_entries
  referencing old table as old_entries
  for each statement execute function private.tm_entries_after_change();

-- Brings the entries of these rows (paragraph ids holding translations) in line with their
-- translations: translated and approved rows are in the memory, with the Chinese of every
-- paragraph their span covers; others are not.
create function private.tm_sync_rows(p_paragraph_ids uuid[])
returns void
language plpgsql
security definer
set search_path = ''
as $$
begin
  if p_paragraph_ids is null or cardinality(p_paragraph_ids) = 0 then
    return;
  end if;
  delete from public.tm_entries e
  using public.translations t
  where e.paragraph_id = t.paragraph_id
    and t.paragraph_id = any (p_paragraph_ids)
    and (t.status not in ('translated', 'approved') or btrim(t.text) = '');

  insert into public.tm_entries as e (project_id, paragraph_id, source_text, source_norm, target_text, status, author_id, updated_at)
  select d.project_id, p.id, src.text, private.tm_norm(src.text), btrim(t.text), t.status, t.updated_by, t.updated_at
  from public.translations t
  join public.paragraphs p on p.id = t.paragraph_id
  join public.documents d on d.id = p.document_id
  cross join lateral (
    select string_agg(p2.text, '' order by p2.position) as text
    from public.paragraphs p2
    where p2.document_id = p.document_id and p2.position between p.position and p.position + t.span - 1
  ) src
  where t.paragraph_id = any (p_paragraph_ids)
    and t.status in ('translated', 'approved')
    and btrim(t.text) <> ''
  on conflict (paragraph_id) do update
    set source_text = excluded.source_text,
        source_norm = excluded.source_norm,
        target_text = excluded.target_text,
        status = excluded.status,
        author_id = excluded.author_id,
        updated_at = excluded.updated_at
    where (e.source_text, e.target_text, e.status, e.author_id) is distinct from
          (excluded.source_text, excluded.target_text, excluded.status, excluded.author_id);
end
$$;

create function private.translations_sync_memory()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.tm_sync_rows(array(
    select n.paragraph_id
    from new_translations n
    join old_translations o on o.id = n.id
    where n.text is distinct from o.text or n.status is distinct from o.status
       or n.span is distinct from o.span or n.updated_by is distinct from o.updated_by
  ));
  return null;
end
$$;

create trigger translations_sync_memory
  after update on public.translations
  referencing old table as old_translations new table as new_translations
  for each statement execute function private.translations_sync_memory();

-- A paragraph's text changed: the rows covering it take the new Chinese.
create function private.paragraphs_sync_memory()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  perform private.tm_sync_rows(array(
    select e.paragraph_id
    from new_paragraphs n
    join old_paragraphs o on o.id = n.id
    join public.paragraphs p2 on p2.document_id = n.document_id
    join public.tm_entries e on e.paragraph_id = p2.id
    where n.text is distinct from o.text
  ));
  return null;
end
$$;

create trigger paragraphs_sync_memory
  after update on public.paragraphs
  referencing old table as old_paragraphs new table as new_paragraphs
  for each statement execute function private.paragraphs_sync_memory();

revoke all on function private.tm_refresh_segments(jsonb), private.tm_entries_after_change(), private.tm_sync_rows(uuid[]),
  private.translations_sync_memory(), private.paragraphs_sync_memory() from public;

-- The memory of rows translated before this migration.
select private.tm_sync_rows(array(
  select t.paragraph_id from public.translations t where t.status in ('translated', 'approved') and btrim(t.text) <> ''));

-- ─── RPC ──────────────────────────────────────────────────────────────────────────────────────

-- Suggestions for a row: segments of the caller's projects whose Chinese is similar to the row's
-- (pg_trgm similarity at least p_min_similarity), identical Chinese first, then by similarity; the
-- row's own entry is left out. The client computes the edit similarity it shows. Security definer
-- with the segments' read rule written out (projects the caller is a member of): under RLS,
-- pg_trgm's operators (not leakproof) could not use the index.
create function public.tm_suggestions(p_paragraph_id uuid, p_limit int default 10, p_min_similarity real default 0.3)
returns jsonb
language plpgsql
volatile
security definer
set search_path = ''
set plan_cache_mode = force_custom_plan
as $$
declare
  v_project uuid := private.project_of_paragraph(p_paragraph_id);
  v_source text;
  v_norm text;
  -- the segment key of the row's own entry, if it is in the memory: it is no suggestion for itself
  v_own_target_hash text;
  v_result jsonb;
begin
  if (select auth.uid()) is null or v_project is null or not private.is_member(v_project) then
    raise exception 'paragraph not found' using errcode = 'PT404';
  end if;
  if p_limit is null or p_limit < 1 or p_limit > 50 then
    raise exception 'p_limit must be between 1 and 50' using errcode = '22023';
  end if;
  if p_min_similarity is null or p_min_similarity <= 0 or p_min_similarity > 1 then
    raise exception 'p_min_similarity must be above 0 and at most 1' using errcode = '22023';
  end if;

  v_source := private.row_chinese(p_paragraph_id);
  v_norm := private.tm_norm(coalesce(v_source, ''));
  if v_norm = '' then
    return jsonb_build_object('source', v_source, 'suggestions', '[]'::jsonb);
  end if;

  select md5(e.target_text) into v_own_target_hash from public.tm_entries e where e.paragraph_id = p_paragraph_id;

  perform set_config('pg_trgm.similarity_threshold', p_min_similarity::text, true);
  with candidates as (
    (select s.*, 1::real as score, coalesce(s.project_id = v_project and s.target_hash = v_own_target_hash, false) as own
     from public.tm_segments s
     where s.source_hash = md5(v_norm) and s.source_norm = v_norm
       and s.project_id in (select private.member_project_ids())
       and not coalesce(s.project_id = v_project and s.target_hash = v_own_target_hash and s.occurrences = 1, false)
     order by s.occurrences desc
     limit p_limit)
    union all
    (select s.*, extensions.similarity(s.source_norm, v_norm) as score, false as own
     from public.tm_segments s
     where s.source_norm operator(extensions.%) v_norm
       and s.source_hash <> md5(v_norm)
       and s.project_id in (select private.member_project_ids())
     order by extensions.similarity(s.source_norm, v_norm) desc
     limit p_limit)
  ),
  top as (
    select c.* from candidates c
    order by (c.source_norm = v_norm) desc, c.score desc,
             case c.status when 'approved' then 0 when 'translated' then 1 else 2 end, c.occurrences desc, c.updated_at desc
    limit p_limit
  )
  select coalesce(jsonb_agg(jsonb_build_object(
      'id', top.id,
      'project_id', top.project_id,
      'project_name', pj.name,
      'source', top.source_text,
      'target', top.target_text,
      'exact', top.source_norm = v_norm,
      'score', round(top.score::numeric, 3),
      'occurrences', top.occurrences - case when top.own then 1 else 0 end,
      'status', top.status,
      'author_id', top.author_id,
      'author_name', coalesce(pr.display_name, top.author_name),
      'updated_at', top.updated_at,
      'origin', case when top.import_id is not null then 'import' else 'project' end,
      'import_name', ti.name,
      'document_id', d.id,
      'document_title', d.title,
      'position', p.position
    ) order by (top.source_norm = v_norm) desc, top.score desc,
               case top.status when 'approved' then 0 when 'translated' then 1 else 2 end, top.occurrences desc, top.updated_at desc), '[]'::jsonb)
  into v_result
  from top
  join public.projects pj on pj.id = top.project_id
  left join public.profiles pr on pr.id = top.author_id
  left join public.tm_imports ti on ti.id = top.import_id
  -- where the segment occurs, unless that is the row itself
  left join public.paragraphs p on p.id = top.paragraph_id and p.id <> p_paragraph_id
  left join public.documents d on d.id = p.document_id;

  return jsonb_build_object('source', v_source, 'suggestions', v_result);
end
$$;
comment on function public.tm_suggestions(uuid, int, real) is
  'Translation memory for a row: {source, suggestions: [{id, project_id, project_name, source, target, exact, score, occurrences, status, author_id, author_name, updated_at, origin, import_name, document_id, document_title, position}]} from the caller''s projects, identical Chinese first, then by trigram similarity.';
revoke all on function public.tm_suggestions(uuid, int, real) from public, anon;
grant execute on function public.tm_suggestions(uuid, int, real) to authenticated, service_role;

-- Imports translation units (from a TMX file the client has read) as a memory of the project:
-- p_units = [{source, target, author?, updated_at?}]. Owners and translators; all or nothing.
create function public.import_translation_memory(
  p_project_id uuid,
  p_name text,
  p_source_language text,
  p_target_language text,
  p_units jsonb
)
returns jsonb
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_bad bigint;
  v_import public.tm_imports;
  v_count int;
begin
  if v_uid is null or not private.has_role(p_project_id, array['owner', 'translator']) then
    raise exception 'only owners and translators import translation memories' using errcode = '42501';
  end if;
  if p_name is null or btrim(p_name) = '' or char_length(btrim(p_name)) > 200 then
    raise exception 'the memory needs a name of at most 200 characters' using errcode = '22023';
  end if;
  if coalesce(btrim(p_source_language), '') = '' or coalesce(btrim(p_target_language), '') = ''
     or char_length(p_source_language) > 35 or char_length(p_target_language) > 35 then
    raise exception 'the memory needs its source and target languages' using errcode = '22023';
  end if;
  if p_units is null or jsonb_typeof(p_units) <> 'array' or jsonb_array_length(p_units) = 0 then
    raise exception 'the memory has no translation units' using errcode = '22023';
  end if;
  if jsonb_array_length(p_units) > 200000 then
    raise exception 'a memory holds at most 200000 units (this one has %)', jsonb_array_length(p_units) using errcode = '22023';
  end if;
  select o.i into v_bad
  from jsonb_array_elements(p_units) with ordinality as o (e, i)
  where jsonb_typeof(o.e) is distinct from 'object'
     or jsonb_typeof(o.e -> 'source') is distinct from 'string' or btrim(o.e ->> 'source') = ''
     or jsonb_typeof(o.e -> 'target') is distinct from 'string' or btrim(o.e ->> 'target') = ''
     or coalesce(jsonb_typeof(o.e -> 'author'), 'null') not in ('string', 'null')
     or coalesce(jsonb_typeof(o.e -> 'updated_at'), 'null') not in ('string', 'null')
  order by o.i
  limit 1;
  if v_bad is not null then
    raise exception 'unit % needs a non-empty source and target (and author, updated_at as strings)', v_bad using errcode = '22023';
  end if;
  begin
    perform (o.e ->> 'updated_at')::timestamptz
    from jsonb_array_elements(p_units) as o (e)
    where o.e ->> 'updated_at' is not null;
  exception when others then
    raise exception 'a unit''s updated_at is not a timestamp' using errcode = '22023';
  end;

  insert into public.tm_imports (project_id, name, source_language, target_language, created_by)
  values (p_project_id, btrim(p_name), btrim(p_source_language), btrim(p_target_language), v_uid)
  returning * into v_import;

  insert into public.tm_entries (project_id, import_id, source_text, source_norm, target_text, status, author_name, updated_at)
  select p_project_id, v_import.id, btrim(o.e ->> 'source'), private.tm_norm(btrim(o.e ->> 'source')), btrim(o.e ->> 'target'),
         'imported', nullif(btrim(o.e ->> 'author'), ''), coalesce((o.e ->> 'updated_at')::timestamptz, now())
  from jsonb_array_elements(p_units) as o (e);
  get diagnostics v_count = row_count;

  update public.tm_imports set units = v_count where id = v_import.id returning * into v_import;
  return to_jsonb(v_import);
end
$$;
comment on function public.import_translation_memory(uuid, text, text, text, jsonb) is
  'Owner or translator imports translation units [{source, target, author?, updated_at?}] as a named memory of the project, atomically; returns the tm_imports row.';
revoke all on function public.import_translation_memory(uuid, text, text, text, jsonb) from public, anon;
grant execute on function public.import_translation_memory(uuid, text, text, text, jsonb) to authenticated, service_role;
