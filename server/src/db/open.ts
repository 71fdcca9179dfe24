import { readFile, readdir, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PgliteDatabase } from './pglite.ts';
import { PostgresDatabase } from './postgres.ts';
import type { Database } from './types.ts';

const BOOTSTRAP = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bootstrap.sql');

export interface OpenOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PGlite extensions beyond pgcrypto, pg_trgm and uuid-ossp (pgTAP for the database tests). */
  extensions?: Record<string, unknown>;
  /** PGlite on disk: flush every commit to disk (default true). */
  durable?: boolean;
}

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if (options.databaseUrl) return new PostgresDatabase(options.databaseUrl);
  if (!options.dataDir.startsWith('memory://')) await mkdir(options.dataDir, { recursive: true });
  return PgliteDatabase.open(options.dataDir, { extensions: options.extensions, durable: options.durable });
}

export interface MigrationFile {
  version: string;
  name: string;
  file: string;
}

const MIGRATION_NAME = /^(\d{14})_(.+)\.sql$/;

export async function listMigrations(dir: string): Promise<MigrationFile[]> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return [];
  }
  return entries
    .filter((f) => f.endsWith('.sql'))
    .map((f) => {
      const m = MIGRATION_NAME.exec(f);
      if (!m) throw new Error(`migration file name must be <14-digit timestamp>_<name>.sql: ${f}`);
      return { version: m[1]!, name: m[2]!, file: path.join(dir, f) };
    })
    .sort((a, b) => a.version.localeCompare(b.version));
}

export interface PrepareResult {
  applied: string[];
  seeded: boolean;
}

/**
 * Brings a database to the state `supabase start` + `supabase db reset` would: Supabase's own
 * objects, every migration not yet recorded (each in its own transaction), and the seed when
 * the database was new.
 */
export async function prepareDatabase(
  db: Database,
  options: { migrationsDir: string; seedFile?: string | undefined; log?: (line: string) => void },
): Promise<PrepareResult> {
  await db.exec(await readFile(BOOTSTRAP, 'utf8'));
  const done = new Set(
    (await db.query<{ version: string }>('select version from supabase_migrations.schema_migrations')).rows.map((r) => r.version),
  );
  const isNew = done.size === 0;
  const applied: string[] = [];
  for (const m of await listMigrations(options.migrationsDir)) {
    if (done.has(m.version)) continue;
    const sql = await readFile(m.file, 'utf8');
    await db.transaction(async (tx) => {
      await tx.exec(sql);
      await tx.query('insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)', [
        m.version,
        m.name,
        [sql],
      ]);
    });
    applied.push(`${m.version}_${m.name}`);
    options.log?.(`applied migration ${m.version}_${m.name}`);
  }
  let seeded = false;
  if (isNew && options.seedFile) {
    let seed: string | undefined;
    try {
      seed = await readFile(options.seedFile, 'utf8');
    } catch {
      seed = undefined;
    }
    if (seed?.trim()) {
      await db.transaction((tx) => tx.exec(seed));
      seeded = true;
      options.log?.('applied seed.sql');
    }
  }
  return { applied, seeded };
}
