-- search_project: exactly the expected paragraphs and notes for Chinese single characters, mixed
-- Latin/digits (C线, 2014年), full-width and ASCII alike, English stems and prefixes; filters; the
-- ordered walk beyond 1,000 hits, each way of finding hits (the first rows of the scope, the
-- indexes, the walk in library order); the stored English words; and never a hit from another project or another member's draft.
begin;
select plan(62);
select tests.create_fixture();

-- A document of test lines in "demo" (published after the fixture's, so listed first), and one
-- in "other" that matches nearly every query, which nobody in "demo" may ever see.
select tests.remember('lines', private.import_document(tests.id('demo'), '{
  "title": "测试文本",
  "published_on": "2020-01-01",
  "paragraphs": [
    {"position": 1, "text": "２０１４年５月，Ｃ线开通。"},
    {"position": 2, "text": "2014年建成C线和D线。"},
    {"position": 3, "text": "双方签署了睦邻友好合作条约。"},
    {"position": 4, "text": "亚信峰会在上海举行。"},
    {"position": 5, "text": "中"},
    {"position": 6, "text": "合作与友好，条约与睦邻。"}
  ]}'::jsonb, tests.id('owner@duizhao.test')));
select private.import_document(tests.id('other'), '{
  "title": "别的项目",
  "paragraphs": [{"position": 1, "text": "2014年C线，中，睦邻友好合作条约，亚信。"}]}'::jsonb, tests.id('other-owner@duizhao.test'));

update public.translations t set text = v.text, status = v.status, updated_by = tests.id('translator@duizhao.test')
from (values (2, 'Line C was completed in 2014.', 'draft'),
             (3, 'The two sides signed the Treaty of Good-Neighbourliness.', 'translated'),
             (4, 'The CICA summit was held in Shanghai.', 'draft')) as v (position, text, status),
     public.paragraphs p
where p.document_id = tests.id('lines') and p.position = v.position and t.paragraph_id = p.id;
update public.translations t set text = 'Treaty signed by the two sides.', status = 'draft'
from public.paragraphs p where p.document_id = tests.id('other doc') and t.paragraph_id = p.id;
update public.annotations set tags = array['treaty', '条约'] where id = tests.id('researcher submitted');

-- "title#position" per hit (notes as "title#position:note"), in the order returned.
create function tests.labels(p_result jsonb)
returns text[]
language sql
immutable
as $$
  select coalesce(array_agg((h ->> 'document_title') || '#' || (h ->> 'position') || case when h ->> 'kind' = 'note' then ':note' else '' end
                            order by n), '{}')
  from jsonb_array_elements(p_result -> 'hits') with ordinality as x (h, n)
$$;
grant execute on function tests.labels(jsonb) to authenticated;

create function tests.find(p_query text, p_fields text[] default array['source', 'translation', 'notes'], p_statuses text[] default null)
returns text[]
language sql
as $$
  select tests.labels(public.search_project(tests.id('demo'), p_query, p_fields, p_statuses => p_statuses))
$$;
grant execute on function tests.find(text, text[], text[]) to authenticated;

select tests.authenticate_as('translator@duizhao.test');

-- Chinese: any substring, single characters included; full-width and ASCII fold together.
select is(tests.find('C线', array['source']), array['测试文本#1', '测试文本#2'], 'C线 finds Ｃ线 and C线');
select is(tests.find('Ｃ线', array['source']), array['测试文本#1', '测试文本#2'], 'Ｃ线 finds the same two');
select is(tests.find('c线', array['source']), array['测试文本#1', '测试文本#2'], 'case does not matter');
select is(tests.find('2014年', array['source']), array['测试文本#1', '测试文本#2'], '2014年 finds ２０１４年 and 2014年');
select is(tests.find('２０１４年', array['source']), array['测试文本#1', '测试文本#2'], '２０１４年 finds both too');
select is(tests.find('14年', array['source']), array['测试文本#1', '测试文本#2'], 'a substring across digits and a character');
select is(tests.find('D线', array['source']), array['测试文本#2'], 'D线 only where it is');
select is(tests.find('中', array['source']), array['测试文本#5'], 'a single character');
select is(tests.find('睦', array['source']), array['测试文本#3', '测试文本#6'], 'another single character, twice');
select is(tests.find('睦邻友好合作条约', array['source']), array['测试文本#3'], 'a long substring');
select is(tests.find('友好条约', array['source']), '{}'::text[], 'characters present but apart are no hit');
select is(tests.find('合作', array['source']), array['测试文本#3', '测试文本#6', '中华人民共和国和哈萨克斯坦共和国联合宣言#2'],
  'hits in library order: newer document first, then by paragraph');
select is(tests.find('  亚信  ', array['source']), array['测试文本#4'], 'surrounding spaces are ignored');
select is(tests.find('上海', array['source']), array['测试文本#4', '中华人民共和国和哈萨克斯坦共和国联合宣言#3'], 'across documents');

-- English: words, stemmed; the last word also a prefix; Chinese and English from one box.
select is(tests.find('treaties', array['translation']), array['测试文本#3'], 'treaties finds Treaty (stem)');
select is(tests.find('signing', array['translation']), array['测试文本#3'], 'signing finds signed');
select is(tests.find('Neighbour', array['translation']), array['测试文本#3'], 'the last word is a prefix: Neighbour finds Neighbourliness');
select is(tests.find('two sides treaty', array['translation']), array['测试文本#3'], 'every word must be there');
select is(tests.find('cica', array['translation']), array['测试文本#4'], 'drafts are searched too');
select is(tests.find('the', array['translation']), '{}'::text[], 'a stop word alone finds nothing in English');
select is(tests.find('2014'), array['测试文本#1', '测试文本#2'], 'one box: 2014 in the Chinese of #1 and in both languages of #2');
select is(tests.find('cica', array['translation'], array['translated']), '{}'::text[], 'status filter: the CICA row is a draft');
select is(tests.find('treaty', array['translation'], array['translated', 'approved']), array['测试文本#3'], 'status filter keeps translated rows');
select is(tests.find('treaty', array['translation'], array['rejected']), '{}'::text[], 'rejected is a status one can filter by');

-- Notes: text in either language, tags; never another member's draft.
select is(tests.find('shared', array['notes']), array['中华人民共和国和哈萨克斯坦共和国联合宣言#2:note'], 'a submitted note by its text');
select is(tests.find('treaty', array['notes']), array['中华人民共和国和哈萨克斯坦共和国联合宣言#2:note'], 'a note by its tag');
select is(tests.find('条约'), array['测试文本#3', '测试文本#6', '中华人民共和国和哈萨克斯坦共和国联合宣言#2:note'],
  'paragraphs and notes together');
select is(tests.find('private', array['notes']), '{}'::text[], 'another member''s draft stays hidden');
select is(tests.find('translator draft', array['notes']), array['中华人民共和国和哈萨克斯坦共和国联合宣言#1:note'], 'one''s own draft is found');
select is(tests.labels(public.search_project(tests.id('demo'), '', array['notes'], p_note_kinds => array['term'])),
  array['中华人民共和国和哈萨克斯坦共和国联合宣言#2:note'], 'no text, a note kind: the notes of that kind');
select is(tests.labels(public.search_project(tests.id('demo'), '', array['notes'], p_note_tags => array['treaty'])),
  array['中华人民共和国和哈萨克斯坦共和国联合宣言#2:note'], 'no text, a tag: the notes tagged so');
select is(tests.labels(public.search_project(tests.id('demo'), 'note', array['notes'], p_note_authors => array[tests.id('translator@duizhao.test')])),
  '{}'::text[], 'author filter');

select tests.authenticate_as('researcher@duizhao.test');
select is(tests.find('private', array['notes']), array['中华人民共和国和哈萨克斯坦共和国联合宣言#2:note'], 'the researcher finds their own draft');

-- What a hit carries.
select tests.authenticate_as('translator@duizhao.test');
select is(public.search_project(tests.id('demo'), 'c线', array['source']) -> 'hits' -> 0 ->> 'source',
  E'２０１４年５月，\uE000Ｃ线\uE001开通。', 'the snippet marks the match in the original text');
select is(public.search_project(tests.id('demo'), 'treaties', array['translation']) -> 'hits' -> 0 ->> 'translation',
  E'The two sides signed the \uE000Treaty\uE001 of Good-Neighbourliness.', 'English snippets mark the matching words');
select is(public.search_project(tests.id('demo'), 'treaties', array['translation']) -> 'hits' -> 0 ->> 'status', 'translated', 'a hit carries its status');
select is(public.search_project(tests.id('demo'), '条约', p_limit => 1, p_offset => 1) - 'hits' - 'query',
  '{"total": 3, "total_is_lower_bound": false, "paragraphs": 2, "notes": 1}'::jsonb, 'totals count every hit, not just the page');
select is(tests.labels(public.search_project(tests.id('demo'), '条约', p_limit => 1, p_offset => 1)), array['测试文本#6'], 'paging');
select is(tests.labels(public.search_project(tests.id('demo'), '上海', array['source'], p_document_ids => array[tests.id('doc')])),
  array['中华人民共和国和哈萨克斯坦共和国联合宣言#3'], 'document filter');

-- Bad input.
select is(tests.error_of($$ select public.search_project(tests.id('demo'), '   ') $$) ->> 'code', '22023', 'an empty query is refused');
select is(tests.error_of($$ select public.search_project(tests.id('demo'), 'x', array['everything']) $$) ->> 'code', '22023', 'unknown fields are refused');
select is(tests.error_of($$ select public.search_project(tests.id('demo'), 'x', p_limit => 1000) $$) ->> 'code', '22023', 'pages are at most 100 hits');

-- Outsiders and anonymous callers.
select tests.as_superuser();
select is(tests.try_as('outsider', $$ select public.search_project(tests.id('demo'), '条约') $$), 'PT404', 'an outsider gets "project not found"');
select is(tests.try_as('anon', $$ select public.search_project(tests.id('demo'), '条约') $$), '42501', 'anon may not search');
select is(tests.try_as('translator', $$ select public.search_project(tests.id('other'), '条约') $$), 'PT404', 'a member of one project cannot search another');

-- Beyond 1,000 hits: the total is a lower bound and the page still comes in library order.
select tests.as_superuser();
select private.import_document(tests.id('demo'), jsonb_build_object(
  'title', '长文', 'published_on', '2030-01-01',
  'paragraphs', (select jsonb_agg(jsonb_build_object('position', g, 'text', '第' || g || '段：测验。')) from generate_series(1, 1200) g)),
  tests.id('owner@duizhao.test'));
select private.import_document(tests.id('demo'), '{"title": "较早", "published_on": "2000-01-01",
  "paragraphs": [{"position": 1, "text": "测验"}]}'::jsonb, tests.id('owner@duizhao.test'));
select tests.authenticate_as('translator@duizhao.test');
select is(public.search_project(tests.id('demo'), '测验', p_limit => 3) - 'hits' - 'query',
  '{"total": 1000, "total_is_lower_bound": true, "paragraphs": 1000, "notes": 0}'::jsonb, 'more than 1,000 hits: a lower bound');
select is(tests.labels(public.search_project(tests.id('demo'), '测验', p_limit => 3, p_offset => 1198)),
  array['长文#1199', '长文#1200', '较早#1'], 'the walk in library order reaches the last page');

-- Past the first 1,000 rows of the scope with few hits among them, the indexes answer; the
-- queries of the first part still find exactly their rows (folded, stemmed, in library order).
select is(tests.find('C线', array['source']), array['测试文本#1', '测试文本#2'], 'through the index: C线 finds Ｃ线 and C线');
select is(tests.find('２０１４年', array['source']), array['测试文本#1', '测试文本#2'], 'through the index: ２０１４年 finds both');
select is(tests.find('中', array['source']), array['测试文本#5'], 'through the index: a single character');
select is(tests.find('睦邻友好合作条约', array['source']), array['测试文本#3'], 'through the index: a long substring');
select is(tests.find('友好条约', array['source']), '{}'::text[], 'through the index: characters apart are no hit');
select is(tests.find('treaties', array['translation']), array['测试文本#3'], 'through the index: English stems');
select is(tests.find('2014'), array['测试文本#1', '测试文本#2'], 'through the index: both languages from one box');
select is(tests.find('treaty', array['translation'], array['translated', 'approved']), array['测试文本#3'], 'through the index: status filter');

-- More than 1,000 hits that the first 1,000 rows do not show: counted through the indexes, the
-- page from a walk in library order.
select tests.as_superuser();
select private.import_document(tests.id('demo'), jsonb_build_object(
  'title', '稀疏', 'published_on', '2020-06-01',
  'paragraphs', (select jsonb_agg(jsonb_build_object('position', g, 'text', case when g > 400 then '第' || g || '段：试炼。' else '别的话。' end)) from generate_series(1, 1401) g)),
  tests.id('owner@duizhao.test'));
select tests.authenticate_as('translator@duizhao.test');
select is(public.search_project(tests.id('demo'), '试炼', p_limit => 2) - 'hits' - 'query',
  '{"total": 1000, "total_is_lower_bound": true, "paragraphs": 1000, "notes": 0}'::jsonb, 'a lower bound through the indexes too');
select is(tests.labels(public.search_project(tests.id('demo'), '试炼', p_limit => 2)), array['稀疏#401', '稀疏#402'], 'and the first page in library order');

-- The English words of a translation are kept as it changes.
select tests.as_superuser();
update public.translations t set text = 'A quarantine of livestock.' from public.paragraphs p
where p.document_id = tests.id('lines') and p.position = 5 and t.paragraph_id = p.id;
select tests.authenticate_as('translator@duizhao.test');
select is(tests.find('quarantines', array['translation']), array['测试文本#5'], 'a new translation is found by its words');
select tests.as_superuser();
update public.translations t set text = '' from public.paragraphs p
where p.document_id = tests.id('lines') and p.position = 5 and t.paragraph_id = p.id;
select tests.authenticate_as('translator@duizhao.test');
select is(tests.find('quarantines', array['translation']), '{}'::text[], 'an emptied translation is no longer found');
select tests.as_superuser();
select ok(not has_table_privilege('authenticated', 'private.translation_words', 'select')
  and not has_table_privilege('anon', 'private.translation_words', 'select'), 'the stored English words are read only through search');
select is(tests.try_as('translator', $$ select count(*) from private.translation_words $$), '42501', 'a member cannot read them directly');
select is(private.search_pattern('c线 2.'), E'[cCｃＣ]线[ \u3000\u00a0\t\n\r][2２]\\.', 'the pattern of a folded query');

select * from finish();
rollback;
