-- profiles: created for every new auth user; read by oneself and co-members; only display_name is writable, by its owner.
begin;
select plan(39);
select tests.create_fixture();

select is((select display_name from public.profiles where id = tests.id('owner@duizhao.test')), 'Owner',
  'a new user gets a profile named from raw_user_meta_data.display_name');
select is((select display_name from public.profiles where id = tests.id('translator@duizhao.test')), 'translator',
  'without a display_name the profile takes the email''s local part');
select is((select email from public.profiles where id = tests.id('translator@duizhao.test')), 'translator@duizhao.test',
  'the profile carries the email');

update auth.users set email = 'translator2@duizhao.test' where id = tests.id('translator@duizhao.test');
select is((select email from public.profiles where id = tests.id('translator@duizhao.test')), 'translator2@duizhao.test',
  'an email change in auth.users reaches the profile');
update auth.users set email = 'translator@duizhao.test' where id = tests.id('translator@duizhao.test');

select is(tests.try_as(who, $$ select 1 from public.profiles where id = tests.id('owner@duizhao.test') $$), expected, 'read the owner''s profile: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('other-owner', 'rows:0'), ('owner', 'rows:1'), ('translator', 'rows:1'),
             ('researcher', 'rows:1'), ('reviewer', 'rows:1'), ('multi', 'rows:1')) as m (who, expected);
select is(tests.try_as(who, $$ update public.profiles set display_name = 'Renamed' where id = tests.id('owner@duizhao.test') $$), expected,
  'rename the owner: ' || who)
from (values ('anon', '42501'), ('outsider', 'rows:0'), ('owner', 'rows:1'), ('translator', 'rows:0'),
             ('researcher', 'rows:0'), ('reviewer', 'rows:0'), ('multi', 'rows:0')) as m (who, expected);
select is(tests.try_as(who, $$ delete from public.profiles where id = tests.id('owner@duizhao.test') $$), '42501', 'delete a profile: ' || who)
from (values ('anon'), ('outsider'), ('owner'), ('translator'), ('researcher'), ('reviewer'), ('multi')) as m (who);

select tests.authenticate_as('researcher@duizhao.test');
select is((select count(*)::int from public.profiles where id = tests.id('researcher@duizhao.test')), 1, 'a user reads their own profile');
select is((select count(*)::int from public.profiles where id = tests.id('reviewer@duizhao.test')), 1, 'a member reads a co-member''s profile');
select is((select count(*)::int from public.profiles where id = tests.id('other-owner@duizhao.test')), 0, 'a member cannot read the profile of someone in no shared project');
select is((select count(*)::int from public.profiles), 5, 'a member sees exactly the profiles of the demo project''s five members');

select is(tests.rows_affected($$ update public.profiles set display_name = 'R. Searcher' where id = tests.id('researcher@duizhao.test') $$), 1,
  'a user renames themselves');
select is(tests.rows_affected($$ update public.profiles set display_name = 'Hacked' where id = tests.id('reviewer@duizhao.test') $$), 0,
  'a user cannot rename a co-member');
select throws_ok($$ update public.profiles set email = 'x@example.com' where id = tests.id('researcher@duizhao.test') $$, '42501', null,
  'a user cannot change the email on their profile');
select throws_ok($$ insert into public.profiles (id, display_name) values (gen_random_uuid(), 'ghost') $$, '42501', null,
  'nobody inserts profiles through the API');
select throws_ok($$ delete from public.profiles where id = tests.id('researcher@duizhao.test') $$, '42501', null,
  'nobody deletes profiles through the API');

select tests.authenticate_as('outsider@duizhao.test');
select is((select count(*)::int from public.profiles), 1, 'a user in no project sees only their own profile');

select tests.clear_authentication();
select is((select count(*)::int from public.profiles), 0, 'anon reads no profiles');
select throws_ok($$ update public.profiles set display_name = 'anon' $$, '42501', null, 'anon cannot update profiles');

select tests.as_superuser();
select is((select display_name from public.profiles where id = tests.id('researcher@duizhao.test')), 'R. Searcher', 'the rename was stored');

select * from finish();
rollback;
