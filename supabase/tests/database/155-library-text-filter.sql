-- library_documents_containing: a project's documents whose Chinese holds a string (any
-- substring, full-width and ASCII alike), whose title holds it (any script) or whose English has
-- its words, as library_documents rows, with the documents' grams kept as paragraphs change;
-- members only, never another project's documents.
begin;
select plan(24);
select tests.create_fixture();

select tests.remember('a', private.import_document(tests.id('demo'), '{"title": "甲", "published_on": "2021-01-01",
  "paragraphs": [{"position": 1, "text": "２０１４年，Ｃ线开通。"}, {"position": 2, "text": "亚信峰会在上海举行。"}]}'::jsonb, tests.id('owner@duizhao.test')));
select tests.remember('b', private.import_document(tests.id('demo'), '{"title": "乙", "published_on": "2022-01-01",
  "paragraphs": [{"position": 1, "text": "双方支持亚信。"}]}'::jsonb, tests.id('owner@duizhao.test')));
select private.import_document(tests.id('other'), '{"title": "丙",
  "paragraphs": [{"position": 1, "text": "亚信，2014年C线。"}]}'::jsonb, tests.id('other-owner@duizhao.test'));

create function tests.titles(p_text text)
returns text[]
language sql
as $$
  select array(select title from public.library_documents_containing(tests.id('demo'), p_text) order by title)
$$;

select tests.authenticate_as('translator@duizhao.test');
select is(tests.titles('亚信'), array['乙', '甲'], 'a two-character string: both documents, not the other project''s');
select is(tests.titles('C线'), array['甲'], 'ASCII finds full-width');
select is(tests.titles('２０１４年'), array['甲'], 'full-width finds full-width');
select is(tests.titles('峰'), array['甲'], 'a single character');
select is(tests.titles('没有的词'), '{}'::text[], 'nothing for a string nowhere');
select is((select paragraphs from public.library_documents_containing(tests.id('demo'), '亚信峰会') where title = '甲'), 2,
  'the rows carry the library''s counters');

select is(tests.titles('方支'), array['乙'], 'two characters need no paragraph check, and find only what is there');
select is(tests.titles('在上海'), array['甲'], 'three characters: the bigrams, then the paragraph');
select is(tests.titles('峰会在'), array['甲'], 'three characters spanning both bigrams');

-- The grams follow the paragraphs.
select tests.as_superuser();
update public.paragraphs set text = '双方支持上合组织。' where document_id = tests.id('b');
select tests.authenticate_as('translator@duizhao.test');
select is(tests.titles('亚信'), array['甲'], 'an edited paragraph no longer holds it');
select is(tests.titles('上合组织'), array['乙'], 'and holds the new text');

-- A document whose grams did not fit a tsvector is checked paragraph by paragraph.
select tests.as_superuser();
update private.document_grams set grams = null where document_id = tests.id('a');
select tests.authenticate_as('translator@duizhao.test');
select is(tests.titles('亚信峰会'), array['甲'], 'without grams, the paragraphs are read');
select is(tests.titles('峰会'), array['甲'], 'without grams, two characters are read from the paragraphs too');

-- Longer strings too common for the paragraphs' index: the documents' grams, then their paragraphs.
set local duizhao.library_text_cap = '0';
select is(tests.titles('亚信峰会'), array['甲'], 'common: confirmed in the paragraphs');
select is(tests.titles('双方支持'), array['乙'], 'common: another document');
select is(tests.titles('Ｃ线开'), array['甲'], 'common: full-width folded in the paragraphs');
reset duizhao.library_text_cap;

-- Titles in any script, and the English of the translations by word.
select tests.as_superuser();
select private.import_document(tests.id('demo'), '{"title": "Joint Statement on CICA", "published_on": "2023-01-01",
  "paragraphs": [{"position": 1, "text": "联合声明。"}]}'::jsonb, tests.id('owner@duizhao.test'));
update public.translations t set text = 'The CICA summits were held in Shanghai.', status = 'draft'
from public.paragraphs p where p.document_id = tests.id('a') and p.position = 2 and t.paragraph_id = p.id;
select private.import_document(tests.id('other'), '{"title": "Summit elsewhere", "paragraphs": [{"position": 1, "text": "别处。"}]}'::jsonb,
  tests.id('other-owner@duizhao.test'));
select tests.authenticate_as('translator@duizhao.test');
select is(tests.titles('statement'), array['Joint Statement on CICA'], 'an English title, whatever its case');
select is(tests.titles('ＪＯＩＮＴ'), array['Joint Statement on CICA'], 'full-width finds an ASCII title');
select is(tests.titles('summit'), array['甲'], 'English words of the translations, stemmed (summits), not another project''s');
select is(tests.titles('cica'), array['Joint Statement on CICA', '甲'], 'the title of one, the English of another');
select is(tests.titles('联合声明'), array['Joint Statement on CICA'], 'and the Chinese still');
set local duizhao.library_text_cap = '0';
select is(tests.titles('shanghai'), array['甲'], 'a common English word: confirmed document by document');
reset duizhao.library_text_cap;

select tests.as_superuser();
select is(tests.try_as('outsider', $$ select public.library_documents_containing(tests.id('demo'), '亚信') $$), 'PT404',
  'an outsider gets "project not found"');
select is(tests.try_as('translator', $$ select public.library_documents_containing(tests.id('demo'), '  ') $$), '22023',
  'an empty text is refused');

select * from finish();
rollback;
