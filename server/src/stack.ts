import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ConfigOverrides, loadConfig, type ServerConfig } from './config.ts';
import { openDatabase, prepareDatabase } from './db/open.ts';
import type { Database } from './db/types.ts';
import { createApiServer } from './http/server.ts';
import type { ServerContext } from './http/types.ts';
import { JwtKeys } from './jwt.ts';
import { createAuthHandler } from './auth/handler.ts';
import { createRestHandler } from './rest/handler.ts';
import { createRealtime } from './realtime/service.ts';
import { createFunctionsHandler } from './functions/handler.ts';
import { type MailCatcher, startMailCatcher } from './mail/catcher.ts';

export interface RunningStack {
  url: string;
  config: ServerConfig;
  db: Database;
  server: http.Server;
  /** The mail catcher that receives every email the auth service sends. */
  mail: MailCatcher;
  /** Re-reads the catalog after DDL run outside migrations (tests, NOTIFY pgrst). */
  reloadSchema(): Promise<void>;
  stop(): Promise<void>;
}

/** Opens the database, applies Supabase's objects, migrations and seed, and serves the API. */
export async function startStack(overrides: ConfigOverrides = {}, log: (line: string) => void = () => undefined): Promise<RunningStack> {
  const config = loadConfig(overrides);
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, durable: config.durableCommits });
  await prepareDatabase(db, { migrationsDir: config.migrationsDir, seedFile: config.seedFile, log });
  const ctx: ServerContext = { config, db, jwt: new JwtKeys(config.jwtSecret), onSchemaChange: new Set() };
  const reloadSchema = async () => {
    for (const hook of ctx.onSchemaChange) await hook();
  };
  // As PostgREST does after reconnecting: the schema may have changed while the connection was down.
  db.onReconnect(reloadSchema);
  const realtime = await createRealtime(ctx);
  const mail = await startMailCatcher(config.mail, log);
  const server = createApiServer(ctx, {
    auth: await createAuthHandler(ctx, mail),
    rest: await createRestHandler(ctx),
    functions: createFunctionsHandler(ctx),
    realtime: realtime.handle,
    realtimeUpgrade: realtime.upgrade,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host}:${port}`;
  if (config.port === 0) config.siteUrl = url;
  return {
    url,
    config,
    db,
    server,
    mail,
    reloadSchema,
    async stop() {
      await mail.close();
      // WebSockets have left the HTTP server's connection list; close them first.
      await realtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.close();
    },
  };
}
