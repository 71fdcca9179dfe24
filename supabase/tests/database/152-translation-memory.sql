-- Translation memory: translated and approved rows become entries, identical pairs one counted
-- segment; suggestions come from the caller's projects only, identical Chinese first; TMX units
-- import atomically for owners and translators; nobody writes the memory directly.
begin;
select plan(34);
select tests.create_fixture();

-- pg_trgm must see Chinese characters, which depends on the database's LC_CTYPE.
select ok(cardinality(extensions.show_trgm('中华人民共和国')) >= 7, 'pg_trgm makes trigrams of Chinese characters here');
select ok(extensions.similarity('双方签署睦邻友好合作条约', '双方签署睦邻友好条约') > 0.5, 'and similar Chinese scores as similar');

select tests.remember('tm doc', private.import_document(tests.id('demo'), '{
  "title": "记忆",
  "paragraphs": [
    {"position": 1, "text": "双方对会谈成果表示满意。"},
    {"position": 2, "text": "双方对会谈成果表示满意。"},
    {"position": 3, "text": "双方对访问成果表示满意。"},
    {"position": 4, "text": "双方对会谈成果表示满意。"},
    {"position": 5, "text": "完全无关的一句话。"},
    {"position": 6, "text": "本声明一式两份，"},
    {"position": 7, "text": "两种文本同等作准。"}
  ]}'::jsonb, tests.id('owner@duizhao.test')));
select tests.remember('m' || p.position, p.id) from public.paragraphs p where p.document_id = tests.id('tm doc');

select tests.save('m1', 'The two sides expressed satisfaction with the talks.', 'translated');
select tests.save('m2', 'The two sides expressed satisfaction with the talks.', 'translated');
select tests.save('m3', 'The two sides were satisfied with the visit.', 'draft');
select tests.save('m6', 'This declaration is done in duplicate, both texts being equally authentic.', 'translated', 2);

select is((select count(*)::int from public.tm_entries where project_id = tests.id('demo')), 3, 'translated rows are entries; drafts are not');
select is((select occurrences from public.tm_segments where paragraph_id in (tests.id('m1'), tests.id('m2'))), 2,
  'two identical rows are one segment, counted twice');
select is((select source_text from public.tm_entries where paragraph_id = tests.id('m6')), '本声明一式两份，两种文本同等作准。',
  'a spanning row''s Chinese is every paragraph it covers');

-- Suggestions for the untranslated #4: identical Chinese first, then similar, not itself.
select tests.authenticate_as('translator@duizhao.test');
select is(jsonb_path_query_array(public.tm_suggestions(tests.id('m4')), '$.suggestions[*].target'),
  '["The two sides expressed satisfaction with the talks."]'::jsonb, 'one segment for the two identical rows; the draft is no suggestion');
select is(public.tm_suggestions(tests.id('m4')) -> 'suggestions' -> 0 -> 'exact', 'true'::jsonb, 'marked exact');
select is(public.tm_suggestions(tests.id('m4')) -> 'suggestions' -> 0 -> 'occurrences', '2'::jsonb, 'with how often it occurs');
select is(public.tm_suggestions(tests.id('m4')) ->> 'source', '双方对会谈成果表示满意。', 'the row''s own Chinese comes back');
select is(jsonb_array_length(public.tm_suggestions(tests.id('m5')) -> 'suggestions'), 0, 'nothing similar, no suggestion');
select is(jsonb_path_query_array(public.tm_suggestions(tests.id('m6')), '$.suggestions[*].target'), '[]'::jsonb,
  'a row whose only entry is its own gets no suggestion from itself');
select is(public.tm_suggestions(tests.id('m3')) -> 'suggestions' -> 0 ->> 'target', 'The two sides expressed satisfaction with the talks.',
  'a row with no entry of its own gets the others''');
select is(jsonb_path_query_array(public.tm_suggestions(tests.id('m1')), '$.suggestions[*].exact'), '[true]'::jsonb,
  'a translated row still sees its twin, not itself');

-- Marking the draft translated adds it as a fuzzy match, after the exact one.
select tests.save('m3', 'The two sides were satisfied with the visit.', 'translated');
select is(jsonb_path_query_array(public.tm_suggestions(tests.id('m4')), '$.suggestions[*].target'),
  '["The two sides expressed satisfaction with the talks.", "The two sides were satisfied with the visit."]'::jsonb, 'exact first, then similar');
select ok((public.tm_suggestions(tests.id('m4')) -> 'suggestions' -> 1 ->> 'score')::real between 0.3 and 0.99, 'the similar one has a trigram score below 1');
select is(jsonb_array_length(public.tm_suggestions(tests.id('m4'), p_min_similarity => 0.99) -> 'suggestions'), 1, 'a higher threshold leaves the exact one');

-- Back to draft, emptied or removed: out of the memory.
select tests.as_superuser();
select tests.save('m2', 'The two sides expressed satisfaction with the talks.', 'draft');
select is((select occurrences from public.tm_segments where source_norm = private.tm_norm('双方对会谈成果表示满意。')), 1, 'a row back in draft leaves');
delete from public.paragraphs where id = tests.id('m1');
select is((select count(*)::int from public.tm_segments where source_norm = private.tm_norm('双方对会谈成果表示满意。')), 0,
  'the last entry gone, the segment goes too');

-- Other projects: the caller's other projects count; the rest never.
select private.import_document(tests.id('other'), '{"title": "他处", "paragraphs": [{"position": 1, "text": "双方对会谈成果表示满意。"}]}'::jsonb,
  tests.id('other-owner@duizhao.test'));
update public.translations t set text = 'Other project rendering.', status = 'translated'
from public.paragraphs p join public.documents d on d.id = p.document_id
where d.title = '他处' and t.paragraph_id = p.id;
select tests.authenticate_as('translator@duizhao.test');
select is(jsonb_path_query_array(public.tm_suggestions(tests.id('m4')), '$.suggestions[*].target'),
  '["The two sides were satisfied with the visit."]'::jsonb, 'a project the caller is not in lends nothing');
select tests.as_superuser();
insert into public.project_members (project_id, user_id, role) values (tests.id('other'), tests.id('translator@duizhao.test'), 'researcher');
select tests.authenticate_as('translator@duizhao.test');
select is(public.tm_suggestions(tests.id('m4')) -> 'suggestions' -> 0 ->> 'project_name', 'Other', 'a project the caller is in lends its memory');

-- Imports.
select is((public.import_translation_memory(tests.id('demo'), 'Glossary memory', 'zh-CN', 'en-GB',
  '[{"source": "完全无关的一句话。", "target": "An entirely unrelated sentence.", "author": "Jane"},
    {"source": "完全无关的一句话。", "target": "An entirely unrelated sentence."},
    {"source": "第三句", "target": "Third", "updated_at": "2019-02-03T04:05:06Z"}]'::jsonb) ->> 'units')::int, 3,
  'a translator imports a memory');
select is((public.tm_suggestions(tests.id('m5')) -> 'suggestions' -> 0) - 'id' - 'updated_at' - 'project_id',
  '{"source": "完全无关的一句话。", "target": "An entirely unrelated sentence.", "exact": true, "score": 1, "occurrences": 2,
    "status": "imported", "author_id": null, "author_name": "Jane", "origin": "import", "import_name": "Glossary memory",
    "project_name": "Demo", "document_id": null, "document_title": null, "position": null}'::jsonb,
  'imported units are suggested, with their file''s name and author');
select is(tests.error_of($$ select public.import_translation_memory(tests.id('demo'), 'x', 'zh', 'en', '[{"source": "a", "target": " "}]') $$) ->> 'message',
  'unit 1 needs a non-empty source and target (and author, updated_at as strings)', 'a unit without a target is refused');
select is(tests.error_of($$ select public.import_translation_memory(tests.id('demo'), 'x', 'zh', 'en', '[{"source": "a", "target": "b", "updated_at": "not a date"}]') $$) ->> 'code',
  '22023', 'a bad timestamp is refused');
select is(tests.error_of($$ select public.import_translation_memory(tests.id('demo'), 'x', 'zh', 'en', '[]') $$) ->> 'code', '22023', 'an empty memory is refused');
select tests.as_superuser();
select is(tests.try_as('researcher', $$ select public.import_translation_memory(tests.id('demo'), 'x', 'zh', 'en', '[{"source": "a", "target": "b"}]') $$),
  '42501', 'researchers do not import memories');
select is(tests.try_as('outsider', $$ select public.import_translation_memory(tests.id('demo'), 'x', 'zh', 'en', '[{"source": "a", "target": "b"}]') $$),
  '42501', 'outsiders do not import memories');
select is((select count(*)::int from public.tm_imports where name = 'x'), 0, 'a refused import leaves nothing');
select is(tests.try_as('researcher', $$ delete from public.tm_imports $$), 'rows:0', 'researchers do not delete memories');
select is(tests.try_as('translator', $$ delete from public.tm_imports where name = 'Glossary memory' $$), 'rows:1', 'translators delete them');
delete from public.tm_imports where name = 'Glossary memory';
select is((select count(*)::int from public.tm_segments where status = 'imported'), 0, 'its segments go with it');

-- Nobody writes the memory directly; outsiders read none of it.
select is(tests.try_as('owner', $$ insert into public.tm_entries (project_id, paragraph_id, source_text, source_norm, target_text, status)
  values (tests.id('demo'), tests.id('m5'), 'x', 'x', 'y', 'translated') $$), '42501', 'no direct writes to entries');
select is(tests.try_as('outsider', $$ select 1 from public.tm_segments $$), 'rows:0', 'outsiders read no segments');
select is(tests.try_as('outsider', $$ select public.tm_suggestions(tests.id('m4')) $$), 'PT404', 'nor ask for suggestions');

select * from finish();
rollback;
