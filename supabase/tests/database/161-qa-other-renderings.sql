-- QA consistency across a project: qa_other_renderings gives, for each row of a document, the
-- English other documents of the same project give the same Chinese (translated and approved
-- rows only), under the caller's read policies: nothing from other projects, nothing for
-- outsiders, no drafts.
begin;
select plan(18);
select tests.create_fixture();

select tests.remember('a', private.import_document(tests.id('demo'), '{
  "title": "甲",
  "paragraphs": [
    {"position": 1, "text": "双方对会谈成果表示满意。"},
    {"position": 2, "text": "本声明一式两份，"},
    {"position": 3, "text": "两种文本同等作准。"},
    {"position": 4, "text": "完全无关的一句话。"},
    {"position": 5, "text": "双方同意加强合作。"}
  ]}'::jsonb, tests.id('owner@duizhao.test')));
select tests.remember('b', private.import_document(tests.id('demo'), '{
  "title": "乙",
  "paragraphs": [
    {"position": 1, "text": "双方对会谈成果 表示满意。"},
    {"position": 2, "text": "本声明一式两份，两种文本同等作准。"},
    {"position": 3, "text": "双方对会谈成果表示满意。"},
    {"position": 4, "text": "双方同意加强合作。"}
  ]}'::jsonb, tests.id('owner@duizhao.test')));
select tests.remember('c', private.import_document(tests.id('other'), '{
  "title": "丙",
  "paragraphs": [{"position": 1, "text": "双方对会谈成果表示满意。"}]}'::jsonb, tests.id('other-owner@duizhao.test')));
select tests.remember(d.title || p.position, p.id)
from public.paragraphs p join public.documents d on d.id = p.document_id
where d.id in (tests.id('a'), tests.id('b'), tests.id('c'));

-- Document a: row 1 translated one way, rows 2–3 one row of two paragraphs.
select tests.save('甲1', 'The two sides were satisfied with the talks.', 'translated');
select tests.save('甲2', 'Done in duplicate, both texts equally authentic.', 'translated', 2);
-- Document b: the same Chinese (a space aside) translated another way twice, once approved; the
-- spanning row's Chinese in one paragraph; a draft of row 5's Chinese.
select tests.save('乙1', 'The two sides expressed satisfaction with the talks.', 'translated');
select tests.save('乙3', 'The two sides expressed satisfaction with the talks.', 'translated');
select tests.save('乙2', 'This declaration is done in duplicate.', 'translated');
select tests.save('乙4', 'Both sides agreed to deepen cooperation (draft).', 'draft');
select tests.authenticate_as('reviewer@duizhao.test');
select public.review_translation(t.id, 'approved', null, t.version) from public.translations t where t.paragraph_id = tests.id('乙1');
select tests.as_superuser();
-- Another project holds the same Chinese too.
select tests.save('丙1', 'Secret rendering of another project.', 'translated');

select tests.authenticate_as('translator@duizhao.test');
create temp table r as select public.qa_other_renderings(tests.id('a')) as j;
grant select on r to authenticated;

select is((select jsonb_array_length(j) from r), 2, 'two rows of document a have the same Chinese elsewhere');
select is((select e -> 'renderings' from r, jsonb_array_elements(j) e where e ->> 'paragraph_id' = tests.id('甲1')::text),
  jsonb_build_array(jsonb_build_object(
    'text', 'The two sides expressed satisfaction with the talks.', 'occurrences', 2, 'status', 'approved',
    'places', jsonb_build_array(
      jsonb_build_object('document_id', tests.id('b'), 'document_title', '乙', 'position', 1),
      jsonb_build_object('document_id', tests.id('b'), 'document_title', '乙', 'position', 3)))),
  'row 1: the other rendering once, counted, approved, with where it is (spaces in the Chinese ignored)');
select is((select e -> 'renderings' -> 0 ->> 'text' from r, jsonb_array_elements(j) e where e ->> 'paragraph_id' = tests.id('甲2')::text),
  'This declaration is done in duplicate.', 'a row spanning two paragraphs meets the same Chinese written as one');
select ok(not exists (select 1 from r, jsonb_array_elements(j) e where e ->> 'paragraph_id' in (tests.id('甲3')::text, tests.id('甲4')::text, tests.id('甲5')::text)),
  'covered paragraphs, rows without a twin and rows whose twin is a draft get nothing');
select ok((select j::text from r) not like '%Secret%', 'nothing from another project');

-- From the other side: b sees a's renderings, not its own.
select is(jsonb_path_query_array(public.qa_other_renderings(tests.id('b')), '$[*].renderings[*].text'),
  '["The two sides were satisfied with the talks.", "Done in duplicate, both texts equally authentic.", "The two sides were satisfied with the talks."]'::jsonb
  , 'b''s rows 1, 2 and 3 see a''s renderings; b''s own are compared in the browser');

-- Drafts are not compared; once translated they are.
select tests.as_superuser();
select tests.save('乙4', 'Both sides agreed to deepen cooperation.', 'translated');
select tests.authenticate_as('researcher@duizhao.test');
select is(public.qa_other_renderings(tests.id('a')) @? format('$[*] ? (@.paragraph_id == "%s")', tests.id('甲5'))::jsonpath, true,
  'marked translated, the row counts; a researcher sees it too');

-- Two renderings: approved first; the limit.
select tests.as_superuser();
select tests.save('乙3', 'Both sides were pleased with the talks.', 'translated');
select tests.authenticate_as('translator@duizhao.test');
select is(jsonb_path_query_array(public.qa_other_renderings(tests.id('a')) -> 0, '$.renderings[*].text'),
  '["The two sides expressed satisfaction with the talks.", "Both sides were pleased with the talks."]'::jsonb, 'the approved rendering first');
select is(jsonb_array_length(public.qa_other_renderings(tests.id('a'), 1) -> 0 -> 'renderings'), 1, 'at most p_limit renderings a row');
select tests.authenticate_as('outsider@duizhao.test');
select is(public.qa_other_renderings(tests.id('a')), '[]'::jsonb, 'an outsider gets nothing');
select tests.authenticate_as('other-owner@duizhao.test');
select is(public.qa_other_renderings(tests.id('a')), '[]'::jsonb, 'the owner of another project gets nothing for this one');
select is(public.qa_other_renderings(tests.id('c')), '[]'::jsonb, 'nor, for their own document, anything from this project');
select tests.as_superuser();
select ok(not has_function_privilege('anon', 'public.qa_other_renderings(uuid, int)', 'execute'), 'anon cannot call it');
select ok(has_function_privilege('authenticated', 'public.qa_other_renderings(uuid, int)', 'execute'), 'signed-in users can');
select is((select prosecdef from pg_proc where oid = 'public.qa_other_renderings(uuid, int)'::regprocedure), false,
  'it runs with the caller''s rights, under the read policies');
select has_index('public', 'tm_entries', 'tm_entries_source_norm_hash_idx', 'the memory''s Chinese is hash-indexed');

-- The lookup uses that index under RLS.
create temp table plan_lines (line text);
grant all on plan_lines to authenticated;
select tests.authenticate_as('translator@duizhao.test');
set local enable_seqscan = off;
do $$
declare l text;
begin
  for l in execute format('explain select e.target_text from public.tm_entries e where e.source_norm = %L', '双方对会谈成果表示满意。') loop
    insert into plan_lines values (l);
  end loop;
end
$$;
reset enable_seqscan;
select tests.as_superuser();
select ok(exists (select 1 from plan_lines where line like '%tm_entries_source_norm_hash_idx%'), 'as a member, an equality on the Chinese reads the hash index');
select ok(not exists (select 1 from plan_lines where line like '%Seq Scan%'), 'without reading the whole memory');

select * from finish();
rollback;
