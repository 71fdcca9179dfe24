-- Deleting an account: profile, memberships and notes go; the projects and decisions they touched stay.
begin;
select plan(8);
select tests.create_fixture();

select tests.authenticate_as('translator@duizhao.test');
select public.save_translation(tests.id('p2'), 0, null, 'The two sides', 'translated');
select tests.as_superuser();

select lives_ok($$ delete from auth.users where id = tests.id('researcher@duizhao.test') $$, 'a researcher''s account can be deleted');
select is((select count(*)::int from public.annotations where author_id = tests.id('researcher@duizhao.test')), 0, 'their notes go with it');
select is((select count(*)::int from public.profiles where id = tests.id('researcher@duizhao.test')), 0, 'so does their profile');
select lives_ok($$ delete from auth.users where id = tests.id('translator@duizhao.test') $$, 'a translator''s account can be deleted');
select is((select text || '/' || coalesce(updated_by::text, '-') from public.translations where id = tests.id('t2')), 'The two sides/-',
  'their translations stay, without an editor');
select lives_ok($$ delete from auth.users where id = tests.id('other-owner@duizhao.test') $$, 'the sole owner''s account can still be deleted');
select is((select coalesce(created_by::text, '-') from public.projects where id = tests.id('other')), '-', 'the project stays, without a creator');
select is((select coalesce(created_by::text, '-') from public.documents where id = tests.id('other doc')), '-', 'its documents stay, without a creator');

select * from finish();
rollback;
