-- "Back to draft": the translator who marked a row translated takes it back before review, with no
-- review event; other translators and owners cannot, approved rows cannot, a reviewer's rejection
-- is unchanged. Notes on the English: a selection ends within the translation's text. note_tags.
begin;
select plan(32);
select tests.create_fixture();

select tests.authenticate_as('translator@duizhao.test');
select public.save_translation(tests.id('p2'), 0, '{"type": "doc"}', 'The two sides decide to strengthen cooperation.', 'translated');

-- Who may take the translated row back to draft (the same text, status draft).
select is(tests.try_as(who, $$ select public.save_translation(tests.id('p2'), 1, '{"type": "doc"}', 'The two sides decide to strengthen cooperation.', 'draft') $$),
  expected, 'back to draft through save_translation: ' || who)
from (values ('anon', '42501'), ('outsider', 'PT404'), ('researcher', '42501'), ('reviewer', '42501'),
             ('multi', '42501'), ('owner', '42501'), ('translator', 'rows:1')) as m (who, expected);
select is(tests.try_as('multi', $$ update public.translations set status = 'draft' where id = tests.id('t2') $$), '42501',
  'another translator cannot do it by writing the row either');
select tests.authenticate_as('multi@duizhao.test');
select is((tests.error_of($$ select public.save_translation(tests.id('p2'), 1, '{"type": "doc"}', 'The two sides decide to strengthen cooperation.', 'draft') $$)) ->> 'message',
  'only the translator who marked this row translated can take it back to draft; a reviewer can reject it', 'and is told why');

select tests.authenticate_as('translator@duizhao.test');
select is((select status || '/' || version || '/' || (updated_by = tests.id('translator@duizhao.test'))
           from public.save_translation(tests.id('p2'), 1, '{"type": "doc"}', 'The two sides decide to strengthen cooperation.', 'draft')),
  'draft/2/true', 'the translator takes their row back to draft: a new version, still theirs');
select is((select count(*)::int from public.review_events where translation_id = tests.id('t2')), 0, 'no review event is recorded');
select is((select coalesce(review_comment, '-') || '/' || coalesce(reviewed_by::text, '-') from public.translations where id = tests.id('t2')),
  '-/-', 'and no decision is written on the row');
select is(array(select version || ':' || status from public.translation_revisions where translation_id = tests.id('t2') order by version),
  array['1:translated', '2:draft'], 'the history shows the step back');
select is((select translated from public.document_progress where document_id = tests.id('doc')), 0, 'progress no longer counts it');
update public.translations set status = 'draft' where id = tests.id('t2');
select is((select version from public.translations where id = tests.id('t2')), 2, 'a draft set to draft again changes nothing');

-- Marked translated by someone else: theirs to take back, not the first translator's.
select tests.authenticate_as('multi@duizhao.test');
select public.save_translation(tests.id('p2'), 2, '{"type": "doc"}', 'The two sides decide to strengthen cooperation.', 'translated');
select is(tests.try_as('translator', $$ select public.save_translation(tests.id('p2'), 3, '{"type": "doc"}', 'The two sides decide to strengthen cooperation.', 'draft') $$),
  '42501', 'the row belongs to whoever marked it translated last');
select is(tests.try_as('translator', $$ select public.save_translation(tests.id('p2'), 3, '{"type": "doc"}', 'The two sides decided to strengthen cooperation.', null) $$),
  'rows:1', 'other translators still edit its text (it stays translated)');
select is(tests.try_as('multi', $$ select public.save_translation(tests.id('p2'), 3, '{"type": "doc"}', 'The two sides decide to strengthen cooperation.', 'draft') $$),
  'rows:1', 'its last editor may take it back');

-- A reviewer's rejection is unchanged: translated → rejected, with a review event.
select tests.authenticate_as('reviewer@duizhao.test');
select is((select status from public.review_translation(tests.id('t2'), 'rejected', 'Tense.', 3)), 'rejected', 'a reviewer rejects as before');
select is((select count(*)::int from public.review_events where translation_id = tests.id('t2') and decision = 'rejected'), 1, 'and that is recorded');
select tests.authenticate_as('multi@duizhao.test');
select is((select status from public.save_translation(tests.id('p2'), 4, '{"type": "doc"}', 'The two sides decide to strengthen cooperation.', 'draft')),
  'draft', 'a rejected row still goes to draft unchanged');

-- Approved rows do not go back to draft unchanged, not even for their translator.
select tests.authenticate_as('translator@duizhao.test');
select public.save_translation(tests.id('p3'), 0, null, 'Shanghai, 19 May 2014', 'translated');
select tests.authenticate_as('reviewer@duizhao.test');
select public.review_translation(tests.id('t3'), 'approved', null, 1);
select is(tests.try_as(who, $$ select public.save_translation(tests.id('p3'), 2, null, 'Shanghai, 19 May 2014', 'draft') $$), '42501',
  'an approved row cannot go back to draft: ' || who)
from (values ('translator'), ('multi'), ('owner')) as m (who);
select is(tests.try_as('translator', $$ update public.translations set status = 'draft' where id = tests.id('t3') $$), '42501',
  'nor by writing the row');
select is((select status || '/' || version from public.translations where id = tests.id('t3')), 'approved/2', 'it stays approved');
select is(tests.try_as('reviewer', $$ select public.undo_review('translation', tests.id('t3'), 2) $$),
  'rows:1', 'its reviewer can still undo the approval');

-- Notes on the English: the selection ends within the translation's plain text.
select tests.authenticate_as('translator@duizhao.test');
select public.save_translation(tests.id('p1'), 0, null, 'I', 'draft');
select is(tests.try_as('researcher', $$ insert into public.annotations (paragraph_id, target, status, body_text, quote_exact, start_offset, end_offset)
  values (tests.id('p2'), 'translation', 'submitted', 'tense', 'decide', 14, 20) $$), 'rows:1', 'a note on a span of the English');
select is(tests.try_as('researcher', $$ insert into public.annotations (paragraph_id, target, status, body_text, quote_exact, start_offset, end_offset)
  values (tests.id('p1'), 'translation', 'submitted', 'x', 'I?', 0, 2) $$), '22023', 'a span past the end of the English is refused');

-- note_tags: the project's tags the reader may see, counted.
select tests.authenticate_as('researcher@duizhao.test');
update public.annotations set tags = array['treaty', 'cica'] where id = tests.id('researcher submitted');
update public.annotations set tags = array['treaty', 'private'] where id = tests.id('researcher draft');
select is(array(select tag || ':' || notes from public.note_tags where project_id = tests.id('demo') order by tag),
  array['cica:1', 'private:1', 'treaty:2'], 'an author sees the tags of their own drafts too');
select tests.authenticate_as('reviewer@duizhao.test');
select is(array(select tag || ':' || notes from public.note_tags where project_id = tests.id('demo') order by tag),
  array['cica:1', 'treaty:1'], 'others do not see a draft''s tags');
select is(tests.try_as('outsider', $$ select 1 from public.note_tags $$), 'rows:0', 'outsiders see none');

select * from finish();
rollback;
