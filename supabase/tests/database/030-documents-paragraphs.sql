-- documents and paragraphs: members read; only owners create, edit and delete; neither moves between parents.
begin;
select plan(65);
select tests.create_fixture();

select is(tests.try_as(who, $$ select 1 from public.documents where id = tests.id('doc') $$), expected, 'select document: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:1'), ('translator', 'rows:1'),
             ('researcher', 'rows:1'), ('reviewer', 'rows:1'), ('multi', 'rows:1')) as m (who, expected);

select is(tests.try_as(who, $$ insert into public.documents (project_id, title) values (tests.id('demo'), 'Another') $$), expected, 'insert document: ' || who)
from (values ('anon', '42501'), ('outsider', '42501'), ('owner', 'rows:1'), ('translator', '42501'),
             ('researcher', '42501'), ('reviewer', '42501'), ('multi', '42501')) as m (who, expected);

select is(tests.try_as(who, $$ update public.documents set title = 'Renamed' where id = tests.id('doc') $$), expected, 'update document: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:1'), ('translator', 'rows:0'),
             ('researcher', 'rows:0'), ('reviewer', 'rows:0'), ('multi', 'rows:0')) as m (who, expected);

select is(tests.try_as(who, $$ delete from public.documents where id = tests.id('doc') $$), expected, 'delete document: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:1'), ('translator', 'rows:0'),
             ('researcher', 'rows:0'), ('reviewer', 'rows:0'), ('multi', 'rows:0')) as m (who, expected);

select is(tests.try_as(who, $$ select 1 from public.paragraphs where document_id = tests.id('doc') $$), expected, 'select paragraphs: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:3'), ('translator', 'rows:3'),
             ('researcher', 'rows:3'), ('reviewer', 'rows:3'), ('multi', 'rows:3')) as m (who, expected);

select is(tests.try_as(who, $$ insert into public.paragraphs (document_id, position, kind, text) values (tests.id('doc'), 4, 'body', '新段落。') $$), expected,
  'insert paragraph: ' || who)
from (values ('anon', '42501'), ('outsider', '42501'), ('owner', 'rows:1'), ('translator', '42501'),
             ('researcher', '42501'), ('reviewer', '42501'), ('multi', '42501')) as m (who, expected);

select is(tests.try_as(who, $$ update public.paragraphs set text = '改。' where id = tests.id('p2') $$), expected, 'update paragraph: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:1'), ('translator', 'rows:0'),
             ('researcher', 'rows:0'), ('reviewer', 'rows:0'), ('multi', 'rows:0')) as m (who, expected);

select is(tests.try_as(who, $$ delete from public.paragraphs where id = tests.id('p3') $$), expected, 'delete paragraph: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:1'), ('translator', 'rows:0'),
             ('researcher', 'rows:0'), ('reviewer', 'rows:0'), ('multi', 'rows:0')) as m (who, expected);

-- An owner of both projects still cannot move a document or paragraph across.
insert into public.project_members (project_id, user_id, role) values (tests.id('other'), tests.id('owner@duizhao.test'), 'owner');
select is(tests.try_as('owner', $$ update public.documents set project_id = tests.id('other') where id = tests.id('doc') $$), '42501',
  'a document cannot move to another project');
select is(tests.try_as('owner', $$ update public.paragraphs set document_id = tests.id('other doc') where id = tests.id('p2') $$), '42501',
  'a paragraph cannot move to another document');
select is(tests.try_as('owner', $$ insert into public.documents (project_id, title) values (tests.id('demo'), ' ') $$), '23514',
  'a document needs a title');
select is(tests.try_as('owner', $$ insert into public.paragraphs (document_id, position, kind, text) values (tests.id('doc'), 2, 'body', '重复') $$),
  '23505', 'positions are unique within a document');
select is(tests.try_as('owner', $$ insert into public.paragraphs (document_id, position, kind, text) values (tests.id('doc'), 9, 'caption', '图') $$),
  '23514', 'a paragraph is a heading, body or closing');
select is(tests.try_as('owner', $$ update public.paragraphs set position = position + 1 where document_id = tests.id('doc') $$), 'rows:3',
  'one statement can renumber a whole document');

select tests.authenticate_as('owner@duizhao.test');
insert into public.documents (project_id, title, created_by) values (tests.id('demo'), 'By owner', tests.id('translator@duizhao.test'));
select is((select created_by from public.documents where title = 'By owner'), tests.id('owner@duizhao.test'),
  'created_by is the signed-in user, whatever the client sends');
insert into public.paragraphs (document_id, position, kind, text)
select d.id, g, 'body', '第' || g || '段' from public.documents d, generate_series(1, 4) g where d.title = 'By owner';
select is(
  (select array_agg(t.status || '/' || t.version || '/' || t.text order by p.position)
   from public.paragraphs p join public.translations t on t.paragraph_id = p.id join public.documents d on d.id = p.document_id
   where d.title = 'By owner'),
  array['empty/0/', 'empty/0/', 'empty/0/', 'empty/0/'], 'every new paragraph gets an empty translation at version 0');
select tests.as_superuser();
select is((select count(*)::int from public.translation_revisions), 0, 'empty translations leave no revisions');

select * from finish();
rollback;
