-- import_document with the service_role key (batch imports from the command line): any project,
-- no creator; a project that does not exist is "not found"; signed-in users still need to own it.
begin;
select plan(5);
select tests.create_fixture();

create function tests.as_service_role()
returns void
language sql
as $$
  select set_config('role', 'service_role', true), set_config('request.jwt.claims', '{"role": "service_role"}', true)
$$;

select tests.as_service_role();
select tests.remember('batch doc', public.import_document(tests.id('demo'), '{"title": "批量", "paragraphs": [{"position": 1, "text": "一"}]}'));
select tests.as_superuser();
select is((select project_id from public.documents where id = tests.id('batch doc')), tests.id('demo'), 'the service role imports into a project');
select is((select created_by from public.documents where id = tests.id('batch doc')), null, 'with no creator');
select tests.as_service_role();
select is(tests.error_of($$ select public.import_document(gen_random_uuid(), '{"title": "x", "paragraphs": [{"position": 1, "text": "一"}]}') $$) ->> 'code',
  'PT404', 'an unknown project is not found');
select tests.as_superuser();
select is(tests.try_as('translator', $$ select public.import_document(tests.id('demo'), '{"title": "x", "paragraphs": [{"position": 1, "text": "一"}]}') $$),
  '42501', 'a translator still may not import');
select is(tests.try_as('anon', $$ select public.import_document(tests.id('demo'), '{"title": "x", "paragraphs": [{"position": 1, "text": "一"}]}') $$),
  '42501', 'anon may not');

select * from finish();
rollback;
