-- review_events: members read their project's decisions; nobody writes, rewrites or deletes them,
-- the table owner included; deleting a reviewed item unlinks its decisions, deleting the project removes them.
begin;
select plan(36);
select tests.create_fixture();

select tests.authenticate_as('reviewer@duizhao.test');
select public.review_annotation(tests.id('researcher submitted'), 'rejected', 'Needs a source.', 1);
select tests.authenticate_as('other-owner@duizhao.test');
insert into public.annotations (paragraph_id, status, body_text) values (tests.id('op1'), 'submitted', 'own');
select tests.as_superuser();
insert into public.project_members (project_id, user_id, role) values (tests.id('other'), tests.id('outsider@duizhao.test'), 'reviewer');
select tests.authenticate_as('outsider@duizhao.test');
select public.review_annotation(tests.id('other submitted'), 'approved', null, 1);
select tests.as_superuser();
delete from public.project_members where project_id = tests.id('other') and user_id = tests.id('outsider@duizhao.test');

select is(tests.try_as(who, $$ select 1 from public.review_events where project_id = tests.id('demo') $$), expected, 'read decisions: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('other-owner', 'rows:0'), ('owner', 'rows:1'), ('translator', 'rows:1'),
             ('researcher', 'rows:1'), ('reviewer', 'rows:1'), ('multi', 'rows:1')) as m (who, expected);

select is(tests.try_as(who, $$ insert into public.review_events (project_id, annotation_id, reviewer_id, decision, version)
                                values (tests.id('demo'), tests.id('researcher submitted'), auth.uid(), 'approved', 2) $$), '42501',
  'write a decision directly: ' || who)
from (values ('anon'), ('outsider'), ('owner'), ('translator'), ('researcher'), ('reviewer'), ('multi')) as m (who);

select is(tests.try_as(who, $$ update public.review_events set comment = 'rewritten' $$), '42501', 'rewrite a decision: ' || who)
from (values ('anon'), ('outsider'), ('owner'), ('translator'), ('researcher'), ('reviewer'), ('multi')) as m (who);
select is(tests.try_as(who, $$ delete from public.review_events $$), '42501', 'delete a decision: ' || who)
from (values ('anon'), ('outsider'), ('owner'), ('translator'), ('researcher'), ('reviewer'), ('multi')) as m (who);

select throws_ok($$ update public.review_events set comment = 'rewritten' $$, '42501', null, 'the table owner cannot rewrite a decision');
select throws_ok($$ delete from public.review_events $$, '42501', null, 'the table owner cannot delete a decision');
-- Refused by the notifications and undo references before the trigger's own 42501.
select throws_ok($$ truncate public.review_events $$, null, null, 'the table owner cannot truncate the history');
select throws_ok($$ insert into public.review_events (project_id, decision, version) values (tests.id('demo'), 'rejected', 1) $$, '23514', null,
  'a rejection without a comment cannot be recorded');

select tests.authenticate_as('researcher@duizhao.test');
delete from public.annotations where id = tests.id('researcher submitted');
select tests.as_superuser();
select is((select count(*)::int from public.review_events where project_id = tests.id('demo') and annotation_id is null and comment = 'Needs a source.'), 1,
  'deleting a reviewed note keeps its decision, unlinked');
delete from auth.users where id = tests.id('reviewer@duizhao.test');
select is((select count(*)::int from public.review_events where project_id = tests.id('demo') and reviewer_id is null), 1,
  'deleting a reviewer''s account keeps their decisions, unlinked');
select tests.authenticate_as('other-owner@duizhao.test');
delete from public.projects where id = tests.id('other');
select tests.as_superuser();
select is((select count(*)::int from public.review_events where project_id = tests.id('other')), 0, 'deleting a project removes its history');

select * from finish();
rollback;
