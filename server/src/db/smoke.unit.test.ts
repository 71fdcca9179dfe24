import { describe, expect, it } from 'vitest';
import { openDatabase, prepareDatabase } from './open.ts';

describe('prepareDatabase on PGlite', () => {
  it('creates Supabase roles, auth functions and keeps claims transaction-local', async () => {
    const db = await openDatabase({ dataDir: 'memory://' });
    await prepareDatabase(db, { migrationsDir: '/nonexistent' });
    const roles = await db.query<{ rolname: string }>(
      "select rolname from pg_roles where rolname in ('anon','authenticated','service_role','authenticator') order by 1",
    );
    expect(roles.rows.map((r) => r.rolname)).toEqual(['anon', 'authenticated', 'authenticator', 'service_role']);
    const sub = '8d0fd2b3-9ca7-4d9e-a95f-9e13dded323e';
    const inside = await db.transaction(async (tx) => {
      await tx.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [
        JSON.stringify({ sub, role: 'authenticated' }),
      ]);
      return (await tx.query<{ uid: string; role: string; cur: string }>('select auth.uid() as uid, auth.role() as role, current_user as cur')).rows[0];
    });
    expect(inside).toEqual({ uid: sub, role: 'authenticated', cur: 'authenticated' });
    const after = (await db.query<{ uid: string | null; cur: string }>('select auth.uid() as uid, current_user as cur')).rows[0];
    expect(after).toEqual({ uid: null, cur: 'postgres' });
    // bootstrap is idempotent
    await prepareDatabase(db, { migrationsDir: '/nonexistent' });
    await db.close();
  }, 60_000);
});
