/**
 * Change capture without logical replication (PGlite has no replication slots): a row trigger on
 * every table in publication `supabase_realtime` queues the change in `realtime.captured_changes`
 * and NOTIFYs once per transaction (payloads are capped at 8000 bytes, so the row stays in the
 * table); the server drains the queue after commit.
 */
import type { Database, Queryable } from '../db/types.ts';
import { quoteIdent } from './subscription-params.ts';

export const PUBLICATION = 'supabase_realtime';
export const NOTIFY_CHANNEL = 'realtime_captured_changes';
const TRIGGER = 'realtime_capture_changes';

const INSTALL_SQL = `
create schema if not exists realtime;

create table if not exists realtime.captured_changes (
  id bigint generated always as identity primary key,
  relid oid not null,
  action text not null,
  record jsonb,
  old_record jsonb,
  committed_at timestamptz not null default now()
);
comment on table realtime.captured_changes is
  'Row changes of published tables waiting to be fanned out to Realtime subscribers; drained by the server.';
revoke all on realtime.captured_changes from public;

create or replace function realtime.capture_changes() returns trigger
language plpgsql security definer set search_path = '' as $$
begin
  insert into realtime.captured_changes (relid, action, record, old_record)
  values (
    tg_relid,
    tg_op,
    case when tg_op <> 'DELETE' then to_jsonb(new) end,
    case when tg_op <> 'INSERT' then to_jsonb(old) end
  );
  -- Identical payloads fold into one notification per transaction.
  perform pg_notify('${NOTIFY_CHANNEL}', pg_catalog.txid_current()::text);
  return null;
end
$$;
revoke all on function realtime.capture_changes() from public;

-- Realtime's subscription_check_filters: the same checks and messages, run when a channel joins.
create or replace function realtime.check_subscription(entity regclass, claims_role text, filters jsonb, selected jsonb)
returns void language plpgsql stable set search_path = '' as $$
declare
  col_names text[];
  f jsonb;
  col text;
  op text;
  val text;
  col_type regtype;
  in_val jsonb;
  sel text;
begin
  perform claims_role::regrole;
  select coalesce(array_agg(a.attname::text order by a.attnum), '{}') into col_names
  from pg_catalog.pg_attribute a
  where a.attrelid = entity and a.attnum > 0 and not a.attisdropped
    and pg_catalog.has_column_privilege(claims_role, a.attrelid, a.attnum, 'SELECT');
  for f in select * from pg_catalog.jsonb_array_elements(filters) loop
    col := f ->> 'column';
    op := f ->> 'op';
    val := f ->> 'value';
    if not col = any(col_names) then
      raise exception 'invalid column for filter %', col;
    end if;
    select a.atttypid::regtype into col_type from pg_catalog.pg_attribute a where a.attrelid = entity and a.attname = col;
    if col_type is null then
      raise exception 'failed to lookup type for column %', col;
    end if;
    if op = 'in' then
      execute pg_catalog.format('select pg_catalog.to_jsonb(%L::%s[])', val, col_type) into in_val;
      if coalesce(pg_catalog.jsonb_array_length(in_val), 0) > 100 then
        raise exception 'too many values for \`in\` filter. Maximum 100';
      end if;
    elsif op = 'is' then
      if val not in ('null', 'true', 'false', 'unknown') then
        raise exception 'invalid value for is filter: must be null, true, false, or unknown';
      end if;
      if val <> 'null' and col_type <> 'boolean'::regtype then
        raise exception 'is % filter requires a boolean column, got %', val, col_type::text;
      end if;
    elsif op in ('like', 'ilike') then
      if not exists (select 1 from pg_catalog.pg_operator where oprname = '~~' and oprleft = col_type) then
        raise exception 'operator % requires a text-compatible column type, got %', op, col_type::text;
      end if;
    elsif op in ('match', 'imatch') then
      if not exists (
        select 1 from pg_catalog.pg_operator
        where oprname = case when op = 'imatch' then '~*' else '~' end
          and oprleft = col_type and oprright = col_type and oprresult = 'boolean'::regtype
      ) then
        raise exception 'operator % requires a text-compatible column type, got %', op, col_type::text;
      end if;
      begin
        perform '' ~ val;
      exception when others then
        raise exception 'invalid regular expression for % filter: %', op, sqlerrm;
      end;
    else
      execute pg_catalog.format('select %L::%s', val, col_type);
    end if;
  end loop;
  if selected is not null and pg_catalog.jsonb_typeof(selected) = 'array' then
    for sel in select pg_catalog.jsonb_array_elements_text(selected) loop
      if not sel = any(col_names) then
        raise exception 'invalid column for select %', sel;
      end if;
    end loop;
  end if;
end
$$;
`;

export async function installCapture(db: Database): Promise<void> {
  await db.exec(INSTALL_SQL);
}

interface TriggerState {
  schema: string;
  table: string;
  published: boolean;
  has_trigger: boolean;
}

/** Adds the capture trigger to published tables that lack it and removes it from unpublished ones. */
export async function syncCaptureTriggers(db: Database): Promise<void> {
  const { rows } = await db.query<TriggerState>(
    `with published as (
       select c.oid from pg_catalog.pg_publication_tables p
       join pg_catalog.pg_namespace n on n.nspname = p.schemaname
       join pg_catalog.pg_class c on c.relnamespace = n.oid and c.relname = p.tablename
       where p.pubname = $1
     ), triggered as (
       select t.tgrelid as oid from pg_catalog.pg_trigger t where t.tgname = $2 and not t.tgisinternal
     )
     select n.nspname as schema, c.relname as table,
            c.oid in (select oid from published) as published,
            c.oid in (select oid from triggered) as has_trigger
     from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
     where c.oid in (select oid from published) or c.oid in (select oid from triggered)`,
    [PUBLICATION, TRIGGER],
  );
  const ddl: string[] = [];
  for (const r of rows) {
    const target = `${quoteIdent(r.schema)}.${quoteIdent(r.table)}`;
    if (r.published && !r.has_trigger) {
      ddl.push(`create trigger ${TRIGGER} after insert or update or delete on ${target} for each row execute function realtime.capture_changes();`);
    } else if (!r.published && r.has_trigger) {
      ddl.push(`drop trigger if exists ${TRIGGER} on ${target};`);
    }
  }
  if (ddl.length) await db.transaction((tx) => tx.exec(ddl.join('\n')));
}

export interface CapturedChange {
  id: string;
  relid: number;
  action: 'INSERT' | 'UPDATE' | 'DELETE';
  record: Record<string, unknown> | null;
  oldRecord: Record<string, unknown> | null;
  /** Realtime's format: UTC, milliseconds, `Z`. */
  commitTimestamp: string;
}

interface CapturedRow {
  id: string;
  relid: string;
  action: CapturedChange['action'];
  record: string | null;
  old_record: string | null;
  commit_timestamp: string;
}

/** Takes up to `limit` queued changes, oldest first, removing them from the queue. */
export async function takeChanges(db: Queryable, limit: number): Promise<CapturedChange[]> {
  const { rows } = await db.query<CapturedRow>(
    `with taken as (
       delete from realtime.captured_changes
       where id in (select id from realtime.captured_changes order by id limit $1)
       returning *
     )
     select id::text as id, relid::text as relid, action, record::text as record, old_record::text as old_record,
            to_char(committed_at at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as commit_timestamp
     from taken
     order by taken.id -- the numeric id: the text alias above would put '100' before '99'`,
    [limit],
  );
  return rows.map((r) => ({
    id: r.id,
    relid: Number(r.relid),
    action: r.action,
    record: r.record === null ? null : (JSON.parse(r.record) as Record<string, unknown>),
    oldRecord: r.old_record === null ? null : (JSON.parse(r.old_record) as Record<string, unknown>),
    commitTimestamp: r.commit_timestamp,
  }));
}

export async function discardChanges(db: Queryable): Promise<void> {
  await db.query('delete from realtime.captured_changes');
}
