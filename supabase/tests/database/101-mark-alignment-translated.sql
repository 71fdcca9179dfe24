-- mark_alignment_translated: after applying an alignment, owners and translators mark its drafts
-- translated in one transaction; only drafts with English change, and only what the caller may change.
begin;
select plan(19);
select tests.create_fixture();

select tests.remember('mdoc', private.import_document(tests.id('demo'), '{
  "title": "标记测试",
  "paragraphs": [
    {"position": 1, "kind": "heading", "text": "一"},
    {"position": 2, "kind": "body", "text": "双方决定加强合作。"},
    {"position": 3, "kind": "body", "text": "双方同意扩大贸易。"},
    {"position": 4, "kind": "body", "text": "双方支持互联互通。"},
    {"position": 5, "kind": "body", "text": "双方将继续对话。"}
  ]}'::jsonb, tests.id('owner@duizhao.test')));
select tests.remember('m' || p.position, p.id) from public.paragraphs p where p.document_id = tests.id('mdoc');

create temporary view marked as
select p.position, t.text, t.span, t.status, t.version, t.updated_by
from public.paragraphs p join public.translations t on t.paragraph_id = p.id
where p.document_id = tests.id('mdoc');
grant select on marked to authenticated;

-- Rows 1, 2–3 and 4 applied; 5 left empty.
select tests.authenticate_as('translator@duizhao.test');
select is(public.apply_alignment(tests.id('mdoc'), '[
  {"positions": [1], "text": "I"},
  {"positions": [2, 3], "text": "The two sides decide to strengthen cooperation and expand trade."},
  {"positions": [4], "text": "Both support connectivity."}
]') ->> 'written', '3', 'an alignment of three rows is applied');

-- ─── permissions ──────────────────────────────────────────────────────────────────────────────

select is(tests.try_as(who, format($$ select public.mark_alignment_translated(tests.id('mdoc'), array[%L]::uuid[]) $$, tests.id('m1'))), expected,
  'mark_alignment_translated: ' || who)
from (values ('anon', '42501'), ('outsider', 'PT404'), ('owner', 'rows:1'), ('translator', 'rows:1'),
             ('researcher', '42501'), ('reviewer', '42501'), ('multi', 'rows:1'), ('other-owner', 'PT404')) as m (who, expected);
select ok(not has_function_privilege('anon', 'public.mark_alignment_translated(uuid, uuid[])', 'execute'), 'anon cannot call it');
select is((select count(*)::int from marked where status = 'translated'), 0, 'the refused and undone calls changed nothing');

-- ─── marking ──────────────────────────────────────────────────────────────────────────────────

-- Row 4 was translated by hand meanwhile: it is skipped, not changed again.
select lives_ok($$ select public.save_translation(tests.id('m4'), 1, null, 'Both support connectivity.', 'translated') $$, 'row 4 is marked by hand first');
select tests.authenticate_as('translator@duizhao.test');
select is(public.mark_alignment_translated(tests.id('mdoc'), array[tests.id('m1'), tests.id('m2'), tests.id('m3'), tests.id('m4'), tests.id('m5'), tests.id('m1')]),
  '{"marked": 2, "skipped": 3}'::jsonb,
  'drafts with English are marked; the covered, empty and already translated rows are skipped (each paragraph counted once)');
select is(array(select position || ':' || span || ':' || status from marked order by position),
  array['1:1:translated', '2:2:translated', '3:1:empty', '4:1:translated', '5:1:empty'], 'the rows end as expected');
select is((select version || '/' || updated_by::text from marked where position = 2), '2/' || tests.id('translator@duizhao.test')::text,
  'the change is versioned and attributed like any save');
select is((select translated from public.document_progress where document_id = tests.id('mdoc')), 4,
  'document_progress counts the marked rows, spans included');

-- ─── bad input changes nothing ───────────────────────────────────────────────────────────────

select throws_ok($$ select public.mark_alignment_translated(tests.id('mdoc'), array[]::uuid[]) $$, '22023', 'name at least one paragraph', 'an empty list is refused');
select throws_ok(format($$ select public.mark_alignment_translated(tests.id('mdoc'), array[%L, %L]::uuid[]) $$, tests.id('m5'), tests.id('p2')),
  '22023', format('paragraph %s is not in this document', tests.id('p2')), 'a paragraph of another document is refused, and nothing is marked');
select throws_ok($$ select public.mark_alignment_translated(gen_random_uuid(), array[gen_random_uuid()]) $$, 'PT404', null, 'an unknown document is not found');

select * from finish();
rollback;
