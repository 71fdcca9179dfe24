import { readFile } from 'node:fs/promises';
import path from 'node:path';
import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, prepareDatabase } from '../server/src/db/open.ts';
import type { Database } from '../server/src/db/types.ts';
import { DEMO_DOCUMENT_ID, DEMO_PASSWORD, DEMO_PROJECT_ID, DEMO_USERS, SEED_FILE, generateSeed } from './gen-seed.ts';

const MIGRATIONS = path.join(path.dirname(SEED_FILE), 'migrations');

describe('supabase/seed.sql', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
    const result = await prepareDatabase(db, { migrationsDir: MIGRATIONS, seedFile: SEED_FILE });
    expect(result.seeded).toBe(true);
  }, 120_000);

  afterAll(async () => {
    await db.close();
  });

  it('is what scripts/gen-seed.ts generates today', async () => {
    expect(await readFile(SEED_FILE, 'utf8')).toBe(await generateSeed());
  });

  it('creates the four demo accounts with bcrypt hashes GoTrue accepts', async () => {
    const { rows } = await db.query<{ id: string; email: string; encrypted_password: string; confirmed: boolean; identities: number }>(
      `select u.id, u.email, u.encrypted_password, u.email_confirmed_at is not null as confirmed,
              (select count(*)::int from auth.identities i where i.user_id = u.id and i.provider = 'email') as identities
       from auth.users u order by u.email`,
    );
    expect(rows.map((r) => r.email)).toEqual(DEMO_USERS.map((u) => u.email).sort());
    for (const row of rows) {
      expect(row.encrypted_password).toMatch(/^\$2[aby]\$10\$/);
      expect(await bcrypt.compare(DEMO_PASSWORD, row.encrypted_password)).toBe(true);
      expect(await bcrypt.compare('wrong-password', row.encrypted_password)).toBe(false);
      expect(row.confirmed).toBe(true);
      expect(row.identities).toBe(1);
    }
  });

  it('gives each account its role in the Demo project and a profile', async () => {
    const { rows } = await db.query<{ email: string; role: string; display_name: string }>(
      `select u.email, m.role, p.display_name from public.project_members m
       join auth.users u on u.id = m.user_id join public.profiles p on p.id = u.id
       where m.project_id = $1 order by u.email`,
      [DEMO_PROJECT_ID],
    );
    expect(rows).toEqual(
      DEMO_USERS.map((u) => ({ email: u.email, role: u.role, display_name: u.displayName })).sort((a, b) => a.email.localeCompare(b.email)),
    );
  });

  it('imports the sample: 41 body paragraphs, 6 headings, the closing block, 20 keywords, 2014-05-20', async () => {
    const doc = (
      await db.query<{ title: string; published_on: string; keywords: string[]; collection: string; source_line: string }>(
        'select title, published_on, keywords, collection, source_line from public.documents where id = $1',
        [DEMO_DOCUMENT_ID],
      )
    ).rows[0];
    expect(doc).toMatchObject({
      title: '中华人民共和国和哈萨克斯坦共和国联合宣言',
      published_on: '2014-05-20',
      collection: '习近平系列重要讲话数据库',
      source_line: '（新华社上海5月19日电）',
    });
    expect(doc?.keywords).toHaveLength(20);
    const kinds = await db.query<{ kind: string; n: number }>(
      'select kind, count(*)::int as n from public.paragraphs where document_id = $1 group by kind order by kind',
      [DEMO_DOCUMENT_ID],
    );
    expect(Object.fromEntries(kinds.rows.map((r) => [r.kind, r.n]))).toEqual({ body: 41, heading: 6, closing: 6 });
    const closing = await db.query<{ text: string }>(
      "select text from public.paragraphs where document_id = $1 and kind = 'closing' order by position desc limit 2",
      [DEMO_DOCUMENT_ID],
    );
    expect(closing.rows.map((r) => r.text)).toEqual(['（新华社上海5月19日电）', '二〇一四年五月十九日于上海']);
    const translations = await db.query<{ n: number }>(
      `select count(*)::int as n from public.translations t join public.paragraphs p on p.id = t.paragraph_id
       where p.document_id = $1 and t.status = 'empty' and t.version = 0`,
      [DEMO_DOCUMENT_ID],
    );
    expect(translations.rows[0]?.n).toBe(53);
  });
});
