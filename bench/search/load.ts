/**
 * Puts the synthetic corpus in a database for the search benchmarks: users, a project, and the
 * English of the paragraphs the corpus marks translated (drafts, translated and approved rows).
 * Documents come in through `npm run import` (see search.bench.ts) or, for quick runs,
 * `loadDocuments` (the import RPC's own SQL function, without HTTP).
 */
import type { Database } from '../../server/src/db/types.ts';
import { type Corpus, statusOf } from './corpus.ts';


export const BENCH_USERS = {
  owner: { id: 'b0000000-0000-4000-8000-000000000001', email: 'bench-owner@example.com' },
  translator: { id: 'b0000000-0000-4000-8000-000000000002', email: 'bench-translator@example.com' },
  outsider: { id: 'b0000000-0000-4000-8000-000000000003', email: 'bench-outsider@example.com' },
} as const;
export const BENCH_PROJECT = { id: 'b0000000-0000-4000-8000-000000000100', name: 'Bench corpus' } as const;
export const BENCH_OTHER_PROJECT = { id: 'b0000000-0000-4000-8000-000000000101', name: 'Bench other' } as const;
export const BENCH_PASSWORD = 'bench-password';
/** The metadata key (an export header line `编号：N`) that ties a stored document to corpus document N. */
export const CORPUS_KEY = '编号';

/** Users (password BENCH_PASSWORD), the bench project (owner + translator) and a second project of the translator's. */
export async function createBenchProject(db: Database): Promise<void> {
  const users = Object.values(BENCH_USERS);
  await db.transaction(async (tx) => {
    for (const u of users) {
      await tx.query(
        `insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at, raw_app_meta_data,
           raw_user_meta_data, created_at, updated_at, confirmation_token, recovery_token, email_change_token_new, email_change,
           email_change_token_current, phone_change_token, reauthentication_token)
         values ('00000000-0000-0000-0000-000000000000', $1, 'authenticated', 'authenticated', $2,
           extensions.crypt($3, extensions.gen_salt('bf', 4)), now(), '{"provider":"email","providers":["email"]}', '{}',
           now(), now(), '', '', '', '', '', '', '')
         on conflict (id) do nothing`,
        [u.id, u.email, BENCH_PASSWORD],
      );
    }
    for (const p of [BENCH_PROJECT, BENCH_OTHER_PROJECT]) {
      await tx.query('insert into public.projects (id, name, created_by) values ($1, $2, $3) on conflict (id) do nothing', [
        p.id,
        p.name,
        BENCH_USERS.owner.id,
      ]);
    }
    await tx.query(
      `insert into public.project_members (project_id, user_id, role) values ($1, $2, 'translator'), ($3, $2, 'owner')
       on conflict do nothing`,
      [BENCH_PROJECT.id, BENCH_USERS.translator.id, BENCH_OTHER_PROJECT.id],
    );
  });
}

/** Imports documents [from, to) of the corpus through private.import_document, `batch` per transaction. */
export async function loadDocuments(
  db: Database,
  corpus: Corpus,
  range: { from: number; to: number; projectId?: string },
  onProgress?: (done: number) => void,
  batch = 20,
): Promise<void> {
  for (let i = range.from; i < range.to; i += batch) {
    const end = Math.min(range.to, i + batch);
    await db.transaction(async (tx) => {
      for (let d = i; d < end; d++) {
        const doc = corpus.documentAt(d);
        const payload = {
          title: doc.title,
          published_on: doc.published_on,
          keywords: doc.keywords,
          collection: doc.collection,
          metadata: { [CORPUS_KEY]: String(d) },
          paragraphs: doc.paragraphs.map((p, n) => ({ position: n + 1, kind: p.kind, text: p.text })),
        };
        await tx.query('select private.import_document($1, $2::jsonb, $3)', [range.projectId ?? BENCH_PROJECT.id, JSON.stringify(payload), BENCH_USERS.owner.id]);
      }
    });
    onProgress?.(end - range.from);
  }
}

/**
 * Writes the English of the corpus documents [from, to) stored in the project (found by their
 * `编号` metadata), with the corpus's status per paragraph.
 * The translation trigger that guards review is held off for the load (approved rows appear
 * without a review event); everything else (search, memory and progress maintenance) runs.
 */
export async function loadTranslations(
  db: Database,
  corpus: Corpus,
  range: { from: number; to: number; projectId?: string },
  onProgress?: (done: number) => void,
  batch = 20,
): Promise<number> {
  const projectId = range.projectId ?? BENCH_PROJECT.id;
  let written = 0;
  const ids = new Map(
    (await db.query<{ id: string; n: string }>(`select id, metadata ->> '${CORPUS_KEY}' as n from public.documents where project_id = $1`, [projectId])).rows.map(
      (r) => [Number(r.n), r.id],
    ),
  );
  await db.exec('alter table public.translations disable trigger translations_before_write');
  try {
    for (let i = range.from; i < range.to; i += batch) {
      const end = Math.min(range.to, i + batch);
      await db.transaction(async (tx) => {
        for (let d = i; d < end; d++) {
          const documentId = ids.get(d);
          if (!documentId) throw new Error(`corpus document ${d} is not in the project`);
          const doc = corpus.documentAt(d);
          const rows = doc.paragraphs
            .map((p, n) => ({ position: n + 1, text: p.english, status: statusOf(d, n + 1) }))
            .filter((r) => r.status !== 'empty');
          const r = await tx.query(
            `update public.translations t
                set text = x.text, body = private.plain_text_to_doc(x.text), status = x.status, updated_by = $3, version = 1
               from jsonb_to_recordset($2::jsonb) as x (position int, text text, status text), public.paragraphs p
              where p.document_id = $1 and p.position = x.position and t.paragraph_id = p.id`,
            [documentId, JSON.stringify(rows), BENCH_USERS.translator.id],
          );
          written += r.rowCount;
        }
      });
      onProgress?.(end - range.from);
    }
  } finally {
    await db.exec('alter table public.translations enable trigger translations_before_write');
  }
  return written;
}
