-- save_translation: editors save against the version they saw; a stale version changes nothing and
-- raises PT409 with the current row in the detail.
begin;
select plan(23);
select tests.create_fixture();

select is(tests.try_as(who, $$ select public.save_translation(tests.id('p2'), 0, '{"type": "doc"}', 'The two sides') $$), expected,
  'save_translation: ' || who)
from (values ('anon', '42501'), ('outsider', 'PT404'), ('owner', 'rows:1'), ('translator', 'rows:1'),
             ('researcher', '42501'), ('reviewer', '42501'), ('multi', 'rows:1'), ('other-owner', 'PT404')) as m (who, expected);

select tests.authenticate_as('translator@duizhao.test');
select is((select status || '/' || version || '/' || text from public.save_translation(tests.id('p2'), 0, '{"type": "doc"}', 'The two sides')),
  'draft/1/The two sides', 'the first save makes a draft at version 1');
select is((select status || '/' || version from public.save_translation(tests.id('p2'), 1, '{"type": "doc"}', 'The two sides decide', 'translated')),
  'translated/2', 'a save can mark the row translated');

create temporary table conflict as
select tests.error_of($$ select public.save_translation(tests.id('p2'), 1, '{"type": "doc"}', 'An older edit') $$) as e;
select is((select e ->> 'code' from conflict), 'PT409', 'saving against an old version raises PT409');
select is((select e ->> 'message' from conflict), 'stale version', 'with the message "stale version"');
select is((select (e ->> 'detail')::jsonb ->> 'version' from conflict), '2', 'the detail carries the current version');
select is((select (e ->> 'detail')::jsonb ->> 'text' from conflict), 'The two sides decide', 'and the current text');
select is((select (e ->> 'detail')::jsonb ->> 'id' from conflict), tests.id('t2')::text, 'and the row''s id');
select is((select text || '/' || version from public.translations where id = tests.id('t2')), 'The two sides decide/2', 'the stale save changed nothing');

-- Two editors who both saw version 2: the first wins, the second is told.
select is((select version from public.save_translation(tests.id('p2'), 2, null, 'First editor')), 3, 'the first of two concurrent saves lands');
select is(tests.try_as('owner', $$ select public.save_translation(tests.id('p2'), 2, null, 'Second editor') $$), 'PT409', 'the second gets PT409');

select throws_ok($$ select public.save_translation(tests.id('p2'), 3, null, 'x', 'approved') $$, '22023', null, 'a save cannot approve');
select throws_ok($$ select public.save_translation(tests.id('p2'), 3, null, 'x', 'empty') $$, '22023', null, 'a save cannot empty a row');
select throws_ok($$ select public.save_translation(gen_random_uuid(), 0, null, 'x') $$, 'PT404', null, 'an unknown paragraph is not found');
select throws_ok($$ select public.save_translation(tests.id('p2'), null, null, 'x') $$, 'PT409', null, 'a save without a version is stale');
select is((select status from public.save_translation(tests.id('p2'), 3, null, 'Kept status')), 'translated', 'without p_status the status is kept');

select * from finish();
rollback;
