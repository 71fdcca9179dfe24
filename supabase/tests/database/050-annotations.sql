-- annotations: every member creates, edits and deletes their own; members read others' submitted,
-- approved and rejected notes, never their drafts; authors never change, notes never leave their project.
begin;
select plan(84);
select tests.create_fixture();

select is(tests.try_as(who, $$ select 1 from public.annotations where id = tests.id('researcher draft') $$), expected, 'read another''s draft: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:0'), ('translator', 'rows:0'),
             ('researcher', 'rows:1'), ('reviewer', 'rows:0'), ('multi', 'rows:0')) as m (who, expected);

select is(tests.try_as(who, $$ select 1 from public.annotations where id = tests.id('researcher submitted') $$), expected, 'read a submitted note: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:1'), ('translator', 'rows:1'),
             ('researcher', 'rows:1'), ('reviewer', 'rows:1'), ('multi', 'rows:1')) as m (who, expected);

select is(tests.try_as(who, $$ select 1 from public.annotations $$), expected, 'all notes one can read: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:1'), ('translator', 'rows:2'),
             ('researcher', 'rows:2'), ('reviewer', 'rows:1'), ('multi', 'rows:1'), ('other-owner', 'rows:1')) as m (who, expected);

select is(tests.try_as(who, $$ insert into public.annotations (paragraph_id, body_text, quote_exact, start_offset, end_offset)
                                values (tests.id('p2'), 'my note', '合作', 6, 8) $$), expected, 'create own note: ' || who)
from (values ('anon', '42501'), ('outsider', '42501'), ('owner', 'rows:1'), ('translator', 'rows:1'),
             ('researcher', 'rows:1'), ('reviewer', 'rows:1'), ('multi', 'rows:1'), ('other-owner', '42501')) as m (who, expected);

select is(tests.try_as(who, $$ update public.annotations set body_text = 'edited' where id = tests.id('researcher submitted') $$), expected,
  'edit a submitted note: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:0'), ('translator', 'rows:0'),
             ('researcher', 'rows:1'), ('reviewer', 'rows:0'), ('multi', 'rows:0')) as m (who, expected);

select is(tests.try_as(who, $$ update public.annotations set body_text = 'edited' where id = tests.id('researcher draft') $$), expected,
  'edit a draft: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:0'), ('translator', 'rows:0'),
             ('researcher', 'rows:1'), ('reviewer', 'rows:0'), ('multi', 'rows:0')) as m (who, expected);

select is(tests.try_as(who, $$ delete from public.annotations where id = tests.id('researcher submitted') $$), expected, 'delete a submitted note: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:0'), ('translator', 'rows:0'),
             ('researcher', 'rows:1'), ('reviewer', 'rows:0'), ('multi', 'rows:0')) as m (who, expected);

select is(tests.try_as(who, $$ delete from public.annotations where id = tests.id('translator draft') $$), expected, 'delete a draft: ' || who)
from (values ('anon', 'rows:0'), ('owner', 'rows:0'), ('translator', 'rows:1'), ('researcher', 'rows:0'),
             ('reviewer', 'rows:0'), ('multi', 'rows:0')) as m (who, expected);

-- Authors.
select is(tests.try_as('researcher', $$ insert into public.annotations (paragraph_id, author_id, body_text) values (tests.id('p2'), tests.id('owner@duizhao.test'), 'forged') $$),
  '42501', 'nobody creates a note in someone else''s name');
select is(tests.try_as('researcher', $$ update public.annotations set author_id = tests.id('owner@duizhao.test') where id = tests.id('researcher submitted') $$),
  '42501', 'an author cannot hand a note to someone else');
select is(tests.try_as('owner', $$ update public.annotations set author_id = tests.id('owner@duizhao.test') where id = tests.id('researcher submitted') $$),
  'rows:0', 'an owner cannot take over someone''s note');
select throws_ok($$ update public.annotations set author_id = tests.id('owner@duizhao.test') where id = tests.id('researcher submitted') $$, '42501', null,
  'not even the table owner changes an author');

-- Projects.
insert into public.project_members (project_id, user_id, role) values (tests.id('other'), tests.id('researcher@duizhao.test'), 'researcher');
select is(tests.try_as('researcher', $$ update public.annotations set paragraph_id = tests.id('op1') where id = tests.id('researcher submitted') $$),
  '42501', 'a note cannot move to another project''s paragraph, even for a member of both');
select is(tests.try_as('researcher', $$ update public.annotations set paragraph_id = tests.id('p3'), start_offset = null, end_offset = null,
                                        quote_exact = null where id = tests.id('researcher draft') $$),
  'rows:1', 'a note may move to another paragraph of the same project');
select is(tests.try_as('translator', $$ insert into public.annotations (paragraph_id, body_text) values (tests.id('op1'), 'x') $$),
  '42501', 'nobody annotates a project they are not in');

-- Review states are not reachable by insert or update.
select is(tests.try_as('researcher', format($$ insert into public.annotations (paragraph_id, status) values (tests.id('p2'), %L) $$, s)), '42501',
  'a new note cannot start ' || s)
from (values ('approved'), ('rejected')) as v (s);
select is(tests.try_as('researcher', format($$ update public.annotations set status = %L where id = tests.id('researcher submitted') $$, s)), '42501',
  'an author cannot PATCH their note to ' || s)
from (values ('approved'), ('rejected')) as v (s);
select is(tests.try_as('reviewer', $$ update public.annotations set status = 'approved' where id = tests.id('researcher submitted') $$), 'rows:0',
  'a reviewer cannot approve by PATCH');
select throws_ok($$ update public.annotations set status = 'approved' where id = tests.id('researcher submitted') $$, '42501', null,
  'not even the table owner approves without review_annotation');

-- Anchors (W3C TextPositionSelector in code points: p2 is 双方决定加强合作。, 9 code points).
select is(tests.try_as('researcher', format($$ insert into public.annotations (paragraph_id, start_offset, end_offset) values (tests.id('p2'), %s, %s) $$, s, e)),
  expected, why)
from (values ('null', 'null', 'rows:1', 'a note on the whole paragraph has no offsets'),
             ('0', '9', 'rows:1', 'a span may end at the paragraph''s last code point'),
             ('0', '10', '22023', 'a span cannot end after the paragraph''s text'),
             ('3', '3', '23514', 'a span is not empty'),
             ('4', '2', '23514', 'a span starts before it ends'),
             ('-1', '2', '23514', 'offsets are not negative'),
             ('1', 'null', '23514', 'start and end come together')) as v (s, e, expected, why);
select is(tests.try_as('researcher', $$ insert into public.annotations (paragraph_id, kind) values (tests.id('p2'), 'rumour') $$), '23514',
  'kind is note, term, person, place, organisation, treaty, date or question');
select is(tests.try_as('researcher', $$ insert into public.annotations (paragraph_id, target, start_offset, end_offset) values (tests.id('p2'), 'translation', 0, 40) $$),
  '22023', 'offsets on the translation are bound by the English text (empty here), not the Chinese');

-- Server-owned columns and version bumps on plain updates.
select tests.authenticate_as('researcher@duizhao.test');
insert into public.annotations (paragraph_id, body_text, version, reviewed_by, review_comment)
values (tests.id('p2'), 'fresh', 42, tests.id('reviewer@duizhao.test'), 'sneaky');
select is((select version || '/' || status || '/' || coalesce(reviewed_by::text, '-') || '/' || coalesce(review_comment, '-')
           from public.annotations where body_text = 'fresh'), '1/draft/-/-', 'a new note starts at version 1 as a draft with no review');
update public.annotations set status = 'submitted' where body_text = 'fresh';
select is((select version || '/' || status from public.annotations where body_text = 'fresh'), '2/submitted', 'submitting bumps the version');
update public.annotations set version = 1, tags = '{treaty}' where body_text = 'fresh';
select is((select version from public.annotations where body_text = 'fresh'), 3, 'a PATCH cannot set the version');
update public.annotations set reviewed_by = tests.id('researcher@duizhao.test'), review_comment = 'self-approved' where body_text = 'fresh';
select is((select coalesce(reviewed_by::text, '-') || '/' || coalesce(review_comment, '-') || '/' || version from public.annotations where body_text = 'fresh'),
  '-/-/3', 'a PATCH cannot write review fields');
update public.annotations set status = 'draft' where body_text = 'fresh';
select is(tests.try_as('reviewer', $$ select 1 from public.annotations where body_text = 'fresh' $$), 'rows:0', 'a note withdrawn to draft is private again');

select * from finish();
rollback;
