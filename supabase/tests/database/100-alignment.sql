-- apply_alignment: owners and translators store aligned English as draft translations, one per
-- row with span = its Chinese paragraph count; existing English is never replaced without
-- p_overwrite; the whole call is one transaction.
begin;
select plan(46);
select tests.create_fixture();

-- A six-paragraph document of the demo project to align (p1 … p6 → a1 … a6, translations at1 … at6).
select tests.remember('adoc', private.import_document(tests.id('demo'), '{
  "title": "对齐测试",
  "paragraphs": [
    {"position": 1, "kind": "heading", "text": "一"},
    {"position": 2, "kind": "body", "text": "双方决定加强合作。"},
    {"position": 3, "kind": "body", "text": "双方同意扩大贸易。"},
    {"position": 4, "kind": "body", "text": "双方支持互联互通。"},
    {"position": 5, "kind": "body", "text": "双方将继续对话。"},
    {"position": 6, "kind": "closing", "text": "二〇一四年五月十九日于上海"}
  ]}'::jsonb, tests.id('owner@duizhao.test')));
select tests.remember('a' || p.position, p.id) from public.paragraphs p where p.document_id = tests.id('adoc');

create temporary view aligned as
select p.position, t.text, t.span, t.status, t.version, t.body, t.updated_by
from public.paragraphs p join public.translations t on t.paragraph_id = p.id
where p.document_id = tests.id('adoc');
grant select on aligned to authenticated;

-- ─── permissions ──────────────────────────────────────────────────────────────────────────────

select is(tests.try_as(who, $$ select public.apply_alignment(tests.id('adoc'), '[{"positions": [1], "text": "I"}]') $$), expected,
  'apply_alignment: ' || who)
from (values ('anon', '42501'), ('outsider', 'PT404'), ('owner', 'rows:1'), ('translator', 'rows:1'),
             ('researcher', '42501'), ('reviewer', '42501'), ('multi', 'rows:1'), ('other-owner', 'PT404')) as m (who, expected);
select ok(not has_function_privilege('anon', 'public.apply_alignment(uuid, jsonb, boolean)', 'execute'), 'anon cannot call apply_alignment');
select is((select count(*)::int from aligned where text <> ''), 0, 'the refused and the undone calls wrote nothing');

-- ─── a first alignment ────────────────────────────────────────────────────────────────────────

select tests.authenticate_as('translator@duizhao.test');
select is(public.apply_alignment(tests.id('adoc'), '[
  {"positions": [1], "text": "I"},
  {"positions": [2, 3], "text": "The two sides decide to strengthen cooperation.\nThey agree to expand trade."},
  {"positions": [5], "text": "  The two sides will continue their dialogue.\r\n"}
]'), '{"applied": true, "conflicts": [], "written": 3, "rows": 3}'::jsonb,
  'the translator applies three rows and is told so');
select is(array(select position || ':' || span || ':' || status || ':' || text from aligned order by position), array[
  '1:1:draft:I',
  '2:2:draft:The two sides decide to strengthen cooperation.' || E'\n' || 'They agree to expand trade.',
  '3:1:empty:',
  '4:1:empty:',
  '5:1:draft:The two sides will continue their dialogue.',
  '6:1:empty:'], 'each row''s English lands on its first paragraph as a draft, span = its Chinese paragraph count');
select is((select body from aligned where position = 2), '{"type": "doc", "content": [
  {"type": "paragraph", "content": [{"type": "text", "text": "The two sides decide to strengthen cooperation."}]},
  {"type": "paragraph", "content": [{"type": "text", "text": "They agree to expand trade."}]}]}'::jsonb,
  'the body is tiptap JSON, one paragraph per English paragraph');
select is((select version || '/' || updated_by::text from aligned where position = 2), '1/' || tests.id('translator@duizhao.test')::text,
  'the write is versioned and attributed like any save');
select is((select count(*)::int from public.translation_revisions r join public.translations t on t.id = r.translation_id
           where t.paragraph_id in (tests.id('a1'), tests.id('a2'), tests.id('a5'))), 3, 'each written translation gets a revision');

-- The span reaches document_progress once the row is marked translated.
select lives_ok($$ select public.save_translation(tests.id('a2'), 1, null, 'The two sides decide to strengthen cooperation.' || E'\n' || 'They agree to expand trade.', 'translated') $$,
  'the translator marks the two-paragraph row translated');
select is((select translated from public.document_progress where document_id = tests.id('adoc')), 2,
  'document_progress counts both paragraphs of the row');

-- ─── never overwrite without asking ───────────────────────────────────────────────────────────

select tests.as_superuser();
create temporary table before_conflict as select * from aligned;
grant select on before_conflict to authenticated;
select tests.authenticate_as('translator@duizhao.test');
select is(public.apply_alignment(tests.id('adoc'), '[
  {"positions": [1], "text": "One"},
  {"positions": [4], "text": "Both sides support connectivity."},
  {"positions": [5, 6], "text": "New text for five and six"}
]'), '{"applied": false, "conflicts": [1, 5], "written": 0, "rows": 3}'::jsonb,
  'rows over existing English are reported by position');
select is(array(select position || ':' || version || ':' || text from aligned order by position),
  array(select position || ':' || version || ':' || text from before_conflict order by position),
  'and nothing is written, not even the row without a conflict');
select is((public.apply_alignment(tests.id('adoc'), '[{"positions": [3], "text": "Trade"}]') -> 'conflicts'), '[3]'::jsonb,
  'a paragraph covered by another row''s English conflicts too');
select is(public.apply_alignment(tests.id('adoc'), '[{"positions": [1], "text": "I"}, {"positions": [4], "text": "Four"}]'),
  '{"applied": true, "conflicts": [], "written": 1, "rows": 2}'::jsonb,
  'a row that repeats what is stored is no conflict and no write');
select is((select version from aligned where position = 1), 1, 'the unchanged row keeps its version');
select is((select text || '/' || status from aligned where position = 4), 'Four/draft', 'the new row is written');

-- ─── overwrite ────────────────────────────────────────────────────────────────────────────────

select is(public.apply_alignment(tests.id('adoc'), '[
  {"positions": [1, 2], "text": "I. The two sides decide."},
  {"positions": [3], "text": "They agree to expand trade."}
]', true), '{"applied": true, "conflicts": [1, 2], "written": 3, "rows": 2}'::jsonb,
  'with p_overwrite the conflicting rows are replaced, and the caller learns which');
select is(array(select position || ':' || span || ':' || status || ':' || text from aligned where position <= 3 order by position), array[
  '1:2:draft:I. The two sides decide.',
  '2:1:draft:',
  '3:1:draft:They agree to expand trade.'], 'the new spans replace the old: the translated row is now covered, emptied and a draft again');
select is((select body from aligned where position = 2), null, 'a covered paragraph keeps no body');

-- A translation outside the alignment whose span reaches into it is cut short.
select lives_ok($$ select public.apply_alignment(tests.id('adoc'), '[{"positions": [4, 5, 6], "text": "Four to six"}]', true) $$,
  'a row may cover three paragraphs');
select is((public.apply_alignment(tests.id('adoc'), '[{"positions": [5], "text": "Five"}]') -> 'conflicts'), '[5]'::jsonb,
  'aligning inside another row''s span asks first');
select lives_ok($$ select public.apply_alignment(tests.id('adoc'), '[{"positions": [5], "text": "Five"}]', true) $$, 'and overwrites when told');
select is(array(select position || ':' || span || ':' || text from aligned where position >= 4 order by position),
  array['4:1:Four to six', '5:1:Five', '6:1:'], 'the covering row now stops before the new one; the paragraph after it is uncovered');

-- Paragraphs may be named by id instead of position.
select is((public.apply_alignment(tests.id('adoc'), format('[{"paragraph_ids": [%s, %s], "text": "Five and six"}]',
             to_jsonb(tests.id('a5')), to_jsonb(tests.id('a6')))::jsonb, true) ->> 'applied'), 'true', 'rows may name paragraph ids');
select is((select span || ':' || text from aligned where position = 5), '2:Five and six', 'and are stored the same way');

-- ─── refused input ────────────────────────────────────────────────────────────────────────────

select throws_ok(format($$ select public.apply_alignment(tests.id('adoc'), %L) $$, bad), '22023', message, 'refused: ' || message)
from (values
  ('[]', 'the alignment needs at least one row'),
  ('{"positions": [1], "text": "x"}', 'the alignment needs at least one row'),
  ('[{"positions": [1], "text": "  "}]', 'row 1 has no English text'),
  ('[{"positions": [1], "text": "x"}, {"text": "y"}]', 'row 2 needs either positions or paragraph_ids'),
  ('[{"positions": [], "text": "x"}]', 'row 1 names no paragraph'),
  ('[{"positions": [1.5], "text": "x"}]', 'row 1 has a position that is not a whole number'),
  ('[{"paragraph_ids": ["abc"], "text": "x"}]', 'row 1 has a paragraph id that is not a uuid'),
  ('[{"positions": [2, 4], "text": "x"}]', 'row 1: its paragraphs are not consecutive'),
  ('[{"positions": [1, 2], "text": "x"}, {"positions": [2], "text": "y"}]', 'paragraph 2 is in more than one row'),
  ('[{"positions": [7], "text": "x"}]', 'row 1: paragraph 7 is not in this document')
) as t (bad, message);
select throws_ok(format($$ select public.apply_alignment(tests.id('adoc'), '[{"paragraph_ids": [%s], "text": "x"}]') $$, to_jsonb(tests.id('p2'))),
  '22023', null, 'a paragraph of another document is refused');
select throws_ok($$ select public.apply_alignment(gen_random_uuid(), '[{"positions": [1], "text": "x"}]') $$, 'PT404', null,
  'an unknown document is not found');

-- ─── atomicity ────────────────────────────────────────────────────────────────────────────────

-- A failure while writing the last row (simulated by a trigger) undoes the rows written before it.
select tests.as_superuser();
create function tests.refuse_boom() returns trigger language plpgsql as $$
begin
  if new.text = 'boom' then
    raise exception 'refused by the test' using errcode = 'P0001';
  end if;
  return new;
end
$$;
create trigger zz_refuse_boom before update on public.translations for each row execute function tests.refuse_boom();
create temporary table before_boom as select * from aligned;
grant select on before_boom to authenticated;
select tests.authenticate_as('owner@duizhao.test');
select throws_ok($$ select public.apply_alignment(tests.id('adoc'), '[
    {"positions": [1], "text": "Written first"},
    {"positions": [2, 3], "text": "Written second"},
    {"positions": [6], "text": "boom"}]', true) $$, 'P0001', 'refused by the test', 'a write that fails raises');
select is(array(select position || ':' || version || ':' || span || ':' || text from aligned order by position),
  array(select position || ':' || version || ':' || span || ':' || text from before_boom order by position),
  'and leaves every translation as it was');
select tests.as_superuser();
drop trigger zz_refuse_boom on public.translations;

select * from finish();
rollback;
