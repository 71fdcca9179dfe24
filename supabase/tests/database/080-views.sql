-- document_progress and review_queue: computed under the caller's rights.
begin;
select plan(17);
select tests.create_fixture();

select is(tests.try_as(who, $$ select 1 from public.document_progress where document_id = tests.id('doc') $$), expected, 'read progress: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:1'), ('researcher', 'rows:1')) as m (who, expected);

select tests.authenticate_as('owner@duizhao.test');
select is((select paragraphs || '/' || translated || '/' || approved || '/' || notes_submitted || '/' || notes_approved
           from public.document_progress where document_id = tests.id('doc')), '3/0/0/1/0', 'a fresh document: 3 paragraphs, nothing translated');

select tests.authenticate_as('translator@duizhao.test');
select public.save_translation(tests.id('p1'), 0, null, 'I. The two sides decide to strengthen cooperation.', 'translated');
update public.translations set span = 2 where id = tests.id('t1');
select is((select translated from public.document_progress where document_id = tests.id('doc')), 2,
  'a translated row spanning two paragraphs counts for both');
select is((select notes_submitted from public.document_progress where document_id = tests.id('doc')), 1,
  'drafts never count as submitted, not even for their author');

select tests.authenticate_as('reviewer@duizhao.test');
select is(array(select item_type || ':' || position from public.review_queue order by item_type, position),
  array['annotation:2', 'translation:1'], 'a reviewer''s queue: the submitted note and the translated row');
select public.review_translation(tests.id('t1'), 'approved', null, 2);
select public.review_annotation(tests.id('researcher submitted'), 'approved', null, 1);
select is((select paragraphs || '/' || translated || '/' || approved || '/' || notes_submitted || '/' || notes_approved
           from public.document_progress where document_id = tests.id('doc')), '3/2/2/0/1', 'approvals show in the progress');
select is((select count(*)::int from public.review_queue), 0, 'decided items leave the queue');

select tests.authenticate_as('researcher@duizhao.test');
select public.save_annotation(tests.id('researcher draft'), 1, '{"status": "submitted"}');
select tests.authenticate_as('translator@duizhao.test');
select public.save_translation(tests.id('p3'), 0, null, 'Shanghai, 19 May 2014', 'translated');
select is(tests.try_as(who, $$ select 1 from public.review_queue $$), expected, 'review queue size: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:2'), ('translator', 'rows:0'),
             ('researcher', 'rows:0'), ('reviewer', 'rows:2'), ('multi', 'rows:2')) as m (who, expected);

select * from finish();
rollback;
