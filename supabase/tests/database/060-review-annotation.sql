-- review_annotation: reviewers and owners decide on others' submitted notes, at the version they saw;
-- rejecting needs a comment; every decision is logged; nothing else reaches approved or rejected.
begin;
select plan(33);
select tests.create_fixture();

-- A note by the reviewer and one by multi (translator + reviewer), to check "not their own".
insert into public.annotations (paragraph_id, author_id, status, body_text) values
  (tests.id('p2'), tests.id('reviewer@duizhao.test'), 'submitted', 'reviewer note'),
  (tests.id('p2'), tests.id('multi@duizhao.test'), 'submitted', 'multi note');
select tests.remember('reviewer note', id) from public.annotations where body_text = 'reviewer note';
select tests.remember('multi note', id) from public.annotations where body_text = 'multi note';

select is(tests.try_as(who, $$ select public.review_annotation(tests.id('researcher submitted'), 'approved', null, 1) $$), expected,
  'approve a researcher''s note: ' || who)
from (values ('anon', '42501'), ('outsider', 'PT404'), ('other-owner', 'PT404'), ('owner', 'rows:1'), ('translator', '42501'),
             ('researcher', '42501'), ('reviewer', 'rows:1'), ('multi', 'rows:1')) as m (who, expected);

select is(tests.try_as(who, format($$ select public.review_annotation(tests.id(%L), 'approved', null, 1) $$, note)), '42501', who || ' cannot approve their own note')
from (values ('reviewer', 'reviewer note'), ('multi', 'multi note'), ('researcher', 'researcher submitted')) as m (who, note);
select is(tests.try_as('reviewer', $$ select public.review_annotation(tests.id('multi note'), 'approved', null, 1) $$), 'rows:1',
  'a reviewer approves another reviewer''s note');
select is(tests.try_as('reviewer', $$ select public.review_annotation(tests.id('researcher draft'), 'approved', null, 1) $$), 'PT404',
  'a draft is invisible to reviewers');
select is(tests.try_as('reviewer', $$ select public.review_annotation(tests.id('researcher submitted'), 'rejected', null, 1) $$), '22023',
  'rejecting needs a comment');
select is(tests.try_as('reviewer', $$ select public.review_annotation(tests.id('researcher submitted'), 'rejected', '   ', 1) $$), '22023',
  'a blank comment is no comment');
select is(tests.try_as('reviewer', $$ select public.review_annotation(tests.id('researcher submitted'), 'maybe', 'hm', 1) $$), '22023',
  'the decision is approved or rejected');
select is(tests.try_as('reviewer', $$ select public.review_annotation(tests.id('researcher submitted'), 'approved', null, 0) $$), 'PT409',
  'a decision on a stale version is refused');

-- Reject, revise, resubmit, approve, edit.
select tests.authenticate_as('reviewer@duizhao.test');
select is((select status || '/' || version || '/' || review_comment from public.review_annotation(tests.id('researcher submitted'), 'rejected', 'Cite the source.', 1)),
  'rejected/2/Cite the source.', 'a rejection records the comment and bumps the version');
select is((select reviewed_by from public.annotations where id = tests.id('researcher submitted')), tests.id('reviewer@duizhao.test'), 'and the reviewer');
select isnt((select reviewed_at from public.annotations where id = tests.id('researcher submitted')), null, 'and the time');
select is(tests.try_as('reviewer', $$ select public.review_annotation(tests.id('researcher submitted'), 'approved', null, 2) $$), 'PT409',
  'only submitted notes are decided on (409: the note is not in a reviewable state)');
select is(tests.try_as('researcher', $$ select 1 from public.annotations where id = tests.id('researcher submitted') and status = 'rejected' $$), 'rows:1',
  'the author sees the rejection');
select is(tests.try_as('translator', $$ select 1 from public.annotations where id = tests.id('researcher submitted') $$), 'rows:1',
  'rejected notes stay visible to members');

select tests.authenticate_as('researcher@duizhao.test');
select is((select status || '/' || coalesce(review_comment, '-') from public.save_annotation(tests.id('researcher submitted'), 2, '{"body_text": "Source: 2002 treaty"}')),
  'rejected/Cite the source.', 'revising a rejected note keeps it rejected until resubmitted');
select is((select status || '/' || coalesce(review_comment, '-') || '/' || version from public.save_annotation(tests.id('researcher submitted'), 3, '{"status": "submitted"}')),
  'submitted/-/4', 'resubmitting clears the old decision');

select tests.authenticate_as('owner@duizhao.test');
select is((select status || '/' || version from public.review_annotation(tests.id('researcher submitted'), 'approved', ' Good. ', 4)), 'approved/5',
  'an owner approves (with an optional comment)');
select is((select review_comment from public.annotations where id = tests.id('researcher submitted')), 'Good.', 'the comment is trimmed');

select tests.authenticate_as('researcher@duizhao.test');
select is((select status || '/' || version || '/' || coalesce(reviewed_by::text, '-')
           from public.save_annotation(tests.id('researcher submitted'), 5, '{"body_text": "Source: 2002 treaty, art. 1"}')),
  'submitted/6/-', 'editing an approved note sends it back to submitted');
update public.annotations set tags = '{treaty}' where id = tests.id('researcher submitted');
select is((select status from public.annotations where id = tests.id('researcher submitted')), 'submitted', 'plain updates follow the same rule');

select tests.authenticate_as('reviewer@duizhao.test');
select lives_ok($$ select public.review_annotation(tests.id('researcher submitted'), 'approved', null, 7) $$, 'approved again');
select tests.authenticate_as('researcher@duizhao.test');
update public.annotations set body_text = 'changed by PATCH' where id = tests.id('researcher submitted');
select is((select status from public.annotations where id = tests.id('researcher submitted')), 'submitted', 'a PATCH to an approved body also resubmits');

-- The history.
select tests.as_superuser();
select is(array(select decision || ':' || version || ':' || coalesce(comment, '-') from public.review_events
                where annotation_id = tests.id('researcher submitted') order by id),
  array['rejected:1:Cite the source.', 'approved:4:Good.', 'approved:7:-'], 'every decision is in review_events with the version it judged');
select is((select count(*)::int from public.review_events where annotation_id = tests.id('researcher submitted') and project_id = tests.id('demo')), 3,
  'decisions are filed under the note''s project');

select * from finish();
rollback;
