-- translations: members read; owners and translators edit; nobody inserts or deletes them directly;
-- the status machine and versioning hold for plain UPDATEs (what a REST PATCH runs).
begin;
select plan(80);
select tests.create_fixture();

select is(tests.try_as(who, $$ select 1 from public.translations where paragraph_id in (tests.id('p1'), tests.id('p2'), tests.id('p3')) $$), expected,
  'select translations: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:3'), ('translator', 'rows:3'),
             ('researcher', 'rows:3'), ('reviewer', 'rows:3'), ('multi', 'rows:3')) as m (who, expected);

select is(tests.try_as(who, $$ update public.translations set text = 'The two sides', body = '{"type": "doc"}' where id = tests.id('t2') $$), expected,
  'edit translation: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:1'), ('translator', 'rows:1'),
             ('researcher', 'rows:0'), ('reviewer', 'rows:0'), ('multi', 'rows:1')) as m (who, expected);

select is(tests.try_as(who, $$ update public.translations set span = 2 where id = tests.id('t1') $$), expected, 'change alignment span: ' || who)
from (values ('outsider', 'rows:0'), ('owner', 'rows:1'), ('translator', 'rows:1'), ('researcher', 'rows:0'),
             ('reviewer', 'rows:0'), ('multi', 'rows:1')) as m (who, expected);

select is(tests.try_as(who, $$ insert into public.translations (paragraph_id) values (tests.id('p1')) $$), '42501', 'insert translation: ' || who)
from (values ('anon'), ('outsider'), ('owner'), ('translator'), ('researcher'), ('reviewer'), ('multi')) as m (who);

select is(tests.try_as(who, $$ delete from public.translations where id = tests.id('t2') $$), 'rows:0', 'delete translation: ' || who)
from (values ('anon'), ('outsider'), ('owner'), ('translator'), ('researcher'), ('reviewer'), ('multi')) as m (who);

-- The status machine through plain updates, as a translator.
select tests.authenticate_as('translator@duizhao.test');
update public.translations set text = 'The two sides decide', body = '{"type": "doc"}' where id = tests.id('t2');
select is((select status || '/' || version from public.translations where id = tests.id('t2')), 'draft/1',
  'typing into an empty translation makes it a draft at version 1');
select is((select updated_by from public.translations where id = tests.id('t2')), tests.id('translator@duizhao.test'), 'updated_by is the editor');
update public.translations set status = 'translated' where id = tests.id('t2');
select is((select status || '/' || version from public.translations where id = tests.id('t2')), 'translated/2', 'a translator marks it translated');
select throws_ok($$ update public.translations set status = 'approved' where id = tests.id('t2') $$, '42501', null,
  'a translator cannot approve by PATCH');
select throws_ok($$ update public.translations set status = 'empty' where id = tests.id('t2') $$, '22023', null,
  'a translation cannot go back to empty');
select throws_ok($$ update public.translations set status = 'finished' where id = tests.id('t2') $$, '23514', null,
  'status is empty, draft, translated or approved');
select throws_ok($$ update public.translations set span = 0 where id = tests.id('t2') $$, '23514', null, 'a span covers at least one paragraph');
update public.translations set status = 'draft' where id = tests.id('t2');
select is((select status || '/' || version from public.translations where id = tests.id('t2')), 'draft/3', 'and back to draft');
update public.translations set status = 'translated' where id = tests.id('t2');

-- Columns the server owns are never taken from the client.
update public.translations
   set version = 99, updated_by = tests.id('owner@duizhao.test'), created_at = '2000-01-01', updated_at = '2000-01-01'
 where id = tests.id('t2');
select is((select version from public.translations where id = tests.id('t2')), 4, 'a PATCH cannot set the version');
select is((select updated_by from public.translations where id = tests.id('t2')), tests.id('translator@duizhao.test'), 'a PATCH cannot set updated_by');
select isnt((select created_at from public.translations where id = tests.id('t2')), '2000-01-01'::timestamptz, 'a PATCH cannot set created_at');
select isnt((select updated_at from public.translations where id = tests.id('t2')), '2000-01-01'::timestamptz, 'a PATCH cannot set updated_at');
select throws_ok($$ update public.translations set paragraph_id = tests.id('p3') where id = tests.id('t2') $$, '42501', null,
  'a translation cannot move to another paragraph');
update public.translations set text = text where id = tests.id('t2');
select is((select version from public.translations where id = tests.id('t2')), 4, 'an update that changes nothing keeps the version');

-- Revisions: one per saved version, written by the trigger.
select is(array(select version || ':' || status from public.translation_revisions where translation_id = tests.id('t2') order by version),
  array['1:draft', '2:translated', '3:draft', '4:translated'], 'every saved version left a revision');
select is((select count(*)::int from public.translation_revisions where translation_id = tests.id('t2') and author_id = tests.id('translator@duizhao.test')), 4,
  'revisions record their author');
select is(tests.try_as(who, $$ select 1 from public.translation_revisions where translation_id = tests.id('t2') $$), expected, 'select revisions: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:4'), ('translator', 'rows:4'), ('researcher', 'rows:4'),
             ('reviewer', 'rows:4'), ('multi', 'rows:4')) as m (who, expected);
select is(tests.try_as(who, $$ insert into public.translation_revisions (translation_id, version, text, status) values (tests.id('t2'), 9, 'x', 'draft') $$),
  '42501', 'insert revision: ' || who)
from (values ('anon'), ('outsider'), ('owner'), ('translator'), ('researcher'), ('reviewer'), ('multi')) as m (who);
select is(tests.try_as(who, $$ update public.translation_revisions set text = 'rewritten' $$), '42501', 'rewrite a revision: ' || who)
from (values ('anon'), ('outsider'), ('owner'), ('translator'), ('researcher'), ('reviewer'), ('multi')) as m (who);
select is(tests.try_as(who, $$ delete from public.translation_revisions $$), '42501', 'delete a revision: ' || who)
from (values ('anon'), ('outsider'), ('owner'), ('translator'), ('researcher'), ('reviewer'), ('multi')) as m (who);
select tests.as_superuser();
select throws_ok($$ update public.translation_revisions set text = 'rewritten' $$, '42501', null, 'revisions cannot be rewritten even by the table owner');
select throws_ok($$ delete from public.translation_revisions $$, '42501', null, 'revisions cannot be deleted even by the table owner');

select * from finish();
rollback;
