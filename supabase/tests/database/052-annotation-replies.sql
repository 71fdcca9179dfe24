-- annotation_replies: whoever can read the note reads and writes replies; authors edit and delete their own.
begin;
select plan(41);
select tests.create_fixture();

insert into public.annotation_replies (annotation_id, author_id, body_text)
values (tests.id('researcher submitted'), tests.id('reviewer@duizhao.test'), 'Is this CICA?');
insert into public.annotation_replies (annotation_id, author_id, body_text)
values (tests.id('researcher draft'), tests.id('researcher@duizhao.test'), 'note to self');

select is(tests.try_as(who, $$ select 1 from public.annotation_replies where annotation_id = tests.id('researcher submitted') $$), expected,
  'read replies on a submitted note: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:1'), ('translator', 'rows:1'),
             ('researcher', 'rows:1'), ('reviewer', 'rows:1'), ('multi', 'rows:1')) as m (who, expected);

select is(tests.try_as(who, $$ select 1 from public.annotation_replies where annotation_id = tests.id('researcher draft') $$), expected,
  'read replies on a draft: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:0'), ('translator', 'rows:0'),
             ('researcher', 'rows:1'), ('reviewer', 'rows:0'), ('multi', 'rows:0')) as m (who, expected);

select is(tests.try_as(who, $$ insert into public.annotation_replies (annotation_id, body_text) values (tests.id('researcher submitted'), 'agreed') $$), expected,
  'reply: ' || who)
from (values ('anon', '42501'), ('outsider', '42501'), ('owner', 'rows:1'), ('translator', 'rows:1'),
             ('researcher', 'rows:1'), ('reviewer', 'rows:1'), ('multi', 'rows:1')) as m (who, expected);

select is(tests.try_as(who, $$ update public.annotation_replies set body_text = 'edited' where body_text = 'Is this CICA?' $$), expected,
  'edit a reply: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:0'), ('translator', 'rows:0'),
             ('researcher', 'rows:0'), ('reviewer', 'rows:1'), ('multi', 'rows:0')) as m (who, expected);

select is(tests.try_as(who, $$ delete from public.annotation_replies where body_text = 'Is this CICA?' $$), expected, 'delete a reply: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('owner', 'rows:0'), ('translator', 'rows:0'),
             ('researcher', 'rows:0'), ('reviewer', 'rows:1'), ('multi', 'rows:0')) as m (who, expected);

select is(tests.try_as('translator', $$ insert into public.annotation_replies (annotation_id, body_text) values (tests.id('researcher draft'), 'peek') $$),
  '42501', 'nobody replies to another''s draft');
select is(tests.try_as('translator', $$ insert into public.annotation_replies (annotation_id, author_id, body_text)
                                        values (tests.id('researcher submitted'), tests.id('owner@duizhao.test'), 'forged') $$),
  '42501', 'nobody replies in someone else''s name');
select is(tests.try_as('reviewer', $$ update public.annotation_replies set author_id = tests.id('owner@duizhao.test') where body_text = 'Is this CICA?' $$),
  '42501', 'a reply''s author cannot change');
select is(tests.try_as('reviewer', $$ update public.annotation_replies set annotation_id = tests.id('researcher draft') where body_text = 'Is this CICA?' $$),
  '42501', 'a reply cannot move to another note');
select is(tests.try_as('other-owner', $$ insert into public.annotation_replies (annotation_id, body_text) values (tests.id('researcher submitted'), 'x') $$),
  '42501', 'a member of another project cannot reply');
select is(tests.try_as('researcher', $$ delete from public.annotations where id = tests.id('researcher submitted') $$), 'rows:1',
  'deleting a note takes others'' replies with it');

select * from finish();
rollback;
