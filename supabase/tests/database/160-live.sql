-- Live subscriptions filter a document's rows by document_id: the database sets it, whatever a writer sends.
begin;
select plan(7);
select tests.create_fixture();

select is((select document_id from public.translations where id = tests.id('t1')), tests.id('doc'), 'a translation knows its document');
select is((select document_id from public.annotations where id = tests.id('researcher submitted')), tests.id('doc'), 'a note knows its document');

insert into public.annotations (paragraph_id, author_id, body_text, status, document_id)
values (tests.id('p1'), tests.id('researcher@duizhao.test'), 'spoofed', 'submitted', tests.id('other doc'));
select is((select document_id from public.annotations where body_text = 'spoofed'), tests.id('doc'), 'a note naming another document is filed under its paragraph''s');

insert into public.annotation_replies (annotation_id, author_id, body_text, document_id)
values (tests.id('researcher submitted'), tests.id('reviewer@duizhao.test'), 'a reply', tests.id('other doc'));
select is((select document_id from public.annotation_replies where body_text = 'a reply'), tests.id('doc'), 'a reply naming another document is filed under its note''s');

update public.annotations set document_id = tests.id('other doc') where body_text = 'spoofed';
select is((select document_id from public.annotations where body_text = 'spoofed'), tests.id('doc'), 'a note cannot be moved to another document');

select is(tests.try_as('researcher', $$ insert into public.annotations (paragraph_id, body_text, status, document_id)
                                        values (tests.id('p1'), 'mine', 'draft', tests.id('other doc')) $$),
  'rows:1', 'a researcher''s insert naming another document goes through (the column is set for them)');
select is(tests.try_as('outsider', $$ insert into public.annotations (paragraph_id, body_text, status) values (tests.id('op1'), 'x', 'draft') $$),
  '42501', 'RLS still decides who writes where');
select * from finish();
rollback;
