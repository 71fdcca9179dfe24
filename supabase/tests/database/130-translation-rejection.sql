-- The rejected state of a translation: the decision stays on the row (who, when, comment, suggested
-- text) until the translator changes it; accepting the suggestion is an ordinary versioned save.
begin;
select plan(35);
select tests.create_fixture();

select tests.authenticate_as('translator@duizhao.test');
select public.save_translation(tests.id('p2'), 0, null, 'The two sides decide to strengthen the cooperation.', 'translated');

select is(tests.try_as(who, $$ select public.review_translation(tests.id('t2'), 'rejected', 'Drop "the".', 1, 'The two sides decide to strengthen cooperation.') $$),
  expected, 'reject with a suggestion: ' || who)
from (values ('anon', '42501'), ('outsider', 'PT404'), ('other-owner', 'PT404'), ('translator', '42501'), ('researcher', '42501'),
             ('reviewer', 'rows:1'), ('multi', 'rows:1'), ('owner', 'rows:1')) as m (who, expected);
select is(tests.try_as('reviewer', $$ select public.review_translation(tests.id('t2'), 'approved', null, 1, 'Something else.') $$), '22023',
  'a suggestion comes only with a rejection');
select is(tests.try_as('reviewer', $$ select public.review_translation(tests.id('t2'), 'rejected', 'Hm.', 1, ' The two sides decide to strengthen the cooperation. ') $$),
  '22023', 'a suggestion that is the current text is refused');
select is(tests.try_as('reviewer', $$ select public.review_translation(tests.id('t2'), 'rejected', '  ', 1, 'Better.') $$), '22023',
  'a rejection still needs a comment');

select tests.authenticate_as('reviewer@duizhao.test');
select is((select status || '/' || version || '/' || review_comment || '/' || suggested_text
           from public.review_translation(tests.id('t2'), 'rejected', 'Drop "the".', 1, E'The two sides decide to strengthen cooperation.\r\n')),
  'rejected/2/Drop "the"./The two sides decide to strengthen cooperation.', 'the row is rejected, with the comment and the suggestion');
select is((select reviewed_by from public.translations where id = tests.id('t2')), tests.id('reviewer@duizhao.test'), 'it names the reviewer');
select isnt((select reviewed_at from public.translations where id = tests.id('t2')), null, 'and the time');
select is((select updated_by from public.translations where id = tests.id('t2')), tests.id('translator@duizhao.test'), 'the translator stays its last editor');
select is((select suggestion from public.review_events where translation_id = tests.id('t2')), 'The two sides decide to strengthen cooperation.',
  'the suggestion is in the history too');
select is(tests.try_as(who, $$ select 1 from public.translations where id = tests.id('t2') and status = 'rejected' and review_comment is not null $$),
  expected, 'see the rejection: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:1'), ('translator', 'rows:1'), ('researcher', 'rows:1'),
             ('reviewer', 'rows:1')) as m (who, expected);
select is(tests.try_as('reviewer', $$ select public.review_translation(tests.id('t2'), 'approved', null, 2) $$), 'PT409',
  'a rejected row is not reviewed again until it is resubmitted');

-- Nobody forges or wipes a decision by writing the row.
select is(tests.try_as('translator', $$ update public.translations set status = 'rejected' where id = tests.id('t1') $$), '42501',
  'a translator cannot mark a row rejected');
select tests.authenticate_as('translator@duizhao.test');
update public.translations set review_comment = 'forged', reviewed_by = tests.id('owner@duizhao.test'), suggested_text = 'x' where id = tests.id('t2');
select is((select review_comment || '/' || reviewed_by || '/' || suggested_text || '/' || version from public.translations where id = tests.id('t2')),
  'Drop "the"./' || tests.id('reviewer@duizhao.test') || '/The two sides decide to strengthen cooperation./2', 'the decision on the row cannot be rewritten');
update public.translations set review_comment = 'sneaked in' where id = tests.id('t1');
select is((select review_comment from public.translations where id = tests.id('t1')), null, 'nor written on an undecided row');

-- "Accept suggestion": the translator saves the suggested text, through the same versioned save.
select is(tests.try_as('translator', $$ select public.save_translation(tests.id('p2'), 1, null, 'stale', null) $$), 'PT409',
  'accepting against a stale version conflicts like any save');
select is((select status || '/' || version || '/' || coalesce(review_comment, '-') || '/' || coalesce(suggested_text, '-')
           from public.save_translation(tests.id('p2'), 2, '{"type": "doc"}', 'The two sides decide to strengthen cooperation.', null)),
  'draft/3/-/-', 'changing a rejected text makes it a draft and clears the decision from the row');
select is((select status from public.save_translation(tests.id('p2'), 3, '{"type": "doc"}', 'The two sides decide to strengthen cooperation.', 'translated')),
  'translated', 'then it is marked translated');
select tests.authenticate_as('reviewer@duizhao.test');
select is((select status from public.review_translation(tests.id('t2'), 'approved', null, 4)), 'approved',
  'the reviewer who suggested the text approves it: the translator saved it last');
select is((select coalesce(review_comment, '-') || '/' || coalesce(suggested_text, '-') || '/' || (reviewed_by = tests.id('reviewer@duizhao.test'))
           from public.translations where id = tests.id('t2')), '-/-/true', 'an approval records who approved');

-- Resubmitting unchanged, and saving with the suggestion as the translated text in one step.
select tests.authenticate_as('translator@duizhao.test');
select public.save_translation(tests.id('p3'), 0, null, 'Shanghai, 19 May 2014', 'translated');
select tests.authenticate_as('reviewer@duizhao.test');
select public.review_translation(tests.id('t3'), 'rejected', 'Date first?', 1);
select tests.authenticate_as('translator@duizhao.test');
select is((select status || '/' || coalesce(review_comment, '-') from public.save_translation(tests.id('p3'), 2, null, 'Shanghai, 19 May 2014', 'translated')),
  'translated/-', 'a translator may resubmit the same text as translated');
select tests.authenticate_as('reviewer@duizhao.test');
select public.review_translation(tests.id('t3'), 'rejected', 'Date first.', 3, '19 May 2014, Shanghai');
select tests.authenticate_as('translator@duizhao.test');
select is((select status || '/' || text from public.save_translation(tests.id('p3'), 4, null, '19 May 2014, Shanghai', 'translated')),
  'translated/19 May 2014, Shanghai', 'or accept the suggestion and submit it at once');
select is(array(select version || ':' || status from public.translation_revisions where translation_id = tests.id('t3') order by version),
  array['1:translated', '2:rejected', '3:translated', '4:rejected', '5:translated'], 'every step is a revision');

-- Progress counts a rejected row as not yet translated.
select tests.authenticate_as('reviewer@duizhao.test');
select public.review_translation(tests.id('t3'), 'rejected', 'Again.', 5);
select is((select translated from public.document_progress where document_id = tests.id('doc')), 1, 'a rejected row is not counted as translated');

select * from finish();
rollback;
