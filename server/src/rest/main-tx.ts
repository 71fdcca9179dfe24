/**
 * The request's one transaction (PostgREST's MainTx): the set_config statement, the main
 * statement, the planned count if asked, the checks that abort it, and `Prefer: tx=rollback`.
 */
import type { Database, Queryable } from '../db/types.ts';
import { errors } from './errors.ts';
import type { PrivilegeCheck } from './plan/index.ts';
import type { MainStatement } from './query-builder.ts';
import { qualified } from './sql.ts';

/** The main statement's one row. */
export interface MainRow {
  total_result_set: string | number | null;
  page_total: string | number;
  body: string | null;
  response_headers: string | null;
  response_status: string | null;
  location?: string | null;
  response_inserted?: string | number | null;
}

export interface TxResult {
  row: MainRow;
  /** The total for Content-Range when a count was asked for. */
  tableTotal: number | undefined;
  /** The EXPLAIN output, for the plan media type. */
  plan: string | undefined;
}

/** Conditions on the result that roll the transaction back with an error. */
export interface TxChecks {
  /** `vnd.pgrst.object`: exactly one row. */
  singleObject: boolean;
  /** `handling=strict, max-affected=n`. */
  maxAffected: number | undefined;
  /** PUT: the body must match the URL's key, so exactly one row is written. */
  putWritesOne: boolean;
}

export interface MainTx {
  pre: { sql: string; params: string[] };
  privilegeCheck?: PrivilegeCheck | undefined;
  main: MainStatement;
  readOnly: boolean;
  checks: TxChecks;
  count: 'exact' | 'planned' | 'estimated' | undefined;
  maxRows: number | undefined;
  rollback: boolean;
}

const EMPTY_ROW: MainRow = { total_result_set: null, page_total: 0, body: null, response_headers: null, response_status: null };

/** What Postgres says when a privilege is missing (42501; 401 anonymous, else 403). */
export class PrivilegeError extends Error {
  readonly code = '42501';
}

/** Tests the request role's privileges on a view it writes to, before the write is rewritten. */
async function checkPrivileges(q: Queryable, check: PrivilegeCheck): Promise<void> {
  const name = qualified(check.table.schema, check.table.name);
  const tests = check.privileges.map((_, i) => `has_table_privilege($1::regclass, $${i + 2}) AS p${i}`).join(', ');
  const res = await q.query<Record<string, boolean>>(`SELECT ${tests}`, [name, ...check.privileges]);
  const row = res.rows[0] ?? {};
  if (check.privileges.some((_, i) => row[`p${i}`] !== true)) throw new PrivilegeError(`permission denied for view ${check.table.name}`);
}

class RollbackWith {
  constructor(readonly result: TxResult) {}
}

function planRows(value: unknown): number | undefined {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  const rows = (v as { Plan?: { 'Plan Rows'?: number } }[] | undefined)?.[0]?.Plan?.['Plan Rows'];
  return typeof rows === 'number' ? rows : undefined;
}

function check(checks: TxChecks, n: number): void {
  if (checks.putWritesOne) {
    if (n !== 1) throw errors.putMatchingPk();
    return;
  }
  if (checks.singleObject && n !== 1) throw errors.singularity(n);
  if (checks.maxAffected !== undefined && n > checks.maxAffected) throw errors.maxAffected(n);
}

export async function runMainTx(db: Database, tx: MainTx): Promise<TxResult> {
  try {
    return await db.transaction(
      async (q) => {
        await q.query(tx.pre.sql, tx.pre.params);
        if (tx.privilegeCheck) await checkPrivileges(q, tx.privilegeCheck);
        const res = await q.query<MainRow>(tx.main.sql, tx.main.params);
        let result: TxResult;
        if (tx.main.explain) {
          const lines = res.rows.map((r) => {
            const v = Object.values(r)[0];
            return typeof v === 'string' ? v : JSON.stringify(v);
          });
          result = { row: EMPTY_ROW, tableTotal: undefined, plan: lines.join('\n') };
        } else {
          const row = res.rows[0] ?? EMPTY_ROW;
          let tableTotal = row.total_result_set === null || row.total_result_set === '' ? undefined : Number(row.total_result_set);
          const countSql = tx.main.countSql;
          if (countSql && (tx.count === 'planned' || (tx.count === 'estimated' && tx.maxRows !== undefined && (tableTotal ?? 0) > tx.maxRows))) {
            const ex = await q.query(countSql.sql, countSql.params);
            const rows = planRows(Object.values(ex.rows[0] ?? {})[0]);
            if (rows !== undefined) tableTotal = tx.count === 'planned' ? rows : Math.max(tableTotal ?? 0, rows);
          }
          result = { row, tableTotal, plan: undefined };
          check(tx.checks, Number(row.page_total));
        }
        if (tx.rollback) {
          await q.exec('SET CONSTRAINTS ALL IMMEDIATE');
          throw new RollbackWith(result);
        }
        return result;
      },
      { readOnly: tx.readOnly },
    );
  } catch (e) {
    if (e instanceof RollbackWith) return e.result;
    throw e;
  }
}
