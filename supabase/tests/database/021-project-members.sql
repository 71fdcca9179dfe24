-- project_members: members read the member list; only owners add, change or remove roles (their own
-- included); nobody else changes any role, their own included; a project always keeps an owner.
begin;
select plan(51);
select tests.create_fixture();

select is(tests.try_as(who, $$ select 1 from public.project_members where project_id = tests.id('demo') $$), expected, 'select members: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:6'), ('translator', 'rows:6'),
             ('researcher', 'rows:6'), ('reviewer', 'rows:6'), ('multi', 'rows:6')) as m (who, expected);

select is(tests.try_as(who, $$ insert into public.project_members (project_id, user_id, role)
                                values (tests.id('demo'), tests.id('outsider@duizhao.test'), 'researcher') $$), expected, 'add a member: ' || who)
from (values ('anon', '42501'), ('outsider', '42501'), ('owner', 'rows:1'), ('translator', '42501'),
             ('researcher', '42501'), ('reviewer', '42501'), ('multi', '42501')) as m (who, expected);

select is(tests.try_as(who, $$ update public.project_members set role = 'reviewer'
                                where project_id = tests.id('demo') and user_id = tests.id('researcher@duizhao.test') $$), expected,
  'change someone''s role: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:1'), ('translator', 'rows:0'),
             ('researcher', 'rows:0'), ('reviewer', 'rows:0'), ('multi', 'rows:0')) as m (who, expected);

select is(tests.try_as(who, $$ delete from public.project_members
                                where project_id = tests.id('demo') and user_id = tests.id('researcher@duizhao.test') $$), expected,
  'remove a member: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:1'), ('translator', 'rows:0'),
             ('researcher', 'rows:0'), ('reviewer', 'rows:0'), ('multi', 'rows:0')) as m (who, expected);

-- Nobody but an owner changes their own role.
select is(tests.try_as('translator', $$ insert into public.project_members (project_id, user_id, role)
  values (tests.id('demo'), tests.id('translator@duizhao.test'), 'owner') $$), '42501', 'a translator cannot make themselves owner');
select is(tests.try_as('researcher', $$ insert into public.project_members (project_id, user_id, role)
  values (tests.id('demo'), tests.id('researcher@duizhao.test'), 'reviewer') $$), '42501', 'a researcher cannot make themselves reviewer');
select is(tests.try_as('researcher', $$ update public.project_members set role = 'owner'
  where user_id = tests.id('researcher@duizhao.test') $$), 'rows:0', 'a researcher cannot change their own role');
select is(tests.try_as('multi', $$ update public.project_members set role = 'owner'
  where user_id = tests.id('multi@duizhao.test') and role = 'reviewer' $$), 'rows:0', 'a user with several roles cannot change one of them');
select is(tests.try_as('reviewer', $$ delete from public.project_members where user_id = tests.id('reviewer@duizhao.test') $$),
  'rows:0', 'a reviewer cannot drop their own role');
select is(tests.try_as('outsider', $$ insert into public.project_members (project_id, user_id, role)
  values (tests.id('demo'), tests.id('outsider@duizhao.test'), 'owner') $$), '42501', 'a non-member cannot join a project');
select is(tests.try_as('other-owner', $$ insert into public.project_members (project_id, user_id, role)
  values (tests.id('demo'), tests.id('other-owner@duizhao.test'), 'owner') $$), '42501', 'an owner of another project cannot join this one');
select is(tests.try_as('owner', $$ insert into public.project_members (project_id, user_id, role)
  values (tests.id('demo'), tests.id('owner@duizhao.test'), 'translator') $$), 'rows:1', 'an owner may add a role to themselves');
select is(tests.try_as('owner', $$ insert into public.project_members (project_id, user_id, role)
  values (tests.id('demo'), tests.id('outsider@duizhao.test'), 'admin') $$), '23514', 'roles are owner, translator, researcher or reviewer');

-- The last owner stays.
select is(tests.try_as('owner', $$ delete from public.project_members where project_id = tests.id('demo') and user_id = tests.id('owner@duizhao.test') $$),
  '23514', 'the last owner cannot leave');
select is(tests.try_as('owner', $$ update public.project_members set role = 'reviewer' where project_id = tests.id('demo') and user_id = tests.id('owner@duizhao.test') $$),
  '23514', 'the last owner cannot demote themselves');
select tests.authenticate_as('owner@duizhao.test');
insert into public.project_members (project_id, user_id, role) values (tests.id('demo'), tests.id('translator@duizhao.test'), 'owner');
select is(tests.try_as('owner', $$ delete from public.project_members where project_id = tests.id('demo') and user_id = tests.id('owner@duizhao.test') $$),
  'rows:1', 'with a second owner, an owner may leave');
select is(tests.try_as('translator', $$ delete from public.project_members where project_id = tests.id('demo') and user_id = tests.id('owner@duizhao.test') $$),
  'rows:1', 'a second owner may remove the first');
select is(tests.try_as('owner', $$ update public.project_members set project_id = tests.id('other') where user_id = tests.id('researcher@duizhao.test') $$),
  '42501', 'a membership cannot move to another project');
select is(tests.try_as('owner', $$ update public.project_members set user_id = tests.id('outsider@duizhao.test') where user_id = tests.id('researcher@duizhao.test') $$),
  '42501', 'a membership cannot pass to another user');

-- add_project_member: owners invite by email.
select is(tests.try_as('owner', $$ select public.add_project_member(tests.id('demo'), 'OUTSIDER@duizhao.test', 'researcher') $$),
  'rows:1', 'an owner adds a member by email');
select is(tests.try_as(who, $$ select public.add_project_member(tests.id('demo'), 'outsider@duizhao.test', 'researcher') $$), expected,
  'add_project_member: ' || who)
from (values ('anon', '42501'), ('outsider', '42501'), ('researcher', '42501'), ('reviewer', '42501')) as m (who, expected);
select is(tests.try_as('owner', $$ select public.add_project_member(tests.id('demo'), 'nobody@duizhao.test', 'researcher') $$),
  'PT404', 'an unknown email is reported as not found');
select tests.authenticate_as('owner@duizhao.test');
select is((public.add_project_member(tests.id('demo'), 'outsider@duizhao.test', 'reviewer')).role, 'reviewer', 'add_project_member returns the membership');
select is((public.add_project_member(tests.id('demo'), 'outsider@duizhao.test', 'reviewer')).role, 'reviewer', 'adding an existing role again is harmless');

select * from finish();
rollback;
