/**
 * The fault suite's scenario runner: a workspace of simulated users saving against an API
 * process while a fault is injected, then an audit of every acknowledged write.
 */
import { expect } from 'vitest';
import { DEMO_ANON_KEY, DEMO_SERVICE_ROLE_KEY } from '../src/config.ts';
import type { ApiProcess } from '../../scripts/lib/api-process.ts';
import { type ApiTarget, type AuditReport, Ledger, audit, setupWorkspace, startWorkload } from '../../scripts/lib/workload.ts';

/** The server as the fault suite starts it: sign-ins are not rate-limited for the simulated users. */
export const API_ENV = { GOTRUE_RATE_LIMIT_TOKEN: '100000', DUIZHAO_LOG_REQUESTS: 'false' };

export function target(api: ApiProcess): ApiTarget {
  return { url: api.url, anonKey: DEMO_ANON_KEY, serviceRoleKey: DEMO_SERVICE_ROLE_KEY };
}

export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface Scenario {
  ledger: Ledger;
  /** Waits until `n` more writes have been acknowledged. */
  acknowledgedMore(n: number): Promise<void>;
}

/**
 * Runs translators, researchers and a reviewer against `api` while `inject` runs, stops them,
 * and audits. Fails on any lost or unexplained write and on any answer other than the ones an
 * outage explains (a refused connection, a broken one, 503, 504).
 */
export async function runScenario(api: ApiProcess, inject: (s: Scenario) => Promise<void>): Promise<{ report: AuditReport; ledger: Ledger }> {
  const ws = await setupWorkspace(target(api), { translator: 6, researcher: 3, reviewer: 1, paragraphs: 60 });
  const ledger = new Ledger();
  const load = startWorkload(ws, ledger, { thinkMs: 10, backoffMs: 50 });
  const scenario: Scenario = {
    ledger,
    async acknowledgedMore(n) {
      const start = ledger.acknowledged;
      await waitFor(`${n} more acknowledged writes (${ledger.acknowledged - start} so far)`, () => ledger.acknowledged >= start + n);
    },
  };
  try {
    await scenario.acknowledgedMore(30);
    await inject(scenario);
    await scenario.acknowledgedMore(30);
  } finally {
    await load.stop();
  }
  const report = await audit(ws, ledger);
  console.log(
    `${report.acknowledged} acknowledged writes audited (${report.checkedRevisions} translation revisions, ${report.checkedAnnotations} notes, ` +
      `${report.checkedReviews} reviews); ${ledger.inDoubt} requests in doubt, ${ledger.unsent} refused while the server was down; ` +
      `${report.lost.length} lost, ${report.unexplained.length} unexplained`,
  );
  const unexpected = [...ledger.errors].filter(([key]) => !/ (0|503|504)$/.test(key));
  expect(unexpected, 'answers no outage explains').toEqual([]);
  expect(report.lost, 'acknowledged writes missing from the database').toEqual([]);
  expect(report.unexplained, 'writes nobody acknowledged or attempted').toEqual([]);
  expect(report.checkedRevisions).toBeGreaterThan(50);
  return { report, ledger };
}
