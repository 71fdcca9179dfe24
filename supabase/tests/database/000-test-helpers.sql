-- Test helpers shared by every file (created outside a transaction so they outlive this file):
-- users in auth.users, switching identity the way PostgREST does (role + request.jwt.claims,
-- transaction-local), and a small project fixture. Every other file runs in begin … rollback.

create schema if not exists tests;
grant usage on schema tests to anon, authenticated, service_role;

create table if not exists tests.ids (
  name text primary key,
  id uuid not null
);
grant select on tests.ids to anon, authenticated, service_role;

create or replace function tests.create_user(p_email text, p_display_name text default null)
returns uuid
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_id uuid := gen_random_uuid();
begin
  insert into auth.users (
    instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
    raw_app_meta_data, raw_user_meta_data, created_at, updated_at
  ) values (
    '00000000-0000-0000-0000-000000000000', v_id, 'authenticated', 'authenticated', p_email, '', now(),
    '{"provider": "email", "providers": ["email"]}',
    case when p_display_name is null then '{}'::jsonb else jsonb_build_object('display_name', p_display_name) end,
    now(), now()
  );
  insert into tests.ids (name, id) values (p_email, v_id) on conflict (name) do update set id = excluded.id;
  return v_id;
end
$$;

create or replace function tests.get_user_id(p_email text)
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select u.id from auth.users u where u.email = p_email
$$;

-- Like a request carrying this user's JWT: role authenticated, claims with sub, local to the transaction.
create or replace function tests.authenticate_as(p_email text)
returns void
language plpgsql
as $$
declare
  v_id uuid := tests.get_user_id(p_email);
begin
  if v_id is null then
    raise exception 'no test user with email %', p_email;
  end if;
  perform set_config('role', 'authenticated', true);
  perform set_config('request.jwt.claims',
    json_build_object('sub', v_id, 'role', 'authenticated', 'email', p_email, 'aud', 'authenticated')::text, true);
end
$$;

-- Like a request with only the anon key.
create or replace function tests.clear_authentication()
returns void
language plpgsql
as $$
begin
  perform set_config('role', 'anon', true);
  perform set_config('request.jwt.claims', json_build_object('role', 'anon')::text, true);
end
$$;

-- Back to the session user (the superuser running the tests), for setting up data mid-file.
create or replace function tests.as_superuser()
returns void
language plpgsql
as $$
begin
  perform set_config('role', 'none', true);
  perform set_config('request.jwt.claims', '', true);
end
$$;

-- Row count of a statement run as the current role: RLS filters updates and deletes silently.
create or replace function tests.rows_affected(p_sql text)
returns int
language plpgsql
as $$
declare
  v_count int;
begin
  execute p_sql;
  get diagnostics v_count = row_count;
  return v_count;
end
$$;

-- The error a statement raises as {code, message, detail}, or null when it succeeds (undone either way).
create or replace function tests.error_of(p_sql text)
returns jsonb
language plpgsql
as $$
declare
  v_code text;
  v_message text;
  v_detail text;
begin
  begin
    execute p_sql;
  exception when others then
    get stacked diagnostics v_code = returned_sqlstate, v_message = message_text, v_detail = pg_exception_detail;
    return jsonb_build_object('code', v_code, 'message', v_message, 'detail', v_detail);
  end;
  return null;
end
$$;

-- Runs p_sql as one identity and undoes it: 'anon', a fixture name ('owner', 'multi', …) or an
-- email. Returns 'rows:N' (rows read or changed; RLS filters silently) or the SQLSTATE raised.
create or replace function tests.try_as(p_who text, p_sql text)
returns text
language plpgsql
as $$
declare
  v_rows int;
  v_code text;
  v_message text;
begin
  begin
    if p_who = 'anon' then
      perform tests.clear_authentication();
    else
      perform tests.authenticate_as(case when p_who like '%@%' then p_who else p_who || '@duizhao.test' end);
    end if;
    execute p_sql;
    get diagnostics v_rows = row_count;
    -- leaving through an exception rolls back the statement and the identity switch
    raise exception using errcode = 'TSTOK', message = v_rows::text;
  exception when others then
    get stacked diagnostics v_code = returned_sqlstate, v_message = message_text;
  end;
  if v_code = 'TSTOK' then
    return 'rows:' || v_message;
  end if;
  return v_code;
end
$$;

create or replace function tests.id(p_name text)
returns uuid
language sql
stable
security definer
set search_path = ''
as $$
  select i.id from tests.ids i where i.name = p_name
$$;

create or replace function tests.remember(p_name text, p_id uuid)
returns uuid
language sql
security definer
set search_path = ''
as $$
  insert into tests.ids (name, id) values (p_name, p_id)
  on conflict (name) do update set id = excluded.id
  returning id
$$;

-- The fixture most files share, created as the superuser:
--   project "demo": owner, translator, researcher, reviewer, multi (translator + reviewer);
--   project "other": other-owner; outsider belongs to neither.
--   demo document "doc" with paragraphs p1 (heading), p2 (body), p3 (closing); other document with op1.
--   annotations: researcher's draft and submitted note on p2, translator's draft on p1, and a
--   submitted note by other-owner on op1.
create or replace function tests.create_fixture()
returns void
language plpgsql
security definer
set search_path = ''
as $$
declare
  v_demo uuid;
  v_other uuid;
  v_doc uuid;
  v_other_doc uuid;
  v_id uuid;
begin
  perform tests.create_user('owner@duizhao.test', 'Owner');
  perform tests.create_user('translator@duizhao.test');
  perform tests.create_user('researcher@duizhao.test');
  perform tests.create_user('reviewer@duizhao.test');
  perform tests.create_user('multi@duizhao.test');
  perform tests.create_user('outsider@duizhao.test');
  perform tests.create_user('other-owner@duizhao.test');

  insert into public.projects (name, created_by) values ('Demo', tests.id('owner@duizhao.test')) returning id into v_demo;
  insert into public.projects (name, created_by) values ('Other', tests.id('other-owner@duizhao.test')) returning id into v_other;
  perform tests.remember('demo', v_demo);
  perform tests.remember('other', v_other);
  insert into public.project_members (project_id, user_id, role) values
    (v_demo, tests.id('translator@duizhao.test'), 'translator'),
    (v_demo, tests.id('researcher@duizhao.test'), 'researcher'),
    (v_demo, tests.id('reviewer@duizhao.test'), 'reviewer'),
    (v_demo, tests.id('multi@duizhao.test'), 'translator'),
    (v_demo, tests.id('multi@duizhao.test'), 'reviewer');

  v_doc := private.import_document(v_demo, '{
    "title": "中华人民共和国和哈萨克斯坦共和国联合宣言",
    "published_on": "2014-05-20",
    "keywords": ["双方", "合作"],
    "collection": "习近平系列重要讲话数据库",
    "paragraphs": [
      {"position": 1, "kind": "heading", "text": "一"},
      {"position": 2, "kind": "body", "text": "双方决定加强合作。"},
      {"position": 3, "kind": "closing", "text": "二〇一四年五月十九日于上海"}
    ]}'::jsonb, tests.id('owner@duizhao.test'));
  perform tests.remember('doc', v_doc);
  v_other_doc := private.import_document(v_other, '{
    "title": "Other", "paragraphs": [{"position": 1, "kind": "body", "text": "别的项目。"}]}'::jsonb,
    tests.id('other-owner@duizhao.test'));
  perform tests.remember('other doc', v_other_doc);

  perform tests.remember('p' || p.position, p.id) from public.paragraphs p where p.document_id = v_doc;
  perform tests.remember('t' || p.position, t.id)
    from public.paragraphs p join public.translations t on t.paragraph_id = p.id where p.document_id = v_doc;
  perform tests.remember('op1', p.id) from public.paragraphs p where p.document_id = v_other_doc;
  perform tests.remember('ot1', t.id)
    from public.paragraphs p join public.translations t on t.paragraph_id = p.id where p.document_id = v_other_doc;

  insert into public.annotations (paragraph_id, author_id, status, body_text, quote_exact, start_offset, end_offset)
  values (tests.id('p2'), tests.id('researcher@duizhao.test'), 'draft', 'private thought', '双方', 0, 2)
  returning id into v_id;
  perform tests.remember('researcher draft', v_id);
  insert into public.annotations (paragraph_id, author_id, status, body_text, kind)
  values (tests.id('p2'), tests.id('researcher@duizhao.test'), 'submitted', 'shared note', 'term')
  returning id into v_id;
  perform tests.remember('researcher submitted', v_id);
  insert into public.annotations (paragraph_id, author_id, status, body_text)
  values (tests.id('p1'), tests.id('translator@duizhao.test'), 'draft', 'translator draft')
  returning id into v_id;
  perform tests.remember('translator draft', v_id);
  insert into public.annotations (paragraph_id, author_id, status, body_text)
  values (tests.id('op1'), tests.id('other-owner@duizhao.test'), 'submitted', 'other project note')
  returning id into v_id;
  perform tests.remember('other submitted', v_id);
end
$$;

-- Sets a remembered paragraph's translation as it stands (text, status, span), bypassing the
-- save functions; runs with the caller's rights (as the superuser in the suites that use it).
create or replace function tests.save(p_paragraph text, p_text text, p_status text, p_span int default 1)
returns void
language sql
as $$
  update public.translations set text = p_text, status = p_status, span = p_span where paragraph_id = tests.id(p_paragraph)
$$;

grant execute on all functions in schema tests to anon, authenticated, service_role;

commit;

begin;
select plan(3);
select has_function('tests', 'authenticate_as', array['text'], 'tests.authenticate_as(email) exists');
select has_function('tests', 'clear_authentication', 'tests.clear_authentication() exists');
select has_function('tests', 'create_user', array['text', 'text'], 'tests.create_user(email) exists');
select * from finish();
rollback;
