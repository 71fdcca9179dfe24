-- Glossary entries and QA ignores: members read; owners and translators edit; researchers propose
-- and keep their own proposals; owners and reviewers approve (a reviewer not their own); edits of
-- an approved entry by a translator send it back to proposed; imports are all or nothing.
begin;
select plan(36);
select tests.create_fixture();

select tests.as_superuser();
insert into public.glossary_entries (project_id, zh, en, forbidden, kind, created_by)
values (tests.id('demo'), '亚信', '{CICA}', '{}', 'organisation', tests.id('translator@duizhao.test'));
insert into public.glossary_entries (project_id, zh, en, created_by)
values (tests.id('other'), '别的', '{other}', tests.id('other-owner@duizhao.test'));
select tests.remember('cica', (select id from public.glossary_entries where zh = '亚信'));

-- Reading: members of the project, nobody else.
select is(tests.try_as('researcher', $$ select * from public.glossary_entries $$), 'rows:1', 'a researcher reads the project''s glossary, not another''s');
select is(tests.try_as('outsider', $$ select * from public.glossary_entries $$), 'rows:0', 'an outsider reads nothing');
select is(tests.try_as('anon', $$ select * from public.glossary_entries $$), 'rows:0', 'anon reads nothing');

-- Adding.
select is(tests.try_as('translator', format($$ insert into public.glossary_entries (project_id, zh, en) values (%L, '上海合作组织', '{Shanghai Cooperation Organisation,SCO}') $$, tests.id('demo'))),
  'rows:1', 'a translator adds an entry');
select is(tests.try_as('researcher', format($$ insert into public.glossary_entries (project_id, zh, en) values (%L, '一带一路', '{Belt and Road}') $$, tests.id('demo'))),
  'rows:1', 'a researcher proposes an entry');
select is(tests.try_as('researcher', format($$ insert into public.glossary_entries (project_id, zh, en, status) values (%L, '一带一路', '{Belt and Road}', 'approved') $$, tests.id('demo'))),
  '42501', 'but cannot add it approved');
select is(tests.try_as('translator', format($$ insert into public.glossary_entries (project_id, zh, en, status) values (%L, '一带一路', '{x}', 'approved') $$, tests.id('demo'))),
  '42501', 'nor can a translator');
select is(tests.try_as('outsider', format($$ insert into public.glossary_entries (project_id, zh, en) values (%L, '一带一路', '{x}') $$, tests.id('demo'))),
  '42501', 'an outsider adds nothing');
select is(tests.try_as('translator', format($$ insert into public.glossary_entries (project_id, zh, en) values (%L, '亚 信', '{x}') $$, tests.id('demo'))),
  '23505', 'the same Chinese twice (spaces aside) is refused');
select is(tests.try_as('translator', format($$ insert into public.glossary_entries (project_id, zh, kind) values (%L, '新词', 'animal') $$, tests.id('demo'))),
  '23514', 'an unknown kind is refused');

select tests.authenticate_as('translator@duizhao.test');
insert into public.glossary_entries (project_id, zh, en, forbidden, created_by)
values (tests.id('demo'), ' 全面 战略伙伴关系 ', array[' comprehensive strategic partnership ', '', 'Comprehensive  Strategic Partnership'], '{}', tests.id('owner@duizhao.test'));
select is((select zh from public.glossary_entries where zh like '全面%'), '全面战略伙伴关系', 'spaces leave the Chinese term');
select is((select en from public.glossary_entries where zh like '全面%'), '{comprehensive strategic partnership}'::text[], 'blank and repeated renderings are dropped');
select is((select created_by from public.glossary_entries where zh like '全面%'), tests.id('translator@duizhao.test'), 'created_by is the caller, whatever was sent');
select tests.as_superuser();

-- Approving.
select is(tests.try_as('translator', format($$ update public.glossary_entries set status = 'approved' where id = %L $$, tests.id('cica'))),
  '42501', 'a translator does not approve');
select is(tests.try_as('reviewer', format($$ update public.glossary_entries set status = 'approved' where id = %L $$, tests.id('cica'))),
  'rows:1', 'a reviewer approves');
select is(tests.try_as('reviewer', format($$ update public.glossary_entries set en = '{Conference}' where id = %L $$, tests.id('cica'))),
  '42501', 'a reviewer does not reword an entry');
select tests.authenticate_as('reviewer@duizhao.test');
update public.glossary_entries set status = 'approved' where id = tests.id('cica');
select is((select approved_by from public.glossary_entries where id = tests.id('cica')), tests.id('reviewer@duizhao.test'), 'the approver is recorded');
insert into public.glossary_entries (project_id, zh, en) values (tests.id('demo'), '审议', '{deliberation}');
select is(tests.try_as('reviewer', $$ update public.glossary_entries set status = 'approved' where zh = '审议' $$),
  '42501', 'nobody approves their own entry');
select tests.as_superuser();
select is(tests.try_as('owner', $$ update public.glossary_entries set status = 'approved' where zh = '审议' $$),
  'rows:1', 'an owner approves it');

-- A translator's rewording sends an approved entry back to proposed.
select tests.authenticate_as('translator@duizhao.test');
update public.glossary_entries set en = '{CICA,Conference on Interaction and Confidence-Building Measures in Asia}' where id = tests.id('cica');
select is((select status from public.glossary_entries where id = tests.id('cica')), 'proposed', 'reworded by a translator: proposed again');
select is((select approved_by from public.glossary_entries where id = tests.id('cica')), null, 'and no longer approved by anyone');
select tests.as_superuser();

-- Researchers keep their own proposals, not others' entries.
select tests.authenticate_as('researcher@duizhao.test');
insert into public.glossary_entries (project_id, zh, en) values (tests.id('demo'), '一带一路', '{Belt and Road}');
select tests.as_superuser();
select is(tests.try_as('researcher', $$ update public.glossary_entries set note = 'Belt and Road Initiative' where zh = '一带一路' $$),
  'rows:1', 'a researcher edits their own proposal');
select is(tests.try_as('researcher', format($$ update public.glossary_entries set note = 'x' where id = %L $$, tests.id('cica'))),
  'rows:0', 'but not someone else''s entry');
select is(tests.try_as('researcher', format($$ delete from public.glossary_entries where id = %L $$, tests.id('cica'))),
  'rows:0', 'nor delete it');
select is(tests.try_as('researcher', $$ delete from public.glossary_entries where zh = '一带一路' $$),
  'rows:1', 'a researcher withdraws their own proposal');
select is(tests.try_as('translator', format($$ delete from public.glossary_entries where id = %L $$, tests.id('cica'))),
  'rows:1', 'a translator deletes an entry');
select is(tests.try_as('translator', format($$ update public.glossary_entries set project_id = %L where id = %L $$, tests.id('other'), tests.id('cica'))),
  'rows:1', 'moving an entry to another project …');
select tests.authenticate_as('translator@duizhao.test');
update public.glossary_entries set project_id = tests.id('other') where id = tests.id('cica');
select tests.as_superuser();
select is((select project_id from public.glossary_entries where id = tests.id('cica')), tests.id('demo'), '… leaves it where it was');

-- Importing: all or nothing.
select tests.authenticate_as('translator@duizhao.test');
select is(public.import_glossary(tests.id('demo'), '[{"zh": "亚信", "en": ["CICA summit"]}, {"zh": "中亚", "en": ["Central Asia"], "kind": "place"}]'::jsonb),
  '{"added": 1, "replaced": 0, "skipped": 1}'::jsonb, 'an import adds new terms and skips known ones');
select is(public.import_glossary(tests.id('demo'), '[{"zh": "亚信", "en": ["CICA"]}]'::jsonb, true),
  '{"added": 0, "replaced": 1, "skipped": 0}'::jsonb, 'or replaces them when asked');
select is((tests.error_of($$ select public.import_glossary(tests.id('demo'), '[{"zh": "新一", "en": ["one"]}, {"zh": "新二", "kind": "animal"}]'::jsonb) $$)) ->> 'code',
  '23514', 'a bad entry fails the import');
select is((select count(*)::int from public.glossary_entries where zh in ('新一', '新二')), 0, 'and nothing of it is kept');
select tests.as_superuser();
select is(tests.try_as('researcher', format($$ select public.import_glossary(%L, '[]'::jsonb) $$, tests.id('demo'))), '42501', 'researchers do not import');

-- QA ignores.
select is(tests.try_as('translator', format($$ insert into public.qa_ignores (paragraph_id, fingerprint, reason) values (%L, 'number-missing|2014', 'the date is in the heading') $$, tests.id('p2'))),
  'rows:1', 'a translator ignores a finding with a reason');
select is(tests.try_as('researcher', format($$ insert into public.qa_ignores (paragraph_id, fingerprint, reason) values (%L, 'number-missing|2014', 'because') $$, tests.id('p2'))),
  '42501', 'a researcher does not');
select is(tests.try_as('translator', format($$ insert into public.qa_ignores (paragraph_id, fingerprint, reason) values (%L, 'x', '  ') $$, tests.id('p2'))),
  '23514', 'a reason is required');

select * from finish();
rollback;
