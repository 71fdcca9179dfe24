-- undo_review: the reviewer takes back their latest decision while the item is unchanged, by a new
-- `undone` event (history stays append-only). approve_items: several approvals in one call,
-- skipping and reporting what cannot be approved.
begin;
select plan(35);
select tests.create_fixture();

select tests.authenticate_as('translator@duizhao.test');
select public.save_translation(tests.id('p2'), 0, null, 'The two sides decide to strengthen cooperation.', 'translated');
select tests.authenticate_as('reviewer@duizhao.test');
select public.review_translation(tests.id('t2'), 'rejected', 'Tense.', 1, 'The two sides decided to strengthen cooperation.');
select public.review_annotation(tests.id('researcher submitted'), 'approved', null, 1);

select is(tests.try_as(who, $$ select public.undo_review('translation', tests.id('t2'), 2) $$), expected, 'undo a rejection: ' || who)
from (values ('anon', '42501'), ('outsider', 'PT404'), ('other-owner', 'PT404'), ('translator', '42501'), ('researcher', '42501'),
             ('owner', 'PT409'), ('multi', 'PT409'), ('reviewer', 'rows:1')) as m (who, expected);
select is(tests.try_as('reviewer', $$ select public.undo_review('translation', tests.id('t2'), 1) $$), 'PT409', 'undo names the version it saw');
select is(tests.try_as('reviewer', $$ select public.undo_review('paragraph', tests.id('t2'), 2) $$), '22023', 'only annotations and translations');

select tests.authenticate_as('reviewer@duizhao.test');
select is((select v ->> 'status' || '/' || (v ->> 'version') || '/' || coalesce(v ->> 'review_comment', '-') || '/' || coalesce(v ->> 'suggested_text', '-')
           from public.undo_review('translation', tests.id('t2'), 2) as v),
  'translated/3/-/-', 'undoing a rejection puts the row back to translated, without the decision');
select is((select updated_by from public.translations where id = tests.id('t2')), tests.id('translator@duizhao.test'), 'its translator stays its last editor');
select is(array(select decision || ':' || version || ':' || (undoes is not null) from public.review_events where translation_id = tests.id('t2') order by id),
  array['rejected:1:false', 'undone:2:true'], 'the history keeps the decision and its undoing');
select is((select undoes from public.review_events where decision = 'undone' and translation_id = tests.id('t2')),
  (select id from public.review_events where decision = 'rejected' and translation_id = tests.id('t2')), 'the undo names the decision it took back');
select is((select count(*)::int from public.review_queue where item_id = tests.id('t2')), 1, 'the row is back in the queue');
select is(tests.try_as('reviewer', $$ select public.undo_review('translation', tests.id('t2'), 3) $$), 'PT409', 'an undo is not undone');

select is((select v ->> 'status' || '/' || coalesce(v ->> 'reviewed_by', '-') from public.undo_review('annotation', tests.id('researcher submitted'), 2) as v),
  'submitted/-', 'an approved note goes back to submitted');
select is((select count(*)::int from public.review_queue where item_id = tests.id('researcher submitted')), 1, 'and back to the queue');

-- Undo only while nothing changed since the decision.
select public.review_annotation(tests.id('researcher submitted'), 'rejected', 'Source?', 3);
select tests.authenticate_as('researcher@duizhao.test');
select public.save_annotation(tests.id('researcher submitted'), 4, '{"body_text": "shared note, with source"}');
select is(tests.try_as('reviewer', $$ select public.undo_review('annotation', tests.id('researcher submitted'), 5) $$), 'PT409',
  'a decision the author has since acted on cannot be undone');
select is(tests.try_as('researcher', $$ update public.annotations set status = 'approved' where id = tests.id('researcher submitted') $$), '42501',
  'an author cannot approve their own note by writing it');

select tests.authenticate_as('reviewer@duizhao.test');
select public.review_translation(tests.id('t2'), 'approved', null, 3);
select is(tests.try_as('translator', $$ update public.translations set status = 'translated' where id = tests.id('t2') $$), 'rows:1',
  'a translator may reopen an approved row as translated (it needs review again)');

-- approve_items
select tests.authenticate_as('translator@duizhao.test');
select public.save_translation(tests.id('p1'), 0, null, 'I', 'translated');
select public.save_translation(tests.id('p3'), 0, null, 'Shanghai, 19 May 2014', 'translated');
select tests.authenticate_as('researcher@duizhao.test');
select public.save_annotation(tests.id('researcher draft'), 1, '{"status": "submitted"}');
select tests.authenticate_as('reviewer@duizhao.test');

select is(tests.try_as(who, $$ select public.approve_items(jsonb_build_array(
    jsonb_build_object('item_type', 'translation', 'item_id', tests.id('t1'), 'version', 1))) -> 'approved' $$), expected, 'approve in bulk: ' || who)
from (values ('anon', '42501'), ('outsider', 'rows:1'), ('owner', 'rows:1'), ('reviewer', 'rows:1')) as m (who, expected);
select tests.authenticate_as('researcher@duizhao.test');
select is((select public.approve_items(jsonb_build_array(jsonb_build_object('item_type', 'translation', 'item_id', tests.id('t1'), 'version', 1)))
           #>> '{skipped,0,code}'), '42501', 'a researcher''s approvals are all skipped as not allowed');
select tests.authenticate_as('outsider@duizhao.test');
select is((select public.approve_items(jsonb_build_array(jsonb_build_object('item_type', 'translation', 'item_id', tests.id('t1'), 'version', 1)))
           #>> '{skipped,0,code}'), 'PT404', 'an outsider''s item is skipped as not found');

select tests.authenticate_as('reviewer@duizhao.test');
select is((select public.approve_items(jsonb_build_array(
    jsonb_build_object('item_type', 'translation', 'item_id', tests.id('t1'), 'version', 1),
    jsonb_build_object('item_type', 'translation', 'item_id', tests.id('t3'), 'version', 0),
    jsonb_build_object('item_type', 'annotation', 'item_id', tests.id('researcher draft'), 'version', 2)))
    - 'skipped'),
  jsonb_build_object('approved', jsonb_build_array(
    jsonb_build_object('item_type', 'translation', 'item_id', tests.id('t1'), 'version', 2),
    jsonb_build_object('item_type', 'annotation', 'item_id', tests.id('researcher draft'), 'version', 3))),
  'the items still as seen are approved');
select is((select array_agg(decision) from public.review_events where translation_id = tests.id('t3')), null, 'the stale one is not');
select is((select status from public.translations where id = tests.id('t3')), 'translated', 'and stays in the queue');
select is((select public.approve_items(jsonb_build_array(jsonb_build_object('item_type', 'translation', 'item_id', tests.id('t3'), 'version', 0)))
           #>> '{skipped,0,code}'), 'PT409', 'a stale item is skipped as a conflict');
select is(tests.try_as('reviewer', $$ select public.approve_items('[]') $$), '22023', 'an empty list is refused');
select is(tests.try_as('reviewer', $$ select public.approve_items('[{"item_type": "note", "item_id": "x", "version": 1}]') $$), '22023',
  'a malformed item is refused');
select is(tests.try_as('reviewer', $$ select public.approve_items(
  (select jsonb_agg(jsonb_build_object('item_type', 'translation', 'item_id', tests.id('t3'), 'version', 1)) from generate_series(1, 501))) $$),
  '22023', 'at most 500 items at once');

select tests.authenticate_as('multi@duizhao.test');
select public.save_translation(tests.id('p3'), 1, null, 'Shanghai, 19 May 2014.', 'translated');
select is((select public.approve_items(jsonb_build_array(jsonb_build_object('item_type', 'translation', 'item_id', tests.id('t3'), 'version', 2)))
           #>> '{skipped,0,code}'), '42501', 'nobody approves their own last edit in bulk either');

select * from finish();
rollback;
