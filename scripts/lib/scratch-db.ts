import pg from 'pg';

/**
 * Suffix for scratch database names (`DUIZHAO_SCRATCH_SUFFIX`), so several checkouts can run their
 * PostgreSQL passes against one server at once.
 */
export function scratchName(name: string): string {
  const suffix = process.env.DUIZHAO_SCRATCH_SUFFIX;
  return suffix ? `${name}_${suffix}` : name;
}

/**
 * Drops and recreates database `name` on the PostgreSQL server of `databaseUrl` and returns
 * the URL of the new, empty database. Tests use it so every pass starts from nothing.
 */
export async function recreateDatabase(databaseUrl: string, base: string): Promise<string> {
  const name = scratchName(base);
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid database name: ${name}`);
  const admin = new URL(databaseUrl);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`drop database if exists "${name}" with (force)`);
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const target = new URL(databaseUrl);
  target.pathname = `/${name}`;
  return target.toString();
}
