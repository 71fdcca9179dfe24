-- my_work: each person's own notes in every state and their translated rows awaiting review or
-- rejected, nobody else's.
begin;
select plan(11);
select tests.create_fixture();

select tests.authenticate_as('translator@duizhao.test');
select public.save_translation(tests.id('p1'), 0, null, 'I', 'translated');
select public.save_translation(tests.id('p2'), 0, null, 'The two sides decide.', 'translated');
select public.save_translation(tests.id('p3'), 0, null, 'Shanghai', 'draft');
select tests.authenticate_as('reviewer@duizhao.test');
select public.review_translation(tests.id('t2'), 'rejected', 'Incomplete.', 1);
select public.review_annotation(tests.id('researcher submitted'), 'rejected', 'Source?', 1);

select is(tests.try_as(who, $$ select 1 from public.my_work $$), expected, 'my work: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:0'), ('translator', 'rows:3'), ('researcher', 'rows:2'),
             ('reviewer', 'rows:0'), ('multi', 'rows:0')) as m (who, expected);

select tests.authenticate_as('translator@duizhao.test');
select is(array(select item_type || ':' || position || ':' || status from public.my_work order by item_type, position),
  array['annotation:1:draft', 'translation:1:translated', 'translation:2:rejected'],
  'a translator sees their draft note and their rows waiting or rejected, not their drafts');
select is((select review_comment || '/' || document_title from public.my_work where item_type = 'translation' and position = 2),
  'Incomplete./中华人民共和国和哈萨克斯坦共和国联合宣言', 'with the reviewer''s comment and the document');
select tests.authenticate_as('researcher@duizhao.test');
select is(array(select status || ':' || coalesce(review_comment, '-') from public.my_work order by status),
  array['draft:-', 'rejected:Source?'], 'a researcher sees their notes by status, rejections with the comment');
select tests.authenticate_as('reviewer@duizhao.test');
select public.review_translation(tests.id('t1'), 'approved', null, 1);
select tests.authenticate_as('translator@duizhao.test');
select is(array(select position from public.my_work where item_type = 'translation'), array[2], 'approved rows leave the list');

select * from finish();
rollback;
