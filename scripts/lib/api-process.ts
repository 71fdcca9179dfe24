/**
 * The API server (`server/main.ts`) as a child process, for suites that must kill it, restart it
 * or keep it apart from the load generator: PGlite in a data directory or a PostgreSQL URL.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ApiProcessOptions {
  /** PostgreSQL connection string; PGlite in `dataDir` when absent. */
  databaseUrl?: string;
  dataDir?: string;
  port?: number;
  env?: NodeJS.ProcessEnv;
  /** Extra node options for the server, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** Receives the server's output lines (default: kept in `log` only). */
  onLine?: (line: string) => void;
}

export class ApiProcess {
  readonly url: string;
  /** The server's recent output, for failure messages. */
  readonly log: string[] = [];
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> = Promise.resolve(null);

  private constructor(
    readonly port: number,
    private readonly options: ApiProcessOptions,
  ) {
    this.url = `http://127.0.0.1:${port}`;
  }

  static async start(options: ApiProcessOptions): Promise<ApiProcess> {
    const api = new ApiProcess(options.port ?? (await freePort()), options);
    await api.start();
    return api;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the server and waits until it answers; the data directory or database is reused. */
  async start(timeoutMs = 120_000): Promise<void> {
    if (this.running) throw new Error('the API process is already running');
    const child = spawn(process.execPath, [...(this.options.nodeArgs ?? []), '--import', 'tsx', path.join(ROOT, 'server', 'main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: this.options.databaseUrl ?? '',
        ...(this.options.dataDir ? { DUIZHAO_DATA_DIR: this.options.dataDir } : {}),
        DUIZHAO_API_PORT: String(this.port),
        DUIZHAO_API_HOST: '127.0.0.1',
        DUIZHAO_API_URL: this.url,
        ...this.options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line) continue;
        this.log.push(line);
        if (this.log.length > 400) this.log.splice(0, this.log.length - 400);
        this.options.onLine?.(line);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);

    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`the API process exited while starting:\n${this.log.slice(-30).join('\n')}`);
      try {
        const res = await fetch(`${this.url}/auth/v1/health`, { signal: AbortSignal.timeout(2000) });
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`the API process did not answer within ${timeoutMs} ms:\n${this.log.slice(-30).join('\n')}`);
  }

  /** SIGKILL: no shutdown, no flush beyond what each commit already did. */
  async kill9(): Promise<void> {
    if (!this.running) return;
    this.child!.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM: the server closes its connections and the database, then exits. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child!.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 30_000);
    await this.exited;
    clearTimeout(timer);
  }
}
