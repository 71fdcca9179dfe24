/**
 * Simulated Duizhao users against a running API, for the fault suite and the load benchmark:
 * translators saving their paragraphs, researchers writing, editing and submitting notes,
 * reviewers approving and rejecting, each through the same REST calls the app makes. Every
 * acknowledged write goes into a ledger; `audit` then checks the database (through the API with
 * the service role) against it: every acknowledged write present with its version and revision,
 * and nothing written that no request could have caused.
 */
import { randomUUID } from 'node:crypto';

export interface ApiTarget {
  url: string;
  anonKey: string;
  serviceRoleKey: string;
}

// ─── HTTP ──────────────────────────────────────────────────────────────────────────────────────

/**
 * How a request ended. `unsent`: the connection was refused, so the server never saw it.
 * `in-doubt`: the connection broke, timed out or the server answered 5xx: it may have committed.
 */
export type Delivery = 'answered' | 'unsent' | 'in-doubt';

export interface HttpResult {
  delivery: Delivery;
  status: number;
  body: unknown;
  ms: number;
}

function causeCode(e: unknown): string | undefined {
  const cause = (e as { cause?: { code?: string; errors?: { code?: string }[] } }).cause;
  return cause?.code ?? cause?.errors?.[0]?.code;
}

export async function call(
  target: ApiTarget,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; prefer?: string; timeoutMs?: number } = {},
): Promise<HttpResult> {
  const started = performance.now();
  const headers: Record<string, string> = {
    apikey: target.anonKey,
    authorization: `Bearer ${options.token ?? target.anonKey}`,
    'x-client-info': 'duizhao-workload',
  };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.prefer) headers.prefer = options.prefer;
  try {
    const res = await fetch(`${target.url}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON
    }
    const ms = performance.now() - started;
    return { delivery: res.status >= 500 ? 'in-doubt' : 'answered', status: res.status, body, ms };
  } catch (e) {
    const ms = performance.now() - started;
    return { delivery: causeCode(e) === 'ECONNREFUSED' ? 'unsent' : 'in-doubt', status: 0, body: String(causeCode(e) ?? e), ms };
  }
}

async function must<T>(what: string, result: Promise<HttpResult>, ok = [200, 201]): Promise<T> {
  const r = await result;
  if (!ok.includes(r.status)) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 500)}`);
  return r.body as T;
}

const service = (target: ApiTarget) => ({ ...target, anonKey: target.serviceRoleKey });

// ─── setup ─────────────────────────────────────────────────────────────────────────────────────

export type Role = 'translator' | 'researcher' | 'reviewer';

export interface SimUser {
  id: string;
  email: string;
  role: Role;
  token: string;
  /** Short tag written into this user's texts, so the audit can tell whose they are. */
  tag: string;
}

export interface ParagraphRef {
  id: string;
  position: number;
  translationId: string;
}

export interface Workspace {
  target: ApiTarget;
  run: string;
  projectId: string;
  documentId: string;
  paragraphs: ParagraphRef[];
  users: SimUser[];
}

const PASSWORD = 'workload-password-1';

function doc(text: string) {
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] };
}

async function createUser(target: ApiTarget, email: string): Promise<{ id: string; token: string }> {
  const created = await must<{ id: string }>(
    `create ${email}`,
    call(service(target), 'POST', '/auth/v1/admin/users', { token: target.serviceRoleKey, body: { email, password: PASSWORD, email_confirm: true } }),
  );
  const session = await must<{ access_token: string }>(
    `sign in ${email}`,
    call(target, 'POST', '/auth/v1/token?grant_type=password', { body: { email, password: PASSWORD } }),
  );
  return { id: created.id, token: session.access_token };
}

/**
 * A project with its own owner and users in the given roles, and one imported document of
 * `paragraphs` paragraphs (translations are created empty by the import).
 */
export async function setupWorkspace(
  target: ApiTarget,
  counts: Record<Role, number> & { paragraphs: number },
): Promise<Workspace> {
  const run = randomUUID().slice(0, 8);
  const sr = service(target);
  const owner = await createUser(target, `owner-${run}@load.example.com`);
  const roles: Role[] = [
    ...Array<Role>(counts.translator).fill('translator'),
    ...Array<Role>(counts.researcher).fill('researcher'),
    ...Array<Role>(counts.reviewer).fill('reviewer'),
  ];
  const users: SimUser[] = [];
  // A few at a time: sign-ups hash passwords.
  for (let i = 0; i < roles.length; i += 5) {
    const batch = roles.slice(i, i + 5).map(async (role, j) => {
      const n = i + j;
      const email = `${role}-${n}-${run}@load.example.com`;
      const { id, token } = await createUser(target, email);
      return { id, email, role, token, tag: `${role[0]}${n}-${run}` };
    });
    users.push(...(await Promise.all(batch)));
  }
  const [project] = await must<{ id: string }[]>(
    'create project',
    call(sr, 'POST', '/rest/v1/projects', { token: target.serviceRoleKey, body: { name: `Load ${run}` }, prefer: 'return=representation' }),
  );
  const members = [{ project_id: project!.id, user_id: owner.id, role: 'owner' }, ...users.map((u) => ({ project_id: project!.id, user_id: u.id, role: u.role }))];
  await must('add members', call(sr, 'POST', '/rest/v1/project_members', { token: target.serviceRoleKey, body: members }), [201]);
  const paragraphs = Array.from({ length: counts.paragraphs }, (_, i) => ({
    position: i + 1,
    kind: 'body',
    text: `第${i + 1}段。双方同意在平等互利的基础上发展经济合作，并就共同关心的问题交换了意见。`,
  }));
  const documentId = await must<string>(
    'import document',
    call(target, 'POST', '/rest/v1/rpc/import_document', {
      token: owner.token,
      body: { p_project_id: project!.id, p_document: { title: `Load document ${run}`, paragraphs } },
    }),
  );
  const rows = await must<{ id: string; position: number; translations: { id: string } | { id: string }[] }[]>(
    'read paragraphs',
    call(sr, 'GET', `/rest/v1/paragraphs?select=id,position,translations(id)&document_id=eq.${documentId}&order=position`, { token: target.serviceRoleKey }),
  );
  return {
    target,
    run,
    projectId: project!.id,
    documentId,
    users,
    paragraphs: rows.map((r) => ({ id: r.id, position: r.position, translationId: (Array.isArray(r.translations) ? r.translations[0]! : r.translations).id })),
  };
}

// ─── ledger ────────────────────────────────────────────────────────────────────────────────────

interface TranslationRow {
  id: string;
  paragraph_id: string;
  text: string;
  status: string;
  version: number;
}
interface AnnotationRow {
  id: string;
  author_id: string;
  body_text: string | null;
  status: string;
  version: number;
}

export interface OpStats {
  count: number;
  latencies: number[];
}

/** What the server acknowledged, what may or may not have happened, and how each request went. */
export class Ledger {
  /** translation id → version → the acknowledged row. */
  readonly translations = new Map<string, Map<number, { text: string; status: string }>>();
  /** translation id → texts of saves and number of reviews whose outcome is unknown. */
  readonly translationsInDoubt = new Map<string, { texts: Set<string>; reviews: number }>();
  /** annotation id → the acknowledged row with the highest version. */
  readonly annotations = new Map<string, { version: number; bodyText: string | null; status: string }>();
  /** annotation id → number of edits or reviews whose outcome is unknown. */
  readonly annotationsInDoubt = new Map<string, number>();
  /** Bodies of note inserts whose outcome is unknown. */
  readonly insertsInDoubt = new Set<string>();
  /** Acknowledged review decisions: `${kind}:${id}:${version}:${decision}`. */
  readonly reviews = new Set<string>();
  readonly ops = new Map<string, OpStats>();
  readonly statuses = new Map<string, number>();
  /** Answers no user of the app should see (5xx, unexpected 4xx), with a sample of each. */
  readonly errors = new Map<string, { count: number; sample: string }>();
  acknowledged = 0;
  conflicts = 0;
  unsent = 0;
  inDoubt = 0;

  record(op: string, r: HttpResult, expected: number[]): 'ok' | 'conflict' | 'unsent' | 'in-doubt' | 'error' {
    const key = `${op} ${r.status}`;
    this.statuses.set(key, (this.statuses.get(key) ?? 0) + 1);
    if (r.delivery === 'unsent') {
      this.unsent++;
      return 'unsent';
    }
    let stats = this.ops.get(op);
    if (!stats) this.ops.set(op, (stats = { count: 0, latencies: [] }));
    stats.count++;
    stats.latencies.push(r.ms);
    if (r.delivery === 'in-doubt') {
      this.inDoubt++;
      this.error(op, r);
      return 'in-doubt';
    }
    if (expected.includes(r.status)) return 'ok';
    if (r.status === 409) {
      this.conflicts++;
      return 'conflict';
    }
    this.error(op, r);
    return 'error';
  }

  private error(op: string, r: HttpResult): void {
    const key = `${op} ${r.status}`;
    const e = this.errors.get(key);
    if (e) e.count++;
    else this.errors.set(key, { count: 1, sample: JSON.stringify(r.body).slice(0, 300) });
  }

  ackTranslation(row: TranslationRow): void {
    this.acknowledged++;
    let versions = this.translations.get(row.id);
    if (!versions) this.translations.set(row.id, (versions = new Map()));
    versions.set(row.version, { text: row.text, status: row.status });
  }

  translationInDoubt(id: string, change: { text: string } | 'review'): void {
    let d = this.translationsInDoubt.get(id);
    if (!d) this.translationsInDoubt.set(id, (d = { texts: new Set(), reviews: 0 }));
    if (change === 'review') d.reviews++;
    else d.texts.add(change.text);
  }

  ackAnnotation(row: AnnotationRow): void {
    this.acknowledged++;
    const known = this.annotations.get(row.id);
    if (!known || known.version <= row.version) this.annotations.set(row.id, { version: row.version, bodyText: row.body_text, status: row.status });
  }

  annotationInDoubt(id: string): void {
    this.annotationsInDoubt.set(id, (this.annotationsInDoubt.get(id) ?? 0) + 1);
  }
}

// ─── simulated users ───────────────────────────────────────────────────────────────────────────

const ANNOTATION_COLUMNS =
  'id,paragraph_id,author_id,status,target,quote_exact,quote_prefix,quote_suffix,start_offset,end_offset,body,body_text,kind,tags,version,review_comment,reviewed_by,reviewed_at,created_at,updated_at';
const TRANSLATION_COLUMNS = 'id,paragraph_id,body,text,status,span,version,updated_by,updated_at';

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

function currentRow<T>(body: unknown): T | undefined {
  try {
    return JSON.parse((body as { details?: string }).details ?? '') as T;
  } catch {
    return undefined;
  }
}

export interface WorkloadOptions {
  /** Mean pause between one user's actions (uniform in [0, 2 × mean]). */
  thinkMs: number;
  /** Pause after a request that failed or was refused for lack of a server. */
  backoffMs?: number;
}

type Step = () => Promise<void>;

function translator(ws: Workspace, ledger: Ledger, user: SimUser, mine: ParagraphRef[]): Step {
  const known = new Map<string, number>();
  let seq = 0;
  return async () => {
    if (Math.random() < 0.1) {
      const from = pick(mine).position;
      const r = await call(ws.target, 'GET', `/rest/v1/paragraphs?select=id,document_id,position,kind,text,translations(${TRANSLATION_COLUMNS})&document_id=eq.${ws.documentId}&position=gte.${from}&position=lte.${from + 49}&order=position`, { token: user.token });
      ledger.record('read paragraphs', r, [200]);
      return;
    }
    const p = pick(mine);
    const text = `${user.tag} save ${++seq}`;
    const status = Math.random() < 0.4 ? 'translated' : 'draft';
    const r = await call(ws.target, 'POST', '/rest/v1/rpc/save_translation', {
      token: user.token,
      body: { p_paragraph_id: p.id, p_expected_version: known.get(p.id) ?? 0, p_body: doc(text), p_text: text, p_status: status },
    });
    const outcome = ledger.record('save translation', r, [200]);
    if (outcome === 'ok') {
      const row = r.body as TranslationRow;
      ledger.ackTranslation(row);
      known.set(p.id, row.version);
    } else if (outcome === 'conflict') {
      // Someone else (a reviewer, or this save's own earlier attempt) moved it on: save again on top.
      const row = currentRow<TranslationRow>(r.body);
      if (row) known.set(p.id, row.version);
    } else if (outcome === 'in-doubt') {
      ledger.translationInDoubt(p.translationId, { text });
    }
  };
}

function researcher(ws: Workspace, ledger: Ledger, user: SimUser): Step {
  const mine = new Map<string, { version: number; status: string }>();
  let seq = 0;
  return async () => {
    const roll = Math.random();
    if (roll < 0.12) {
      const r = await call(ws.target, 'GET', `/rest/v1/annotations?select=${ANNOTATION_COLUMNS},paragraphs!inner(document_id)&paragraphs.document_id=eq.${ws.documentId}&order=created_at,id&limit=200`, { token: user.token });
      ledger.record('read notes', r, [200]);
      return;
    }
    const editable = [...mine].filter(([, a]) => a.status !== 'submitted');
    if (editable.length === 0 || roll < 0.35) {
      const text = `${user.tag} note ${++seq}`;
      const r = await call(ws.target, 'POST', `/rest/v1/annotations?select=${ANNOTATION_COLUMNS}`, {
        token: user.token,
        prefer: 'return=representation',
        body: { paragraph_id: pick(ws.paragraphs).id, target: 'source', body: doc(text), body_text: text, kind: 'note', tags: ['load'], status: 'draft' },
      });
      const outcome = ledger.record('create note', r, [201]);
      if (outcome === 'ok') {
        const row = (r.body as AnnotationRow[])[0]!;
        ledger.ackAnnotation(row);
        mine.set(row.id, { version: row.version, status: row.status });
      } else if (outcome === 'in-doubt') {
        ledger.insertsInDoubt.add(text);
      }
      return;
    }
    const [id, note] = pick(editable);
    const submit = note.status === 'draft' && Math.random() < 0.5;
    const text = `${user.tag} note edit ${++seq}`;
    const patch = submit ? { status: 'submitted' } : { body: doc(text), body_text: text, status: 'draft' };
    const r = await call(ws.target, 'POST', '/rest/v1/rpc/save_annotation', { token: user.token, body: { p_id: id, p_expected_version: note.version, p_patch: patch } });
    const outcome = ledger.record(submit ? 'submit note' : 'edit note', r, [200]);
    if (outcome === 'ok') {
      const row = r.body as AnnotationRow;
      ledger.ackAnnotation(row);
      mine.set(id, { version: row.version, status: row.status });
    } else if (outcome === 'conflict') {
      const row = currentRow<AnnotationRow>(r.body);
      if (row) mine.set(id, { version: row.version, status: row.status });
    } else if (outcome === 'in-doubt') {
      ledger.annotationInDoubt(id);
    }
  };
}

function reviewer(ws: Workspace, ledger: Ledger, user: SimUser): Step {
  const context = 'paragraphs!inner(id,position,kind,text,document_id,documents!inner(id,title,project_id)';
  return async () => {
    const [notes, rows] = await Promise.all([
      call(ws.target, 'GET', `/rest/v1/annotations?select=${ANNOTATION_COLUMNS},${context},translations(text,body))&status=eq.submitted&order=updated_at&limit=100`, { token: user.token }),
      call(ws.target, 'GET', `/rest/v1/translations?select=${TRANSLATION_COLUMNS},${context})&status=eq.translated&order=updated_at&limit=100`, { token: user.token }),
    ]);
    ledger.record('read review queue', notes, [200]);
    ledger.record('read review queue', rows, [200]);
    const items = [
      ...(notes.status === 200 ? (notes.body as AnnotationRow[]).map((a) => ({ kind: 'annotation' as const, id: a.id, version: a.version })) : []),
      ...(rows.status === 200 ? (rows.body as TranslationRow[]).map((t) => ({ kind: 'translation' as const, id: t.id, version: t.version })) : []),
    ];
    if (items.length === 0) return;
    const item = pick(items);
    const decision = Math.random() < 0.7 ? 'approved' : 'rejected';
    const comment = decision === 'rejected' ? `${user.tag}: please revise` : null;
    const r =
      item.kind === 'annotation'
        ? await call(ws.target, 'POST', '/rest/v1/rpc/review_annotation', { token: user.token, body: { p_annotation_id: item.id, p_decision: decision, p_comment: comment, p_version: item.version } })
        : await call(ws.target, 'POST', '/rest/v1/rpc/review_translation', { token: user.token, body: { p_translation_id: item.id, p_decision: decision, p_comment: comment, p_version: item.version } });
    const outcome = ledger.record(`review ${item.kind}`, r, [200]);
    if (outcome === 'ok') {
      ledger.reviews.add(`${item.kind}:${item.id}:${item.version}:${decision}`);
      if (item.kind === 'annotation') ledger.ackAnnotation(r.body as AnnotationRow);
      else ledger.ackTranslation(r.body as TranslationRow);
    } else if (outcome === 'in-doubt') {
      if (item.kind === 'annotation') ledger.annotationInDoubt(item.id);
      else ledger.translationInDoubt(item.id, 'review');
    }
  };
}

export interface RunningWorkload {
  /** Settles when every user has stopped (after `durationMs`, or after `stop()`). */
  finished: Promise<void>;
  /** Stops every user after its current request and waits for them. */
  stop(): Promise<void>;
}

/** Starts every user of the workspace; each loops until `stop()` or `durationMs` has passed. */
export function startWorkload(ws: Workspace, ledger: Ledger, options: WorkloadOptions & { durationMs?: number }): RunningWorkload {
  const translators = ws.users.filter((u) => u.role === 'translator');
  let stopped = false;
  const deadline = options.durationMs === undefined ? Infinity : Date.now() + options.durationMs;
  const loops = ws.users.map(async (user) => {
    let step: Step;
    if (user.role === 'translator') {
      // Each translator has paragraphs of their own, as in a real document split among a team.
      const k = translators.indexOf(user);
      step = translator(ws, ledger, user, ws.paragraphs.filter((_, i) => i % translators.length === k));
    } else if (user.role === 'researcher') step = researcher(ws, ledger, user);
    else step = reviewer(ws, ledger, user);
    // Users do not all start in the same millisecond.
    await sleep(Math.random() * options.thinkMs);
    while (!stopped && Date.now() < deadline) {
      const before = ledger.unsent + ledger.inDoubt;
      await step();
      const failed = ledger.unsent + ledger.inDoubt > before;
      await sleep(failed ? (options.backoffMs ?? 100) : Math.random() * 2 * options.thinkMs);
    }
  });
  const all = Promise.all(loops).then(() => undefined);
  return {
    finished: all,
    async stop() {
      stopped = true;
      await all;
    },
  };
}

// ─── audit ─────────────────────────────────────────────────────────────────────────────────────

export interface AuditReport {
  acknowledged: number;
  checkedTranslations: number;
  checkedRevisions: number;
  checkedAnnotations: number;
  checkedReviews: number;
  /** Acknowledged writes missing or different in the database. */
  lost: string[];
  /** Rows in the database that no acknowledged or in-doubt request accounts for. */
  unexplained: string[];
}

async function readAll<T>(target: ApiTarget, path: string): Promise<T[]> {
  const out: T[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await must<T[]>(`audit ${path}`, call(service(target), 'GET', `${path}&limit=1000&offset=${offset}`, { token: target.serviceRoleKey, timeoutMs: 60_000 }));
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

/** Compares the database with the ledger. Run it after the workload has stopped. */
export async function audit(ws: Workspace, ledger: Ledger): Promise<AuditReport> {
  const t = ws.target;
  const lost: string[] = [];
  const unexplained: string[] = [];
  const ids = ws.paragraphs.map((p) => p.translationId);
  const inList = (xs: string[]) => `in.(${xs.join(',')})`;

  // Translations: the acknowledged versions are there as revisions with the same text and status;
  // versions run 1..current with no gap; a version nobody acknowledged needs an in-doubt request.
  const current = new Map<string, TranslationRow>();
  const revisions = new Map<string, Map<number, { text: string; status: string }>>();
  for (let i = 0; i < ids.length; i += 100) {
    const chunk = ids.slice(i, i + 100);
    for (const row of await readAll<TranslationRow>(t, `/rest/v1/translations?select=id,paragraph_id,text,status,version&id=${inList(chunk)}&order=id`)) current.set(row.id, row);
    for (const r of await readAll<{ translation_id: string; version: number; text: string; status: string }>(
      t,
      `/rest/v1/translation_revisions?select=translation_id,version,text,status&translation_id=${inList(chunk)}&order=translation_id,version`,
    )) {
      let m = revisions.get(r.translation_id);
      if (!m) revisions.set(r.translation_id, (m = new Map()));
      m.set(r.version, { text: r.text, status: r.status });
    }
  }
  let checkedRevisions = 0;
  for (const id of ids) {
    const row = current.get(id);
    if (!row) {
      lost.push(`translation ${id} is gone`);
      continue;
    }
    const revs = revisions.get(id) ?? new Map();
    const acked = ledger.translations.get(id) ?? new Map();
    for (const [version, want] of acked) {
      checkedRevisions++;
      const got = revs.get(version);
      if (!got) lost.push(`translation ${id} version ${version} ("${want.text}", ${want.status}) has no revision`);
      else if (got.text !== want.text || got.status !== want.status) {
        lost.push(`translation ${id} version ${version}: acknowledged "${want.text}" ${want.status}, stored "${got.text}" ${got.status}`);
      }
    }
    for (let v = 1; v <= row.version; v++) if (!revs.has(v)) lost.push(`translation ${id}: no revision ${v} below the current version ${row.version}`);
    const last = revs.get(row.version);
    if (row.version > 0 && last && (last.text !== row.text || last.status !== row.status)) {
      lost.push(`translation ${id}: current row differs from its revision ${row.version}`);
    }
    const doubt = ledger.translationsInDoubt.get(id);
    for (const [version, got] of revs) {
      if (acked.has(version)) continue;
      const bySave = doubt?.texts.has(got.text) ?? false;
      const byReview = (doubt?.reviews ?? 0) > 0 && revs.get(version - 1)?.text === got.text;
      if (!bySave && !byReview) unexplained.push(`translation ${id} version ${version} ("${got.text}", ${got.status}) was never acknowledged`);
    }
  }

  // Notes: each acknowledged one is there, at its last acknowledged version and state unless a
  // later change is in doubt; the users' notes nobody acknowledged need an in-doubt insert.
  const authors = ws.users.filter((u) => u.role === 'researcher').map((u) => u.id);
  const notes = new Map<string, AnnotationRow>();
  if (authors.length) {
    for (const a of await readAll<AnnotationRow>(t, `/rest/v1/annotations?select=id,author_id,body_text,status,version&author_id=${inList(authors)}&order=id`)) notes.set(a.id, a);
  }
  for (const [id, want] of ledger.annotations) {
    const got = notes.get(id);
    if (!got) {
      lost.push(`note ${id} ("${want.bodyText}") is gone`);
      continue;
    }
    const doubt = ledger.annotationsInDoubt.get(id) ?? 0;
    if (got.version < want.version) lost.push(`note ${id}: acknowledged version ${want.version}, stored ${got.version}`);
    else if (doubt === 0 && (got.version !== want.version || got.body_text !== want.bodyText || got.status !== want.status)) {
      const seen = `v${got.version} "${got.body_text}" ${got.status}`;
      (got.version > want.version ? unexplained : lost).push(`note ${id}: acknowledged v${want.version} "${want.bodyText}" ${want.status}, stored ${seen}`);
    }
  }
  for (const [id, got] of notes) {
    if (!ledger.annotations.has(id) && !ledger.insertsInDoubt.has(got.body_text ?? '')) unexplained.push(`note ${id} ("${got.body_text}") was never acknowledged`);
  }

  // Review decisions: every acknowledged one is logged; a logged one nobody acknowledged needs an
  // in-doubt review of the same item.
  const reviewers = ws.users.filter((u) => u.role === 'reviewer').map((u) => u.id);
  const logged = new Set<string>();
  if (reviewers.length) {
    for (const e of await readAll<{ annotation_id: string | null; translation_id: string | null; version: number; decision: string }>(
      t,
      `/rest/v1/review_events?select=annotation_id,translation_id,version,decision&reviewer_id=${inList(reviewers)}&order=id`,
    )) {
      const key = e.annotation_id ? `annotation:${e.annotation_id}:${e.version}:${e.decision}` : `translation:${e.translation_id}:${e.version}:${e.decision}`;
      logged.add(key);
      if (!ledger.reviews.has(key)) {
        const id = (e.annotation_id ?? e.translation_id)!;
        const doubt = e.annotation_id ? (ledger.annotationsInDoubt.get(id) ?? 0) : (ledger.translationsInDoubt.get(id)?.reviews ?? 0);
        if (doubt === 0) unexplained.push(`review ${key} was never acknowledged`);
      }
    }
  }
  for (const key of ledger.reviews) if (!logged.has(key)) lost.push(`review ${key} is not in review_events`);

  return {
    acknowledged: ledger.acknowledged,
    checkedTranslations: ids.length,
    checkedRevisions,
    checkedAnnotations: ledger.annotations.size,
    checkedReviews: ledger.reviews.size,
    lost,
    unexplained,
  };
}
