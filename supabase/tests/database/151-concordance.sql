-- concordance: every row of the project holding a Chinese substring or an English phrase, with its
-- aligned text (spans included) and contrast rows; members only.
begin;
select plan(14);
select tests.create_fixture();

select tests.remember('conc', private.import_document(tests.id('demo'), '{
  "title": "条约文本",
  "published_on": "2020-01-01",
  "paragraphs": [
    {"position": 1, "text": "双方签署睦邻友好合作条约。"},
    {"position": 2, "text": "条约自签署之日起生效。"},
    {"position": 3, "text": "本条约有效期二十年。"},
    {"position": 4, "text": "双方同意加强合作。"}
  ]}'::jsonb, tests.id('owner@duizhao.test')));
select private.import_document(tests.id('other'), '{"title": "别处", "paragraphs": [{"position": 1, "text": "条约"}]}'::jsonb,
  tests.id('other-owner@duizhao.test'));
-- #2 and #3 are one row of the alignment (span 2): #3's English is #2's.
update public.translations t set text = v.text, span = v.span, status = 'draft'
from (values (1, 'The two sides signed the Treaty of Good-Neighbourliness and Friendly Cooperation.', 1),
             (2, 'The treaty takes effect on signature and is valid for twenty years.', 2),
             (4, 'The two sides agreed to strengthen cooperation.', 1)) as v (position, text, span),
     public.paragraphs p
where p.document_id = tests.id('conc') and p.position = v.position and t.paragraph_id = p.id;

create function tests.lines(p_result jsonb)
returns text[]
language sql
immutable
as $$
  select coalesce(array_agg((h ->> 'document_title') || '#' || (h ->> 'position') || ' ' || (h ->> 'aligned') order by n), '{}')
  from jsonb_array_elements(p_result -> 'hits') with ordinality as x (h, n)
$$;
grant execute on function tests.lines(jsonb) to authenticated;

select tests.authenticate_as('researcher@duizhao.test');

select is(tests.lines(public.concordance(tests.id('demo'), '条约')), array[
  '条约文本#1 The two sides signed the Treaty of Good-Neighbourliness and Friendly Cooperation.',
  '条约文本#2 The treaty takes effect on signature and is valid for twenty years.',
  '条约文本#3 The treaty takes effect on signature and is valid for twenty years.'],
  'every paragraph holding 条约, with the English of its row (a covered paragraph takes its row''s)');
select is(public.concordance(tests.id('demo'), '条约') -> 'hits' -> 2 ->> 'text', E'本\uE000条约\uE001有效期二十年。', 'occurrences are marked');
select is((public.concordance(tests.id('demo'), '条约') ->> 'total')::int, 3, 'the total');
select is(public.concordance(tests.id('demo'), '条约') -> 'background', '["The two sides agreed to strengthen cooperation."]'::jsonb,
  'contrast: the English of the other rows of those documents');
select is(tests.lines(public.concordance(tests.id('demo'), '合作')), array[
  '条约文本#1 The two sides signed the Treaty of Good-Neighbourliness and Friendly Cooperation.',
  '条约文本#4 The two sides agreed to strengthen cooperation.',
  '中华人民共和国和哈萨克斯坦共和国联合宣言#2 '], 'rows without English come with an empty aligned text');
select is(tests.lines(public.concordance(tests.id('demo'), '条约', p_limit => 1)), array[
  '条约文本#1 The two sides signed the Treaty of Good-Neighbourliness and Friendly Cooperation.'], 'p_limit');

-- English: a phrase, stemmed; the aligned text is the Chinese of the row.
select is(tests.lines(public.concordance(tests.id('demo'), 'treaties', 'en')), array[
  '条约文本#1 双方签署睦邻友好合作条约。', '条约文本#2 条约自签署之日起生效。本条约有效期二十年。'],
  'an English word: rows whose English has it, with their Chinese (both paragraphs of a spanning row)');
select is(tests.lines(public.concordance(tests.id('demo'), 'two sides agreed', 'en')), array['条约文本#4 双方同意加强合作。'],
  'an English phrase: its words in order');
select is(public.concordance(tests.id('demo'), 'treaty', 'en') -> 'hits' -> 1 ->> 'text',
  E'The \uE000treaty\uE001 takes effect on signature and is valid for twenty years.', 'English occurrences are marked, the whole text kept');

select is(tests.error_of($$ select public.concordance(tests.id('demo'), ' ') $$) ->> 'code', '22023', 'an empty selection is refused');
select is(tests.error_of($$ select public.concordance(tests.id('demo'), 'the', 'en') $$) ->> 'code', '22023', 'stop words alone are refused');
select is(tests.error_of($$ select public.concordance(tests.id('demo'), '条约', 'fr') $$) ->> 'code', '22023', 'unknown language');

select tests.as_superuser();
select is(tests.try_as('outsider', $$ select public.concordance(tests.id('demo'), '条约') $$), 'PT404', 'outsiders: project not found');
select is(tests.try_as('anon', $$ select public.concordance(tests.id('demo'), '条约') $$), '42501', 'anon may not');

select * from finish();
rollback;
