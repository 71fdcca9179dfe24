import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, prepareDatabase } from '../db/open.ts';
import type { Database } from '../db/types.ts';
import { NOTIFY_CHANNEL, installCapture, syncCaptureTriggers, takeChanges } from './capture.ts';

let db: Database;
const notifications: string[] = [];

beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://' });
  await prepareDatabase(db, { migrationsDir: '/nonexistent' });
  await installCapture(db);
  await db.exec(`
    create table public.cap_items (id int primary key, body text);
    create table public.cap_other (id int primary key);
    alter publication supabase_realtime add table public.cap_items;`);
  await syncCaptureTriggers(db);
  await db.listen(NOTIFY_CHANNEL, (p) => notifications.push(p));
}, 60_000);

afterAll(async () => {
  await db?.close();
});

describe('change capture', () => {
  it('queues each row change of published tables only, with new and old rows', async () => {
    await db.exec(`insert into public.cap_items values (1, 'a'); update public.cap_items set body = 'b' where id = 1;
                   delete from public.cap_items where id = 1; insert into public.cap_other values (1);`);
    const changes = await takeChanges(db, 100);
    expect(changes.map((c) => [c.action, c.record, c.oldRecord])).toEqual([
      ['INSERT', { id: 1, body: 'a' }, null],
      ['UPDATE', { id: 1, body: 'b' }, { id: 1, body: 'a' }],
      ['DELETE', null, { id: 1, body: 'b' }],
    ]);
    expect(changes[0]!.commitTimestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(await takeChanges(db, 100)).toEqual([]);
  });

  it('notifies once per transaction and hands changes out oldest first across id widths', async () => {
    const before = notifications.length;
    await db.exec(`insert into public.cap_items select g, 'row ' || g from generate_series(10, 1209) g`);
    expect(notifications.length - before).toBe(1);
    const first = await takeChanges(db, 700);
    const second = await takeChanges(db, 700);
    expect([...first, ...second].map((c) => c.record?.id)).toEqual(Array.from({ length: 1200 }, (_, i) => i + 10));
    expect(first).toHaveLength(700);
  });

  it('moves the trigger with the publication', async () => {
    await db.exec('alter publication supabase_realtime drop table public.cap_items; alter publication supabase_realtime add table public.cap_other;');
    await syncCaptureTriggers(db);
    await db.exec('insert into public.cap_items values (5000, null); insert into public.cap_other values (2);');
    const changes = await takeChanges(db, 100);
    expect(changes.map((c) => c.record)).toEqual([{ id: 2 }]);
  });
});
