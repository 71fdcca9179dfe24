-- review_translation: reviewers and owners who did not edit the text last approve a translated row or
-- reject it with a comment (status rejected); editing approved text sends it back to translated.
begin;
select plan(27);
select tests.create_fixture();

select tests.authenticate_as('translator@duizhao.test');
select public.save_translation(tests.id('p2'), 0, '{"type": "doc"}', 'The two sides decide to strengthen cooperation.', 'translated');

select is(tests.try_as(who, $$ select public.review_translation(tests.id('t2'), 'approved', null, 1) $$), expected, 'approve a translation: ' || who)
from (values ('anon', '42501'), ('outsider', 'PT404'), ('other-owner', 'PT404'), ('owner', 'rows:1'), ('translator', '42501'),
             ('researcher', '42501'), ('reviewer', 'rows:1'), ('multi', 'rows:1')) as m (who, expected);

-- Last editors do not approve their own text, whatever else they are.
select tests.authenticate_as('multi@duizhao.test');
select public.save_translation(tests.id('p3'), 0, null, 'Shanghai, 19 May 2014', 'translated');
select is(tests.try_as('multi', $$ select public.review_translation(tests.id('t3'), 'approved', null, 1) $$), '42501',
  'a translator-reviewer cannot approve the text they edited last');
select tests.authenticate_as('owner@duizhao.test');
select public.save_translation(tests.id('p1'), 0, null, 'I', 'translated');
select is(tests.try_as('owner', $$ select public.review_translation(tests.id('t1'), 'approved', null, 1) $$), '42501',
  'nor can an owner who edited it last');
select is(tests.try_as('reviewer', $$ select public.review_translation(tests.id('t1'), 'approved', null, 1) $$), 'rows:1',
  'another reviewer can');

select is(tests.try_as('reviewer', $$ select public.review_translation(tests.id('t2'), 'rejected', '', 1) $$), '22023', 'rejecting needs a comment');
select is(tests.try_as('reviewer', $$ select public.review_translation(tests.id('t2'), 'approved', null, 0) $$), 'PT409', 'a stale version is refused');
select is(tests.try_as('reviewer', $$ select public.review_translation(tests.id('t2'), 'approve', null, 1) $$), '22023', 'the decision is approved or rejected');

select tests.authenticate_as('reviewer@duizhao.test');
select is((select status || '/' || version from public.review_translation(tests.id('t2'), 'rejected', 'Say "decided".', 1)), 'rejected/2',
  'a rejection marks the row rejected');
select is((select updated_by from public.translations where id = tests.id('t2')), tests.id('translator@duizhao.test'),
  'the reviewer does not become the last editor');
select is((select comment from public.review_events where translation_id = tests.id('t2') order by id desc limit 1), 'Say "decided".',
  'the comment is recorded in review_events');
select is(tests.try_as('reviewer', $$ select public.review_translation(tests.id('t2'), 'approved', null, 2) $$), 'PT409',
  'a rejected row cannot be approved until it is translated again');

select tests.authenticate_as('translator@duizhao.test');
select public.save_translation(tests.id('p2'), 2, null, 'The two sides decided to strengthen cooperation.', 'translated');
select tests.authenticate_as('reviewer@duizhao.test');
select is((select status || '/' || version from public.review_translation(tests.id('t2'), 'approved', null, 3)), 'approved/4', 'approval');

select tests.authenticate_as('translator@duizhao.test');
select is((select status || '/' || version from public.save_translation(tests.id('p2'), 4, null, 'The two sides have decided to strengthen cooperation.')),
  'translated/5', 'editing approved text sends it back to translated (Matecat''s rule)');
select is((select updated_by from public.translations where id = tests.id('t2')), tests.id('translator@duizhao.test'), 'the editor is the last editor again');
select is(array(select version || ':' || status from public.translation_revisions where translation_id = tests.id('t2') order by version),
  array['1:translated', '2:rejected', '3:translated', '4:approved', '5:translated'], 'each step left a revision');
select is((select author_id from public.translation_revisions where translation_id = tests.id('t2') and version = 4), tests.id('reviewer@duizhao.test'),
  'the approval revision names the reviewer');

select tests.authenticate_as('reviewer@duizhao.test');
select public.review_translation(tests.id('t2'), 'approved', null, 5);
select tests.authenticate_as('translator@duizhao.test');
update public.translations set span = 2 where id = tests.id('t2');
select is((select status from public.translations where id = tests.id('t2')), 'translated', 'changing an approved row''s alignment also needs a new review');
update public.translations set status = 'draft' where id = tests.id('t2');
select is((select status from public.translations where id = tests.id('t2')), 'draft', 'a translator may reopen a row as draft');

select tests.as_superuser();
select throws_ok($$ update public.translations set status = 'approved' where id = tests.id('t1') $$, '42501', null,
  'not even the table owner approves without review_translation');
select is(array(select decision || ':' || version from public.review_events where translation_id = tests.id('t2') order by id),
  array['rejected:1', 'approved:3', 'approved:5'], 'every decision is in review_events with the version it judged');

select * from finish();
rollback;
