-- project_invitations and invite_member / accept_invitations: owners invite any address; a confirmed
-- account joins at once, any other address when it signs up or confirms, exactly once.
begin;
select plan(52);
select tests.create_fixture();

select is(tests.try_as(who, $$ select public.invite_member(tests.id('demo'), 'newcomer@duizhao.test', 'translator') $$), expected,
  'invite: ' || who)
from (values ('anon', '42501'), ('outsider', '42501'), ('other-owner', '42501'), ('translator', '42501'), ('researcher', '42501'),
             ('reviewer', '42501'), ('multi', '42501'), ('owner', 'rows:1')) as m (who, expected);

select tests.authenticate_as('owner@duizhao.test');
select is((select public.invite_member(tests.id('demo'), '  NewComer@Duizhao.test ', 'translator') - 'invitation_id'),
  '{"status": "invited", "email": "newcomer@duizhao.test", "role": "translator", "already": false}'::jsonb,
  'an address without an account gets a pending invitation, stored in lower case');
select is((select public.invite_member(tests.id('demo'), 'newcomer@duizhao.test', 'translator') ->> 'already'), 'true',
  'inviting again is idempotent');
select public.invite_member(tests.id('demo'), 'newcomer@duizhao.test', 'reviewer');
select is((select count(*)::int from public.project_invitations where email = 'newcomer@duizhao.test'), 2, 'one pending invitation per role');
select is((select public.invite_member(tests.id('demo'), 'outsider@duizhao.test', 'researcher') - 'user_id'),
  '{"status": "added", "email": "outsider@duizhao.test", "role": "researcher", "already": false}'::jsonb,
  'a confirmed account is added at once');
select is((select array_agg(role) from public.project_members where project_id = tests.id('demo') and user_id = tests.id('outsider@duizhao.test')),
  array['researcher'], 'with the role');
select is((select public.invite_member(tests.id('demo'), 'outsider@duizhao.test', 'researcher') ->> 'already'), 'true',
  'adding a member twice changes nothing');
select is(tests.try_as('owner', $$ select public.invite_member(tests.id('demo'), 'not an address', 'translator') $$), '22023', 'a malformed address is refused');
select is(tests.try_as('owner', $$ select public.invite_member(tests.id('demo'), 'x@duizhao.test', 'admin') $$), '22023', 'an unknown role is refused');
select is(tests.try_as('owner', $$ select public.invite_member(tests.id('demo'), null, 'translator') $$), '22023', 'no address is refused');

select is(tests.try_as(who, $$ select 1 from public.project_invitations where email = 'newcomer@duizhao.test' $$), expected,
  'see pending invitations: ' || who)
from (values ('anon', 'rows:0'), ('outsider', 'rows:0'), ('other-owner', 'rows:0'), ('translator', 'rows:0'), ('researcher', 'rows:0'),
             ('reviewer', 'rows:0'), ('multi', 'rows:0'), ('owner', 'rows:2')) as m (who, expected);

select is(tests.try_as(who, $$ insert into public.project_invitations (project_id, email, role) values (tests.id('demo'), 'forged@duizhao.test', 'owner') $$),
  '42501', 'write an invitation directly: ' || who)
from (values ('anon'), ('owner'), ('translator')) as m (who);
select is(tests.try_as('owner', $$ update public.project_invitations set role = 'owner' $$), '42501', 'nobody rewrites an invitation');

-- The address signs up (email confirmed at once, as with confirmations off): both roles, once.
select tests.as_superuser();
select tests.create_user('newcomer@duizhao.test');
select is((select array_agg(role order by role) from public.project_members where project_id = tests.id('demo') and user_id = tests.id('newcomer@duizhao.test')),
  array['reviewer', 'translator'], 'signing up turns the pending invitations into memberships');
select is((select count(*)::int from public.project_invitations where email = 'newcomer@duizhao.test' and accepted_at is null), 0,
  'the invitations are accepted');
select is((select accepted_by from public.project_invitations where email = 'newcomer@duizhao.test' limit 1), tests.id('newcomer@duizhao.test'),
  'by the new account');
select is(array(select kind || ':' || role from public.notifications where user_id = tests.id('newcomer@duizhao.test') order by role),
  array['member_added:reviewer', 'member_added:translator'], 'the newcomer is told which roles they hold');
select is((select count(*)::int from public.notifications where user_id = tests.id('owner@duizhao.test') and kind = 'invitation_accepted'), 2,
  'the owner who invited hears that the invitations were taken');
select is(tests.try_as('newcomer@duizhao.test', $$ select 1 from public.documents where project_id = tests.id('demo') $$), 'rows:1',
  'the newcomer reads the project''s documents');

-- Exactly once: a member removed later is not brought back by signing in again.
delete from public.project_members where project_id = tests.id('demo') and user_id = tests.id('newcomer@duizhao.test') and role = 'reviewer';
select is(tests.try_as('newcomer@duizhao.test', $$ select public.accept_invitations() $$), 'rows:0', 'an accepted invitation is not taken twice');
select tests.as_superuser();
select is((select count(*)::int from public.project_members where project_id = tests.id('demo') and user_id = tests.id('newcomer@duizhao.test')), 1,
  'the removed role stays removed');
select is(tests.try_as('anon', $$ select public.accept_invitations() $$), '42501', 'anon accepts nothing');

-- An unconfirmed account: invited, not added; it joins when the address is confirmed.
insert into auth.users (instance_id, id, aud, role, email, encrypted_password, raw_app_meta_data, raw_user_meta_data, created_at, updated_at)
values ('00000000-0000-0000-0000-000000000000', tests.remember('pending@duizhao.test', gen_random_uuid()), 'authenticated', 'authenticated',
        'pending@duizhao.test', '', '{}', '{}', now(), now());
select tests.authenticate_as('owner@duizhao.test');
select is((select public.invite_member(tests.id('demo'), 'pending@duizhao.test', 'researcher') ->> 'status'), 'invited',
  'an account whose address is not confirmed is invited, not added');
select tests.as_superuser();
select is((select count(*)::int from public.project_members where user_id = tests.id('pending@duizhao.test')), 0, 'no membership before confirmation');
select is(tests.try_as('pending@duizhao.test', $$ select public.accept_invitations() $$), 'rows:0', 'nor by asking for it');
update auth.users set email_confirmed_at = now() where id = tests.id('pending@duizhao.test');
select is((select array_agg(role) from public.project_members where user_id = tests.id('pending@duizhao.test')), array['researcher'],
  'confirming the address accepts the invitation');

-- accept_invitations picks up an invitation the triggers could not see (written after sign-up by an owner path that bypassed invite_member).
insert into public.project_invitations (project_id, email, role, invited_by)
values (tests.id('other'), 'pending@duizhao.test', 'reviewer', tests.id('other-owner@duizhao.test'));
select is(tests.try_as('pending@duizhao.test', $$ select public.accept_invitations() $$), 'rows:1', 'accept_invitations takes what is pending');
select tests.authenticate_as('pending@duizhao.test');
select is((select count(*)::int from public.accept_invitations()), 1, 'and returns it');
select is((select count(*)::int from public.accept_invitations()), 0, 'once');
select tests.as_superuser();

-- Revoking: owners delete pending invitations; accepted ones stay as a record.
select tests.authenticate_as('owner@duizhao.test');
select public.invite_member(tests.id('demo'), 'someone@duizhao.test', 'researcher');
select is(tests.try_as(who, $$ delete from public.project_invitations where email = 'someone@duizhao.test' $$), expected, 'revoke: ' || who)
from (values ('anon', 'rows:0'), ('other-owner', 'rows:0'), ('translator', 'rows:0'), ('reviewer', 'rows:0'), ('owner', 'rows:1')) as m (who, expected);
select is(tests.try_as('owner', $$ delete from public.project_invitations where email = 'newcomer@duizhao.test' $$), 'rows:0',
  'an accepted invitation cannot be deleted');
select tests.authenticate_as('owner@duizhao.test');
delete from public.project_invitations where email = 'someone@duizhao.test';
select tests.as_superuser();
select tests.create_user('someone@duizhao.test');
select is((select count(*)::int from public.project_members where user_id = tests.id('someone@duizhao.test')), 0,
  'a revoked invitation grants nothing');

select * from finish();
rollback;
