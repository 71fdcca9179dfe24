-- set_member_role: owners move a member between roles in one step; a move onto a role already held
-- merges instead of conflicting, so no duplicate rows are ever left; the member is notified.
begin;
select plan(22);
select tests.create_fixture();

select is(tests.try_as(who, $$ select public.set_member_role(tests.id('demo'), tests.id('researcher@duizhao.test'), 'researcher', 'reviewer') $$),
  expected, 'change a role: ' || who)
from (values ('anon', '42501'), ('outsider', '42501'), ('other-owner', '42501'), ('translator', '42501'), ('researcher', '42501'),
             ('reviewer', '42501'), ('multi', '42501'), ('owner', 'rows:1')) as m (who, expected);

select tests.authenticate_as('owner@duizhao.test');
select is(array(select role from public.set_member_role(tests.id('demo'), tests.id('researcher@duizhao.test'), 'researcher', 'reviewer')),
  array['reviewer'], 'a researcher becomes a reviewer');
select is(array(select role from public.set_member_role(tests.id('demo'), tests.id('multi@duizhao.test'), 'translator', 'reviewer')),
  array['reviewer'], 'moving onto a role already held merges the two rows');
select is((select count(*)::int from public.project_members where project_id = tests.id('demo') and user_id = tests.id('multi@duizhao.test')), 1,
  'no duplicate is left');
select is(array(select role from public.set_member_role(tests.id('demo'), tests.id('reviewer@duizhao.test'), 'reviewer', 'reviewer')),
  array['reviewer'], 'the same role is no change');
select is(tests.try_as('owner', $$ select public.set_member_role(tests.id('demo'), tests.id('reviewer@duizhao.test'), 'translator', 'owner') $$),
  'PT404', 'a role the member does not hold is not found');
select is(tests.try_as('owner', $$ select public.set_member_role(tests.id('demo'), tests.id('reviewer@duizhao.test'), 'reviewer', 'boss') $$),
  '22023', 'an unknown role is refused');
select is(tests.try_as('owner', $$ select public.set_member_role(tests.id('demo'), tests.id('owner@duizhao.test'), 'owner', 'translator') $$),
  '23514', 'the last owner cannot demote themselves');
select is(tests.try_as('owner', $$ select public.set_member_role(tests.id('other'), tests.id('other-owner@duizhao.test'), 'owner', 'translator') $$),
  '42501', 'nor touch another project');

select tests.as_superuser();
select is(array(select kind || ':' || coalesce(previous_role, '-') || '>' || role from public.notifications
                where user_id = tests.id('researcher@duizhao.test') order by id),
  array['role_changed:researcher>reviewer'], 'the member hears of the new role');
select is(array(select kind || ':' || coalesce(previous_role, '-') || '>' || role from public.notifications
                where user_id = tests.id('multi@duizhao.test') order by id),
  array['role_changed:translator>reviewer'], 'a merge is a role change too');
select is((select actor_id from public.notifications where user_id = tests.id('researcher@duizhao.test')), tests.id('owner@duizhao.test'),
  'from the owner');
select is((select count(*)::int from public.notifications where user_id = tests.id('owner@duizhao.test')), 0,
  'an owner is not told about their own changes');
select is((select count(*)::int from public.notifications where project_id = tests.id('demo') and kind = 'member_added'), 0,
  'the fixture''s memberships, written by nobody signed in, notified nobody');

-- Owners adding a member through the table notify them too.
select tests.authenticate_as('owner@duizhao.test');
insert into public.project_members (project_id, user_id, role) values (tests.id('demo'), tests.id('outsider@duizhao.test'), 'translator');
select tests.as_superuser();
select is(array(select kind || ':' || role from public.notifications where user_id = tests.id('outsider@duizhao.test')),
  array['member_added:translator'], 'a new member is told');

select * from finish();
rollback;
