-- import_translations: owners and translators write translations done elsewhere (XLIFF, TMX) as
-- drafts, each row only at the version they previewed, all rows or none; translation_history shows
-- members who created and who approved each translation.
begin;
select plan(25);
select tests.create_fixture();

select tests.remember('idoc', private.import_document(tests.id('demo'), '{
  "title": "导入测试",
  "paragraphs": [
    {"position": 1, "kind": "heading", "text": "一"},
    {"position": 2, "kind": "body", "text": "双方决定加强合作。"},
    {"position": 3, "kind": "body", "text": "双方同意扩大贸易。"}
  ]}'::jsonb, tests.id('owner@duizhao.test')));
select tests.remember('i' || p.position, p.id) from public.paragraphs p where p.document_id = tests.id('idoc');

create temporary view imported as
select p.position, t.text, t.status, t.version, t.body, t.updated_by
from public.paragraphs p join public.translations t on t.paragraph_id = p.id
where p.document_id = tests.id('idoc');
grant select on imported to authenticated, service_role;

-- ─── permissions ──────────────────────────────────────────────────────────────────────────────

select is(tests.try_as(who, format($$ select public.import_translations(tests.id('idoc'), '[{"paragraph_id": "%s", "expected_version": 0, "text": "I"}]') $$, tests.id('i1'))), expected,
  'import_translations: ' || who)
from (values ('anon', '42501'), ('outsider', 'PT404'), ('owner', 'rows:1'), ('translator', 'rows:1'),
             ('researcher', '42501'), ('reviewer', '42501'), ('multi', 'rows:1'), ('other-owner', 'PT404')) as m (who, expected);
select ok(not has_function_privilege('anon', 'public.import_translations(uuid, jsonb, uuid)', 'execute'), 'anon cannot call import_translations');
select is(tests.try_as('translator', format($$ select public.import_translations(tests.id('idoc'), '[{"paragraph_id": "%s", "expected_version": 0, "text": "I"}]', tests.id('translator@duizhao.test')) $$, tests.id('i1'))),
  '42501', 'a user cannot import in someone else''s name');
select is((select count(*)::int from imported where text <> ''), 0, 'the refused and the undone calls wrote nothing');

-- ─── writing drafts ───────────────────────────────────────────────────────────────────────────

select tests.authenticate_as('translator@duizhao.test');
select is(public.import_translations(tests.id('idoc'), format('[
  {"paragraph_id": "%s", "expected_version": 0, "text": "The two sides decide to strengthen cooperation.\r\nSecond line.  "},
  {"paragraph_id": "%s", "expected_version": 0, "text": "I"}]', tests.id('i2'), tests.id('i1'))::jsonb), '{"written": 2}'::jsonb,
  'the translator imports two rows');
select is(array(select position || ':' || status || ':' || version || ':' || text from imported order by position), array[
  '1:draft:1:I', '2:draft:1:The two sides decide to strengthen cooperation.' || E'\n' || 'Second line.', '3:empty:0:'],
  'each row becomes a draft at the next version, line ends normalised, the third row untouched');
select is((select body from imported where position = 2), '{"type": "doc", "content": [
  {"type": "paragraph", "content": [{"type": "text", "text": "The two sides decide to strengthen cooperation."}]},
  {"type": "paragraph", "content": [{"type": "text", "text": "Second line."}]}]}'::jsonb, 'the body is tiptap JSON, a paragraph per line');
select is((select count(*)::int from public.translation_revisions r join public.translations t on t.id = r.translation_id
           join public.paragraphs p on p.id = t.paragraph_id where p.document_id = tests.id('idoc') and r.author_id = tests.id('translator@duizhao.test')), 2,
  'each imported row has a revision by the importer');

-- ─── stale versions and bad rows: nothing is written ──────────────────────────────────────────

select is((tests.error_of(format($$ select public.import_translations(tests.id('idoc'), '[
  {"paragraph_id": "%s", "expected_version": 0, "text": "Third."},
  {"paragraph_id": "%s", "expected_version": 0, "text": "Changed elsewhere."}]') $$, tests.id('i3'), tests.id('i2')))) ->> 'code', 'PT409',
  'a row whose version moved since the preview refuses the import');
select is((select text from imported where position = 3), '', 'and the other row of that import was not written either');
select is((tests.error_of(format($$ select public.import_translations(tests.id('idoc'), '[{"paragraph_id": "%s", "expected_version": 0, "text": "x"}]') $$, tests.id('i2')))) ->> 'detail',
  (select to_jsonb(t)::text from public.translations t where t.paragraph_id = tests.id('i2')), 'the refusal carries the current row, as save_translation''s does');
select is((tests.error_of($$ select public.import_translations(tests.id('idoc'), '[]') $$)) ->> 'code', '22023', 'an empty import is refused');
select is((tests.error_of(format($$ select public.import_translations(tests.id('idoc'), '[{"paragraph_id": "%s", "expected_version": 0, "text": "  "}]') $$, tests.id('i3')))) ->> 'message',
  'row 1 has no English text', 'blank English is refused: an import never empties a row');
select is((tests.error_of(format($$ select public.import_translations(tests.id('idoc'), '[{"paragraph_id": "%s", "expected_version": 0, "text": "x"}]') $$, tests.id('p1')))) ->> 'message',
  'row 1 names a paragraph that is not in this document', 'a paragraph of another document is refused');
select is((tests.error_of(format($$ select public.import_translations(tests.id('idoc'), '[{"paragraph_id": "%1$s", "expected_version": 0, "text": "x"}, {"paragraph_id": "%1$s", "expected_version": 0, "text": "y"}]') $$, tests.id('i3')))) ->> 'code',
  '22023', 'a paragraph named twice is refused');

-- ─── history ──────────────────────────────────────────────────────────────────────────────────

select is((select first_author_id from public.translation_history where paragraph_id = tests.id('i2')), tests.id('translator@duizhao.test'),
  'translation_history names who first saved the translation');
select is((select count(*)::int from public.translation_history where document_id = tests.id('idoc')), 3, 'members see the history of every row');
select tests.authenticate_as('outsider@duizhao.test');
select is((select count(*)::int from public.translation_history where document_id = tests.id('idoc')), 0, 'outsiders see none of it');

select * from finish();
rollback;
