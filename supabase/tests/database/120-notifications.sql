-- notifications: written by triggers on decisions, replies and memberships; each user reads, marks
-- and dismisses only their own, and changes nothing but read_at.
begin;
select plan(41);
select tests.create_fixture();

-- A reviewer rejects the researcher's note and the translator's row.
select tests.authenticate_as('translator@duizhao.test');
select public.save_translation(tests.id('p2'), 0, null, 'The two sides decide to strengthen cooperation.', 'translated');
select tests.authenticate_as('reviewer@duizhao.test');
select public.review_annotation(tests.id('researcher submitted'), 'rejected', 'Which treaty?', 1);
select public.review_translation(tests.id('t2'), 'rejected', 'Say "decided".', 1, 'The two sides decided to strengthen cooperation.');
select tests.as_superuser();

select is(array(select kind || ':' || excerpt from public.notifications where user_id = tests.id('researcher@duizhao.test')),
  array['annotation_rejected:Which treaty?'], 'the note''s author hears of the rejection, with the comment');
select is(array(select kind || ':' || excerpt from public.notifications where user_id = tests.id('translator@duizhao.test')),
  array['translation_rejected:Say "decided".'], 'the translator hears of the rejected row');
select is((select paragraph_id || '/' || document_id || '/' || project_id || '/' || actor_id from public.notifications
           where user_id = tests.id('translator@duizhao.test')),
  tests.id('p2') || '/' || tests.id('doc') || '/' || tests.id('demo') || '/' || tests.id('reviewer@duizhao.test'),
  'each notification links to its paragraph and names who acted');
select is((select count(*)::int from public.notifications where user_id = tests.id('reviewer@duizhao.test')), 0, 'the reviewer is not notified of their own decisions');

select is(tests.try_as(who, $$ select 1 from public.notifications $$), expected, 'read notifications: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:0'), ('translator', 'rows:1'), ('researcher', 'rows:1'),
             ('reviewer', 'rows:0'), ('multi', 'rows:0')) as m (who, expected);

select is(tests.try_as(who, $$ update public.notifications set read_at = now() $$), expected, 'mark read: ' || who)
from (values ('anon', '42501'), ('outsider', 'rows:0'), ('owner', 'rows:0'), ('translator', 'rows:1'), ('researcher', 'rows:1'),
             ('reviewer', 'rows:0')) as m (who, expected);
select is(tests.try_as('researcher', $$ update public.notifications set excerpt = 'rewritten' $$), '42501', 'nothing but read_at can change');
select is(tests.try_as('researcher', $$ update public.notifications set user_id = tests.id('owner@duizhao.test') $$), '42501',
  'a notification cannot be handed to someone else');
select is(tests.try_as(who, $$ insert into public.notifications (user_id, kind, project_id) values (auth.uid(), 'reply', tests.id('demo')) $$),
  '42501', 'write a notification: ' || who)
from (values ('anon'), ('owner'), ('researcher')) as m (who);

select is(tests.try_as('anon', $$ select public.mark_notifications_read() $$), '42501', 'anon marks nothing');
select tests.authenticate_as('researcher@duizhao.test');
select is(public.mark_notifications_read(array[0::bigint]), 0, 'marking an id that is not one''s own marks nothing');
select is(public.mark_notifications_read(), 1, 'mark all read');
select is(public.mark_notifications_read(), 0, 'twice marks nothing more');
select tests.as_superuser();
select is((select count(*)::int from public.notifications where user_id = tests.id('translator@duizhao.test') and read_at is null), 1,
  'nobody else''s notifications were marked');

-- Threads: the author and everyone who replied before hear of a reply; the one replying does not.
select tests.authenticate_as('researcher@duizhao.test');
insert into public.annotation_replies (annotation_id, body_text) values (tests.id('researcher submitted'), 'The 2002 treaty of good-neighbourliness.');
select tests.authenticate_as('reviewer@duizhao.test');
insert into public.annotation_replies (annotation_id, body_text) values (tests.id('researcher submitted'), 'Thanks, then cite it.');
select tests.authenticate_as('translator@duizhao.test');
insert into public.annotation_replies (annotation_id, body_text) values (tests.id('researcher submitted'), E'Agreed.\n\nIt is article 1.');
select tests.as_superuser();
select is(array(select a.email::text || ':' || n.excerpt from public.notifications n join auth.users a on a.id = n.actor_id
                where n.user_id = tests.id('researcher@duizhao.test') and n.kind = 'reply' order by n.id),
  array['reviewer@duizhao.test:Thanks, then cite it.', 'translator@duizhao.test:Agreed. It is article 1.'],
  'the note''s author hears of each reply but their own');
select is(array(select a.email::text from public.notifications n join auth.users a on a.id = n.actor_id
                where n.user_id = tests.id('reviewer@duizhao.test') and n.kind = 'reply' order by n.id),
  array['researcher@duizhao.test', 'translator@duizhao.test'], 'the reviewer, who decided and replied, hears of the other replies');
select is((select count(*)::int from public.notifications where user_id = tests.id('translator@duizhao.test') and kind = 'reply'), 0,
  'the last to reply hears nothing yet');
select tests.authenticate_as('researcher@duizhao.test');
insert into public.annotation_replies (annotation_id, body_text) values (tests.id('researcher submitted'), 'Resubmitting with the source.');
select tests.as_superuser();
select is(array(select u.email::text from public.notifications n join auth.users u on u.id = n.user_id
                where n.kind = 'reply' and n.excerpt = 'Resubmitting with the source.' order by u.email),
  array['reviewer@duizhao.test', 'translator@duizhao.test'], 'the reviewer who decided on the note is part of its thread');
select is((select count(*)::int from public.notifications where kind = 'reply' and annotation_id is distinct from tests.id('researcher submitted')), 0,
  'reply notifications point at their note');

select tests.authenticate_as('reviewer@duizhao.test');
delete from public.annotation_replies where body_text = 'Thanks, then cite it.';
select tests.as_superuser();
select is((select count(*)::int from public.notifications n join auth.users a on a.id = n.actor_id
           where n.kind = 'reply' and a.email = 'reviewer@duizhao.test'), 0, 'a deleted reply takes its notifications with it');

select tests.authenticate_as('researcher@duizhao.test');
insert into public.annotation_replies (annotation_id, body_text) values (tests.id('researcher draft'), 'thinking aloud');
select tests.as_superuser();
select is((select count(*)::int from public.notifications where annotation_id = tests.id('researcher draft')), 0,
  'replying to one''s own draft notifies nobody');

-- A decision undone: an unread notification disappears; a read one is followed by word of the undo.
select tests.authenticate_as('translator@duizhao.test');
select public.save_translation(tests.id('p3'), 0, null, 'Shanghai, 19 May 2014', 'translated');
select tests.authenticate_as('reviewer@duizhao.test');
select public.review_translation(tests.id('t3'), 'approved', null, 1);
select public.undo_review('translation', tests.id('t3'), 2);
select tests.as_superuser();
select is((select count(*)::int from public.notifications where translation_id = tests.id('t3')), 0,
  'an approval undone before it was read leaves no notification');
select tests.authenticate_as('reviewer@duizhao.test');
select public.review_translation(tests.id('t3'), 'approved', 'Good.', 3);
select tests.authenticate_as('translator@duizhao.test');
select public.mark_notifications_read();
select tests.authenticate_as('reviewer@duizhao.test');
select public.undo_review('translation', tests.id('t3'), 4);
select tests.as_superuser();
select is(array(select kind || ':' || (read_at is not null) from public.notifications where translation_id = tests.id('t3') order by id),
  array['translation_approved:true', 'review_undone:false'], 'a read one is followed by an unread "undone"');

-- Dismissing: each deletes only their own.
select is(tests.try_as(who, $$ delete from public.notifications $$), expected, 'dismiss: ' || who)
from (values ('anon', 'rows:0'), ('owner', 'rows:0'), ('reviewer', 'rows:3'), ('translator', 'rows:4')) as m (who, expected);

-- Deleting the document removes the notifications that point into it.
select tests.authenticate_as('owner@duizhao.test');
select public.delete_document(tests.id('doc'));
select tests.as_superuser();
select is((select count(*)::int from public.notifications where project_id = tests.id('demo') and document_id is not null), 0,
  'deleting a document removes its notifications');

select * from finish();
rollback;
