-- Documents: the content hash that recognises a text imported twice, find_duplicate_documents,
-- document_footprint and delete_document (owners only, one transaction, history included).
begin;
select plan(45);
select tests.create_fixture();

select isnt((select content_hash from public.documents where id = tests.id('doc')), null, 'an imported document has a content hash');
select is(private.text_fingerprint(array[E'\u3000\u3000双方决定加强合作。', '１１月１５日']),
          private.text_fingerprint(array['双方决定 加强合作。', E'11月15日\n']),
  'the hash ignores indents, spacing and full-width forms');
select isnt(private.text_fingerprint(array['双方决定加强合作。']), private.text_fingerprint(array['双方决定加强合作']),
  'but not punctuation or wording');
select isnt(private.text_fingerprint(array['甲', '乙']), private.text_fingerprint(array['乙', '甲']), 'nor paragraph order');
select is(private.text_fingerprint(array['甲', '', '乙']), private.text_fingerprint(array['甲', '乙']), 'blank paragraphs do not count');

-- The same text again, through the import RPC.
select tests.authenticate_as('owner@duizhao.test');
select tests.remember('copy', public.import_document(tests.id('demo'), '{
  "title": "Copy",
  "paragraphs": [
    {"position": 1, "kind": "body", "text": "一"},
    {"position": 2, "kind": "body", "text": "　双方决定加强合作。"},
    {"position": 3, "kind": "closing", "text": "二〇一四年五月十九日于上海"}
  ]}'::jsonb));
select is((select content_hash from public.documents where id = tests.id('copy')), (select content_hash from public.documents where id = tests.id('doc')),
  'the same text imported again has the same hash, whatever the paragraph kinds');

select is(tests.try_as(who, $$ select * from public.find_duplicate_documents(tests.id('demo'),
  '{"paragraphs": [{"position": 2, "text": "双方决定加强合作。"}, {"position": 1, "text": "一"}, {"position": 3, "text": "二〇一四年五月十九日于上海"}]}') $$),
  expected, 'look for duplicates: ' || who)
from (values ('anon', '42501'), ('outsider', 'PT404'), ('other-owner', 'PT404'), ('owner', 'rows:2'), ('translator', 'rows:2'),
             ('reviewer', 'rows:2')) as m (who, expected);
select is((select array_agg(title order by title) from public.find_duplicate_documents(tests.id('demo'),
  '{"paragraphs": [{"position": 1, "text": "一"}, {"position": 2, "text": "双方决定加强合作。"}, {"position": 3, "text": "二〇一四年五月十九日于上海"}]}')),
  array['Copy', '中华人民共和国和哈萨克斯坦共和国联合宣言'], 'both copies are found, by title');
select is((select created_by_name from public.find_duplicate_documents(tests.id('demo'),
  '{"paragraphs": [{"position": 1, "text": "一"}, {"position": 2, "text": "双方决定加强合作。"}, {"position": 3, "text": "二〇一四年五月十九日于上海"}]}') limit 1),
  'Owner', 'with who imported them');
select is((select count(*)::int from public.find_duplicate_documents(tests.id('demo'), '{"paragraphs": [{"position": 1, "text": "新的文本。"}]}')), 0,
  'a new text has no duplicates');
select is(tests.try_as('other-owner', $$ select * from public.find_duplicate_documents(tests.id('other'),
  '{"paragraphs": [{"position": 1, "text": "一"}, {"position": 2, "text": "双方决定加强合作。"}, {"position": 3, "text": "二〇一四年五月十九日于上海"}]}') $$),
  'rows:0', 'only the project''s own documents are searched');
select is(tests.try_as('owner', $$ select * from public.find_duplicate_documents(tests.id('demo'), '{"paragraphs": "x"}') $$), '22023',
  'a malformed document is refused');

-- Editing a paragraph keeps the hash current.
select tests.authenticate_as('owner@duizhao.test');
update public.paragraphs set text = '双方决定进一步加强合作。' where id = tests.id('p2');
select isnt((select content_hash from public.documents where id = tests.id('doc')), (select content_hash from public.documents where id = tests.id('copy')),
  'changing a paragraph changes the hash');

-- Some history on the document: a translation with revisions and a decision, notes and a reply.
select tests.authenticate_as('translator@duizhao.test');
select public.save_translation(tests.id('p2'), 0, null, 'The two sides decide to strengthen cooperation.', 'translated');
select tests.authenticate_as('reviewer@duizhao.test');
select public.review_translation(tests.id('t2'), 'approved', null, 1);
insert into public.annotation_replies (annotation_id, body_text) values (tests.id('researcher submitted'), 'Seen.');

select is(tests.try_as(who, $$ select public.document_footprint(tests.id('doc')) $$), expected, 'ask what a deletion removes: ' || who)
from (values ('anon', '42501'), ('outsider', 'PT404'), ('other-owner', 'PT404'), ('translator', '42501'), ('researcher', '42501'),
             ('reviewer', '42501'), ('owner', 'rows:1')) as m (who, expected);
select tests.authenticate_as('owner@duizhao.test');
select is(public.document_footprint(tests.id('doc')) - 'document_id',
  '{"title": "中华人民共和国和哈萨克斯坦共和国联合宣言", "paragraphs": 3, "translations": 1, "notes": 3, "replies": 1, "revisions": 2, "decisions": 1}'::jsonb,
  'the footprint counts paragraphs, translated rows, every note (drafts too), replies, revisions and decisions');

select is(tests.try_as(who, $$ select public.delete_document(tests.id('doc')) $$), expected, 'delete a document: ' || who)
from (values ('anon', '42501'), ('outsider', 'PT404'), ('other-owner', 'PT404'), ('translator', '42501'), ('researcher', '42501'),
             ('reviewer', '42501'), ('multi', '42501'), ('owner', 'rows:1')) as m (who, expected);
select is(tests.try_as('owner', $$ select public.delete_document(gen_random_uuid()) $$), 'PT404', 'an unknown document is not found');

select tests.authenticate_as('owner@duizhao.test');
select is((public.delete_document(tests.id('doc')) ->> 'paragraphs')::int, 3, 'deleting answers what went');
select tests.as_superuser();
select is((select count(*)::int from public.documents where id = tests.id('doc')), 0, 'the document is gone');
select is((select count(*)::int from public.paragraphs where document_id = tests.id('doc')), 0, 'its paragraphs');
select is((select count(*)::int from public.translations where id in (tests.id('t1'), tests.id('t2'), tests.id('t3'))), 0, 'its translations');
select is((select count(*)::int from public.translation_revisions where translation_id = tests.id('t2')), 0, 'their revisions');
select is((select count(*)::int from public.annotations where id in (tests.id('researcher draft'), tests.id('researcher submitted'), tests.id('translator draft'))), 0,
  'its notes, drafts of others included');
select is((select count(*)::int from public.annotation_replies where body_text = 'Seen.'), 0, 'their replies');
select is((select count(*)::int from public.review_events where project_id = tests.id('demo')), 0, 'its review decisions');
select is((select count(*)::int from public.documents where id = tests.id('copy')), 1, 'the other copy stays');
select is((select count(*)::int from public.paragraphs where document_id = tests.id('other doc')), 1, 'other projects are untouched');

select * from finish();
rollback;
