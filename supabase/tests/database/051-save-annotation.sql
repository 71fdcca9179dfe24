-- save_annotation: the author patches their note against the version they saw; stale → PT409 + current row.
begin;
select plan(26);
select tests.create_fixture();

select is(tests.try_as(who, $$ select public.save_annotation(tests.id('researcher submitted'), 1, '{"body_text": "patched"}') $$), expected,
  'save another''s submitted note: ' || who)
from (values ('anon', '42501'), ('outsider', 'PT404'), ('owner', '42501'), ('translator', '42501'),
             ('researcher', 'rows:1'), ('reviewer', '42501'), ('multi', '42501')) as m (who, expected);
select is(tests.try_as('reviewer', $$ select public.save_annotation(tests.id('researcher draft'), 1, '{"body_text": "x"}') $$), 'PT404',
  'another''s draft is not even found');

select tests.authenticate_as('researcher@duizhao.test');
select is((select version || '/' || body_text || '/' || kind || '/' || array_to_string(tags, ',')
           from public.save_annotation(tests.id('researcher submitted'), 1,
             '{"body": {"type": "doc", "content": []}, "body_text": "CICA", "kind": "organisation", "tags": ["亚信", "summit"]}')),
  '2/CICA/organisation/亚信,summit', 'a patch sets body, body_text, kind and tags and bumps the version');
select is((select start_offset || '-' || end_offset || '/' || quote_exact || '/' || quote_prefix || '/' || quote_suffix
           from public.save_annotation(tests.id('researcher submitted'), 2,
             '{"quote_exact": "合作", "quote_prefix": "加强", "quote_suffix": "。", "start_offset": 6, "end_offset": 8}')),
  '6-8/合作/加强/。', 'a patch sets the quote and position selectors');
select is((select coalesce(start_offset::text, 'null') || '/' || body_text
           from public.save_annotation(tests.id('researcher submitted'), 3,
             '{"quote_exact": null, "quote_prefix": null, "quote_suffix": null, "start_offset": null, "end_offset": null}')),
  'null/CICA', 'null selectors turn the note into a whole-paragraph note; absent keys stay');
select is((select status from public.save_annotation(tests.id('researcher draft'), 1, '{"status": "submitted"}')), 'submitted', 'a draft is submitted by a patch');
select is((select status from public.save_annotation(tests.id('researcher draft'), 2, '{"status": "draft"}')), 'draft', 'and withdrawn again');

create temporary table conflict as
select tests.error_of($$ select public.save_annotation(tests.id('researcher submitted'), 1, '{"body_text": "old"}') $$) as e;
select is((select e ->> 'code' from conflict), 'PT409', 'a stale version raises PT409');
select is((select e ->> 'message' from conflict), 'stale version', 'with the message "stale version"');
select is((select (e ->> 'detail')::jsonb ->> 'version' from conflict), '4', 'the detail carries the current version');
select is((select (e ->> 'detail')::jsonb ->> 'body_text' from conflict), 'CICA', 'and the current body');
select is((select body_text || '/' || version from public.annotations where id = tests.id('researcher submitted')), 'CICA/4', 'the stale save changed nothing');

select throws_ok($$ select public.save_annotation(tests.id('researcher submitted'), 4, '{"status": "approved"}') $$, '22023', null, 'a patch cannot approve');
select throws_ok($$ select public.save_annotation(tests.id('researcher submitted'), 4, '{"status": "rejected"}') $$, '22023', null, 'a patch cannot reject');
select throws_ok($$ select public.save_annotation(tests.id('researcher submitted'), 4, '{"author_id": "00000000-0000-0000-0000-000000000000"}') $$, '22023', null,
  'a patch cannot name an author');
select throws_ok($$ select public.save_annotation(tests.id('researcher submitted'), 4, '{"paragraph_id": "00000000-0000-0000-0000-000000000000"}') $$, '22023', null,
  'a patch cannot move the note');
select throws_ok($$ select public.save_annotation(tests.id('researcher submitted'), 4, '{"version": 9}') $$, '22023', null, 'a patch cannot set the version');
select throws_ok($$ select public.save_annotation(tests.id('researcher submitted'), 4, '{"tags": "one"}') $$, '22023', null, 'tags are a list');
select throws_ok($$ select public.save_annotation(tests.id('researcher submitted'), 4, '[]') $$, '22023', null, 'a patch is an object');
select throws_ok($$ select public.save_annotation(gen_random_uuid(), 1, '{}') $$, 'PT404', null, 'an unknown note is not found');

select * from finish();
rollback;
