-- import_document: owners only; validates everything; one transaction, so it stores all or nothing.
begin;
select plan(35);
select tests.create_fixture();

create temporary table doc_json (j jsonb);
grant select on doc_json to authenticated;
insert into doc_json values ('{
  "title": "中华人民共和国和哈萨克斯坦共和国联合宣言",
  "published_on": "2014-05-20",
  "keywords": ["双方", "合作", "中哈"],
  "collection": "习近平系列重要讲话数据库",
  "source_line": "（新华社上海5月19日电）",
  "metadata": {"来源": "新华社"},
  "paragraphs": [
    {"position": 1, "kind": "body", "text": "应中华人民共和国主席习近平邀请。"},
    {"position": 2, "kind": "heading", "text": "一"},
    {"position": 3, "kind": "body", "text": "双方决定加强合作。"},
    {"position": 4, "kind": "closing", "text": "二〇一四年五月十九日于上海"}
  ]}');

select is(tests.try_as(who, $$ select public.import_document(tests.id('demo'), (select j from doc_json)) $$), expected, 'import_document: ' || who)
from (values ('anon', '42501'), ('outsider', '42501'), ('owner', 'rows:1'), ('translator', '42501'),
             ('researcher', '42501'), ('reviewer', '42501'), ('multi', '42501'), ('other-owner', '42501')) as m (who, expected);

select tests.authenticate_as('owner@duizhao.test');
select tests.remember('imported', public.import_document(tests.id('demo'), (select j from doc_json)));
select is((select title || '|' || published_on || '|' || array_to_string(keywords, ',') || '|' || collection || '|' || source_line || '|' || (metadata ->> '来源')
           from public.documents where id = tests.id('imported')),
  '中华人民共和国和哈萨克斯坦共和国联合宣言|2014-05-20|双方,合作,中哈|习近平系列重要讲话数据库|（新华社上海5月19日电）|新华社',
  'the document keeps title, date, keywords, collection, source line and metadata');
select is((select created_by from public.documents where id = tests.id('imported')), tests.id('owner@duizhao.test'), 'the importer is the creator');
select is(array(select kind || ':' || position from public.paragraphs where document_id = tests.id('imported') order by position),
  array['body:1', 'heading:2', 'body:3', 'closing:4'], 'paragraphs keep their order and kinds');
select is((select count(*)::int from public.translations t join public.paragraphs p on p.id = t.paragraph_id
           where p.document_id = tests.id('imported') and t.status = 'empty' and t.version = 0), 4,
  'each paragraph gets one empty translation');

-- Shuffled input is stored in position order.
select lives_ok($$ select public.import_document(tests.id('demo'),
  '{"title": "Shuffled", "paragraphs": [{"position": 2, "kind": "body", "text": "乙"}, {"position": 1, "kind": "body", "text": "甲"}]}') $$,
  'positions may arrive in any order');
select is(array(select text from public.paragraphs p join public.documents d on d.id = p.document_id where d.title = 'Shuffled' order by position),
  array['甲', '乙'], 'and are stored by position');
select lives_ok($$ select public.import_document(tests.id('demo'), '{"title": "Minimal", "paragraphs": [{"position": 1, "text": "只有一段"}]}') $$,
  'only title and paragraphs are required; kind defaults to body');

-- Validation: each bad document is refused with 22023 and nothing is stored.
select tests.as_superuser();
create temporary table before_refusals as select count(*)::int as documents from public.documents;
select is(tests.try_as('owner', format($$ select public.import_document(tests.id('demo'), %L) $$, bad)), '22023', 'refused: ' || why)
from (values
  ('{"title": "", "paragraphs": [{"position": 1, "kind": "body", "text": "甲"}]}', 'an empty title'),
  ('{"title": "   ", "paragraphs": [{"position": 1, "kind": "body", "text": "甲"}]}', 'a blank title'),
  ('{"paragraphs": [{"position": 1, "kind": "body", "text": "甲"}]}', 'a missing title'),
  ('{"title": "T", "paragraphs": []}', 'no paragraphs'),
  ('{"title": "T"}', 'a missing paragraph list'),
  ('{"title": "T", "paragraphs": [{"position": 1, "kind": "footer", "text": "甲"}]}', 'an unknown kind'),
  ('{"title": "T", "paragraphs": [{"position": 1, "kind": "body", "text": "甲"}, {"position": 3, "kind": "body", "text": "丙"}]}', 'a gap in positions'),
  ('{"title": "T", "paragraphs": [{"position": 1, "kind": "body", "text": "甲"}, {"position": 1, "kind": "body", "text": "乙"}]}', 'a repeated position'),
  ('{"title": "T", "paragraphs": [{"position": 0, "kind": "body", "text": "甲"}]}', 'positions starting at 0'),
  ('{"title": "T", "paragraphs": [{"position": 1.5, "kind": "body", "text": "甲"}]}', 'a fractional position'),
  ('{"title": "T", "paragraphs": [{"position": 1, "kind": "body", "text": ""}]}', 'an empty paragraph'),
  ('{"title": "T", "paragraphs": [{"position": 1, "kind": "body"}]}', 'a paragraph without text'),
  ('{"title": "T", "published_on": "2014-13-45", "paragraphs": [{"position": 1, "kind": "body", "text": "甲"}]}', 'an impossible date'),
  ('{"title": "T", "keywords": "双方", "paragraphs": [{"position": 1, "kind": "body", "text": "甲"}]}', 'keywords that are not a list'),
  ('{"title": "T", "metadata": [1], "paragraphs": [{"position": 1, "kind": "body", "text": "甲"}]}', 'metadata that is not an object'),
  ('[1, 2]', 'a document that is not an object')
) as b (bad, why);
select is((select count(*)::int from public.documents), (select documents from before_refusals),
  'no refused import left a document behind');

-- A failure after the document row is written propagates to the caller (nothing swallows it and
-- returns an id), so the request's transaction undoes the document too: make the third paragraph fail.
create function pg_temp.fail_on_boom() returns trigger language plpgsql as $$
begin
  if new.text = 'boom' then raise exception 'paragraph insert failed'; end if;
  return new;
end
$$;
create trigger fail_on_boom before insert on public.paragraphs for each row execute function pg_temp.fail_on_boom();
select is(tests.try_as('owner', $$ select public.import_document(tests.id('demo'),
  '{"title": "Half", "paragraphs": [{"position": 1, "text": "甲"}, {"position": 2, "text": "乙"}, {"position": 3, "text": "boom"}]}') $$),
  'P0001', 'an import failing on its third paragraph raises that error to the caller');
select is((select count(*)::int from public.documents where title = 'Half'), 0, 'and leaves no document');
select is((select count(*)::int from public.paragraphs where text in ('甲', '乙') and document_id not in
           (select id from public.documents where title in ('Shuffled', 'Minimal'))), 0, 'and no paragraphs or translations');

select * from finish();
rollback;
