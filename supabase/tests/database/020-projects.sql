-- projects: members read; any signed-in user creates (and becomes owner); owners update and delete.
begin;
select plan(39);
select tests.create_fixture();

select is(tests.try_as(who, $$ select 1 from public.projects where id = tests.id('demo') $$), expected, 'select project: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:1'), ('translator', 'rows:1'),
             ('researcher', 'rows:1'), ('reviewer', 'rows:1'), ('multi', 'rows:1')) as m (who, expected);

select is(tests.try_as(who, $$ insert into public.projects (name) values ('New project') $$), expected, 'insert project: ' || who)
from (values ('anon', '42501'), ('outsider', 'rows:1'), ('owner', 'rows:1'), ('translator', 'rows:1'),
             ('researcher', 'rows:1'), ('reviewer', 'rows:1'), ('multi', 'rows:1')) as m (who, expected);

select is(tests.try_as(who, $$ update public.projects set description = 'changed' where id = tests.id('demo') $$), expected, 'update project: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:1'), ('translator', 'rows:0'),
             ('researcher', 'rows:0'), ('reviewer', 'rows:0'), ('multi', 'rows:0')) as m (who, expected);

select is(tests.try_as(who, $$ delete from public.projects where id = tests.id('demo') $$), expected, 'delete project: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:1'), ('translator', 'rows:0'),
             ('researcher', 'rows:0'), ('reviewer', 'rows:0'), ('multi', 'rows:0')) as m (who, expected);

-- Creating a project, the way supabase-js does it (insert … returning).
select is(tests.try_as('outsider', $$ with p as (insert into public.projects (name) values ('Mine') returning id) select id from p $$),
  'rows:1', 'the creator reads the new project back from INSERT … RETURNING');
select tests.authenticate_as('outsider@duizhao.test');
insert into public.projects (name, created_by) values ('Spoofed', tests.id('owner@duizhao.test'));
select is((select created_by from public.projects where name = 'Spoofed'), tests.id('outsider@duizhao.test'),
  'created_by is the signed-in user, whatever the client sends');
select is(
  array(select role from public.project_members m join public.projects p on p.id = m.project_id
        where p.name = 'Spoofed' and m.user_id = tests.id('outsider@duizhao.test')),
  array['owner'], 'the creator becomes the project''s owner');
select is((select count(*)::int from public.project_members m join public.projects p on p.id = m.project_id where p.name = 'Spoofed'), 1,
  'the new project has no other member');
select is((select count(*)::int from public.projects), 1, 'the creator sees their project and no one else''s');

select tests.authenticate_as('owner@duizhao.test');
update public.projects set created_by = tests.id('translator@duizhao.test'), created_at = '2000-01-01' where id = tests.id('demo');
select is((select created_by from public.projects where id = tests.id('demo')), tests.id('owner@duizhao.test'), 'created_by cannot be rewritten');
select isnt((select created_at from public.projects where id = tests.id('demo')), '2000-01-01'::timestamptz, 'created_at cannot be rewritten');
select throws_ok($$ update public.projects set name = '  ' where id = tests.id('demo') $$, '23514', null, 'a project needs a name');

-- Deleting a project takes its documents, notes, history and memberships with it.
select tests.as_superuser();
insert into public.review_events (project_id, annotation_id, reviewer_id, decision, version)
values (tests.id('demo'), tests.id('researcher submitted'), tests.id('reviewer@duizhao.test'), 'approved', 1);
select tests.authenticate_as('owner@duizhao.test');
select lives_ok($$ delete from public.projects where id = tests.id('demo') $$, 'an owner deletes a project with documents, notes and review history');
select tests.as_superuser();
select is((select count(*)::int from public.documents where project_id = tests.id('demo'))
        + (select count(*)::int from public.project_members where project_id = tests.id('demo'))
        + (select count(*)::int from public.review_events where project_id = tests.id('demo'))
        + (select count(*)::int from public.paragraphs where document_id = tests.id('doc')), 0,
  'nothing of the deleted project remains');
select is((select count(*)::int from public.projects where id = tests.id('other')), 1, 'other projects are untouched');

select * from finish();
rollback;
