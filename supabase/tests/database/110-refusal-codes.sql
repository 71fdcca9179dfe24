-- Refusals answer 4xx: every SQLSTATE a function in public or private raises on purpose maps to a
-- client error under PostgREST's rules (class 55, P0002, XX… would be a 500), and the read-model
-- views grant no writes (the REST API checks that privilege before Postgres rewrites the write).
begin;
select plan(5);

-- PostgREST's SQLSTATE → HTTP status (Error.hs, pgErrorStatus) for the codes a function can raise.
create function pg_temp.http_status(p_code text)
returns int
language sql
immutable
as $$
  select case
    when p_code ~ '^PT[0-9]{3}$' then substr(p_code, 3)::int
    when p_code in ('23503', '23505') then 409
    when p_code = '25006' then 405
    when p_code = '42501' then 403
    when p_code in ('42P01', '42883') then 404
    when p_code = 'P0001' then 400
    when p_code in ('21000', '42P17', '53400') then 500
    when p_code = '57P01' then 503
    when left(p_code, 2) in ('08', '53') then 503
    when left(p_code, 2) in ('09', '25', '2D', '38', '39', '3B', '40', '54', '55', '57', '58', 'F0', 'HV', 'P0', 'XX') then 500
    when left(p_code, 2) in ('0L', '0P', '28') then 403
    else 400
  end
$$;

create temp table refusals as
select n.nspname || '.' || p.proname as fn, m[1] as code
from pg_catalog.pg_proc p
join pg_catalog.pg_namespace n on n.oid = p.pronamespace
cross join lateral regexp_matches(p.prosrc, 'errcode\s*=\s*''([^'']*)''', 'gi') as m
where n.nspname in ('public', 'private');

select cmp_ok((select count(distinct fn)::int from refusals), '>=', 10, 'the app''s functions raise their refusals with explicit codes');
select is_empty($$ select fn || ': ' || code from refusals where code !~ '^[0-9A-Z]{5}$' $$,
  'every errcode is a five-character SQLSTATE, not a condition name');
select is_empty($$ select fn || ': ' || code || ' → ' || pg_temp.http_status(code) from refusals where pg_temp.http_status(code) >= 500 $$,
  'no function refuses with a code that answers 5xx');
select is(pg_temp.http_status('55000'), 500, 'class 55 would be a server error');

select is_empty($$
  select c.relname || ' grants ' || g.privilege_type || ' to ' || g.grantee
  from pg_catalog.pg_class c
  join pg_catalog.pg_namespace n on n.oid = c.relnamespace
  join information_schema.role_table_grants g on g.table_schema = n.nspname and g.table_name = c.relname
  where n.nspname = 'public' and c.relkind = 'v'
    and g.privilege_type in ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')
    and g.grantee in ('PUBLIC', 'anon', 'authenticated', 'service_role')
$$, 'the read-model views grant no writes to API roles');
select * from finish();
rollback;
