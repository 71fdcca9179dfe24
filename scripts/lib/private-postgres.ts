/**
 * A throwaway PostgreSQL cluster of its own (initdb in a temporary directory, its own port), so a
 * test can restart or crash the server without disturbing anyone else's databases. Needs the
 * PostgreSQL server binaries (Debian's postgresql-15); run as root, the cluster runs as `postgres`.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './ports.ts';

const run = promisify(execFile);

/** The bin directory of the newest installed PostgreSQL (15 preferred), or undefined. */
export function postgresBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')))
    .sort((a, b) => (a === '15' ? -1 : b === '15' ? 1 : Number(b) - Number(a)));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    private readonly dir: string,
    readonly port: number,
  ) {}

  private get dataDir(): string {
    return path.join(this.dir, 'data');
  }

  /** Runs a PostgreSQL tool as the cluster's owner. */
  private async tool(name: string, args: string[]): Promise<string> {
    const file = path.join(this.bin, name);
    const asRoot = process.getuid?.() === 0;
    const { stdout } = await run(asRoot ? 'runuser' : file, asRoot ? ['-u', 'postgres', '--', file, ...args] : args, { cwd: this.dir, maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  }

  static async create(): Promise<PrivatePostgres> {
    const bin = postgresBinDir();
    if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql-15)');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'duizhao-pg-'));
    if (process.getuid?.() === 0) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      await chown(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    const pg = new PrivatePostgres(bin, dir, await freePort());
    await pg.tool('initdb', ['-D', pg.dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync', '--locale=C.UTF-8']);
    await pg.start();
    return pg;
  }

  /** postgres://… for `database` on this cluster (trust authentication, no password). */
  url(database = 'postgres'): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  private options(): string {
    return `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=60`;
  }

  async start(): Promise<void> {
    await this.tool('pg_ctl', ['-D', this.dataDir, '-o', this.options(), '-l', path.join(this.dir, 'server.log'), '-w', '-t', '60', 'start']);
  }

  /** `fast`: a clean shutdown; `immediate`: a crash, recovered from WAL on start. */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.tool('pg_ctl', ['-D', this.dataDir, '-m', mode, '-w', '-t', '60', 'stop']);
  }

  async restart(mode: 'fast' | 'immediate' = 'fast', downMs = 0): Promise<void> {
    await this.stop(mode);
    if (downMs > 0) await new Promise((r) => setTimeout(r, downMs));
    await this.start();
  }

  /** Stops the cluster and deletes its files. */
  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }
}
