-- Duizhao: a glossary (term base) per project, and QA findings ignored with a reason.
--
-- Glossary entries: a Chinese term, its English renderings (the preferred one first), forbidden
-- renderings, a kind, a note and a source. Owners and translators add, edit and delete entries;
-- researchers propose entries (and edit or withdraw their own proposals); owners and reviewers
-- approve them (a reviewer not their own). An approved entry whose wording changes goes back to
-- proposed unless an owner or reviewer changed it.
--
-- QA ignores: a finding of a row (named by its fingerprint) that a translator, reviewer or owner
-- decided to leave, with the reason; every member reads them.

create table public.glossary_entries (
  id uuid primary key default gen_random_uuid(),
  project_id uuid not null references public.projects (id) on delete cascade,
  zh text not null check (char_length(zh) between 1 and 200),
  en text[] not null default '{}' check (cardinality(en) <= 20),
  forbidden text[] not null default '{}' check (cardinality(forbidden) <= 20),
  kind text not null default 'term' check (kind in ('term', 'person', 'place', 'organisation', 'treaty')),
  note text not null default '' check (char_length(note) <= 4000),
  source text not null default '' check (char_length(source) <= 500),
  status text not null default 'proposed' check (status in ('proposed', 'approved')),
  from_annotation_id uuid references public.annotations (id) on delete set null,
  created_by uuid default auth.uid() references auth.users (id) on delete set null,
  approved_by uuid references auth.users (id) on delete set null,
  approved_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint glossary_entries_term unique (project_id, zh)
);
comment on table public.glossary_entries is 'A project''s term base: Chinese term, English renderings (preferred first), forbidden renderings; proposed or approved.';
create index glossary_entries_created_by_idx on public.glossary_entries (created_by);
create index glossary_entries_approved_by_idx on public.glossary_entries (approved_by);
create index glossary_entries_from_annotation_id_idx on public.glossary_entries (from_annotation_id);

create table public.qa_ignores (
  id uuid primary key default gen_random_uuid(),
  paragraph_id uuid not null references public.paragraphs (id) on delete cascade,
  fingerprint text not null check (char_length(fingerprint) between 1 and 500),
  reason text not null check (char_length(btrim(reason)) between 1 and 500),
  -- The finding in words when it was ignored, for whoever reads the decision later.
  message text not null default '' check (char_length(message) <= 1000),
  created_by uuid not null default auth.uid() references auth.users (id) on delete cascade,
  created_at timestamptz not null default now(),
  constraint qa_ignores_once unique (paragraph_id, fingerprint)
);
comment on table public.qa_ignores is 'A QA finding of a row left on purpose, with the reason; the finding is named by its fingerprint.';
create index qa_ignores_created_by_idx on public.qa_ignores (created_by);

alter table public.glossary_entries enable row level security;
alter table public.qa_ignores enable row level security;

-- ─── glossary triggers ────────────────────────────────────────────────────────────────────────

create function private.glossary_clean_list(p_list text[])
returns text[]
language sql
immutable
set search_path = ''
as $$
  select coalesce(array_agg(v order by o), '{}')
  from (
    select distinct on (lower(v)) v, o
    from unnest(p_list) with ordinality as u(raw, o)
    cross join lateral (select btrim(regexp_replace(raw, '\s+', ' ', 'g')) as v) c
    where v <> ''
    order by lower(v), o
  ) s
$$;

create function private.glossary_before_write()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_approver boolean;
begin
  -- Spaces inside a Chinese term are never meant (全面 战略 = 全面战略); lists lose blanks and repeats.
  new.zh := regexp_replace(new.zh, '[[:space:]　]+', '', 'g');
  if new.zh = '' then
    raise exception 'the Chinese term is empty' using errcode = '23514';
  end if;
  new.en := private.glossary_clean_list(new.en);
  new.forbidden := private.glossary_clean_list(new.forbidden);
  new.note := btrim(new.note);
  new.source := btrim(new.source);
  new.updated_at := now();
  -- The service role (imports, seeds) writes as it is told.
  if v_uid is null then
    return new;
  end if;
  v_approver := private.has_role(new.project_id, array['owner', 'reviewer']);
  if tg_op = 'INSERT' then
    new.created_by := v_uid;
    new.created_at := now();
    if new.status = 'approved' and not v_approver then
      raise exception 'only owners and reviewers approve glossary entries' using errcode = '42501';
    end if;
  else
    new.project_id := old.project_id;
    new.created_by := old.created_by;
    new.created_at := old.created_at;
    new.from_annotation_id := old.from_annotation_id;
    if new.status is distinct from old.status then
      if not v_approver then
        raise exception 'only owners and reviewers approve glossary entries' using errcode = '42501';
      end if;
      if new.status = 'approved' and old.created_by = v_uid and not private.has_role(new.project_id, array['owner']) then
        raise exception 'nobody approves their own glossary entry' using errcode = '42501';
      end if;
    elsif old.status = 'approved' and not v_approver
      and (new.zh, new.en, new.forbidden) is distinct from (old.zh, old.en, old.forbidden) then
      -- New wording has not been approved.
      new.status := 'proposed';
    end if;
    -- A reviewer approves and rejects; editing the wording is for owners, translators and proposers.
    if (new.zh, new.en, new.forbidden, new.kind, new.note, new.source) is distinct from (old.zh, old.en, old.forbidden, old.kind, old.note, old.source)
      and not private.has_role(new.project_id, array['owner', 'translator'])
      and not (old.created_by = v_uid and old.status = 'proposed') then
      raise exception 'only owners and translators edit glossary entries' using errcode = '42501';
    end if;
  end if;
  if new.status = 'approved' and (tg_op = 'INSERT' or old.status <> 'approved') then
    new.approved_by := v_uid;
    new.approved_at := now();
  elsif new.status = 'proposed' then
    new.approved_by := null;
    new.approved_at := null;
  else
    new.approved_by := old.approved_by;
    new.approved_at := old.approved_at;
  end if;
  return new;
end;
$$;

create trigger glossary_entries_before_write
  before insert or update on public.glossary_entries
  for each row execute function private.glossary_before_write();

create function private.qa_ignores_before_insert()
returns trigger
language plpgsql
security definer
set search_path = ''
as $$
begin
  if (select auth.uid()) is not null then
    new.created_by := (select auth.uid());
  end if;
  new.reason := btrim(new.reason);
  new.created_at := now();
  return new;
end;
$$;

create trigger qa_ignores_before_insert
  before insert on public.qa_ignores
  for each row execute function private.qa_ignores_before_insert();

revoke all on function private.glossary_clean_list(text[]), private.glossary_before_write(), private.qa_ignores_before_insert() from public;

-- ─── policies ─────────────────────────────────────────────────────────────────────────────────

create policy "glossary_entries: members read" on public.glossary_entries
  for select to authenticated
  using (project_id in (select private.member_project_ids()));

create policy "glossary_entries: members propose" on public.glossary_entries
  for insert to authenticated
  -- Any member proposes; glossary_before_write lets only owners and reviewers add approved entries.
  with check (private.is_member(project_id));

create policy "glossary_entries: editors, approvers and proposers update" on public.glossary_entries
  for update to authenticated
  using (
    private.has_role(project_id, array['owner', 'translator', 'reviewer'])
    or (created_by = (select auth.uid()) and status = 'proposed' and private.is_member(project_id))
  )
  with check (private.is_member(project_id));

create policy "glossary_entries: owners, translators and proposers delete" on public.glossary_entries
  for delete to authenticated
  using (
    private.has_role(project_id, array['owner', 'translator'])
    or (created_by = (select auth.uid()) and status = 'proposed' and private.is_member(project_id))
  );

create policy "qa_ignores: members read" on public.qa_ignores
  for select to authenticated
  using (private.is_member(private.project_of_paragraph(paragraph_id)));

create policy "qa_ignores: translators, reviewers and owners ignore" on public.qa_ignores
  for insert to authenticated
  with check (
    created_by = (select auth.uid())
    and private.has_role(private.project_of_paragraph(paragraph_id), array['owner', 'translator', 'reviewer'])
  );

create policy "qa_ignores: translators, reviewers and owners take back" on public.qa_ignores
  for delete to authenticated
  using (private.has_role(private.project_of_paragraph(paragraph_id), array['owner', 'translator', 'reviewer']));

revoke truncate on public.glossary_entries, public.qa_ignores from anon, authenticated;
revoke update on public.qa_ignores from anon, authenticated;

-- ─── RPC: import a term base at once ──────────────────────────────────────────────────────────

-- Entries of a CSV or TBX file, all or none: p_entries is a JSON array of
-- {zh, en: [..], forbidden: [..], kind, note, source}; an entry whose Chinese is already in the
-- glossary replaces it when p_replace, else it is skipped. Returns the counts.
create function public.import_glossary(p_project_id uuid, p_entries jsonb, p_replace boolean default false)
returns jsonb
language plpgsql
security invoker
set search_path = ''
as $$
declare
  v_added int := 0;
  v_replaced int := 0;
  v_skipped int := 0;
  v_entry jsonb;
  v_zh text;
  v_exists boolean;
begin
  if (select auth.uid()) is null then
    raise exception 'sign in to import a glossary' using errcode = '42501';
  end if;
  if not private.has_role(p_project_id, array['owner', 'translator']) then
    raise exception 'only owners and translators import glossaries' using errcode = '42501';
  end if;
  if p_entries is null or jsonb_typeof(p_entries) <> 'array' then
    raise exception 'entries must be a JSON array' using errcode = '22023';
  end if;
  if jsonb_array_length(p_entries) > 100000 then
    raise exception 'at most 100,000 entries at once' using errcode = '22023';
  end if;
  for v_entry in select value from jsonb_array_elements(p_entries) loop
    if jsonb_typeof(v_entry) <> 'object' or jsonb_typeof(v_entry -> 'zh') <> 'string'
      or coalesce(jsonb_typeof(v_entry -> 'en'), 'array') <> 'array'
      or coalesce(jsonb_typeof(v_entry -> 'forbidden'), 'array') <> 'array' then
      raise exception 'each entry needs zh (text), en and forbidden (arrays of text)' using errcode = '22023';
    end if;
    v_zh := regexp_replace(v_entry ->> 'zh', '[[:space:]　]+', '', 'g');
    select exists (select 1 from public.glossary_entries g where g.project_id = p_project_id and g.zh = v_zh) into v_exists;
    if v_exists and not p_replace then
      v_skipped := v_skipped + 1;
      continue;
    end if;
    insert into public.glossary_entries as g (project_id, zh, en, forbidden, kind, note, source)
    values (
      p_project_id,
      v_zh,
      coalesce((select array_agg(x) from jsonb_array_elements_text(v_entry -> 'en') x), '{}'),
      coalesce((select array_agg(x) from jsonb_array_elements_text(v_entry -> 'forbidden') x), '{}'),
      coalesce(nullif(v_entry ->> 'kind', ''), 'term'),
      coalesce(v_entry ->> 'note', ''),
      coalesce(v_entry ->> 'source', '')
    )
    on conflict (project_id, zh) do update
      set en = excluded.en, forbidden = excluded.forbidden, kind = excluded.kind, note = excluded.note, source = excluded.source;
    if v_exists then
      v_replaced := v_replaced + 1;
    else
      v_added := v_added + 1;
    end if;
  end loop;
  return jsonb_build_object('added', v_added, 'replaced', v_replaced, 'skipped', v_skipped);
end;
$$;

revoke all on function public.import_glossary(uuid, jsonb, boolean) from public, anon;
grant execute on function public.import_glossary(uuid, jsonb, boolean) to authenticated, service_role;
