// What the command-line tools share: a service-key Supabase client for the local stack (or
// SUPABASE_URL), one-line errors with an exit code, and finding projects and documents by name.
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import type { Database } from '../../src/data/database.types.ts';

export const LOCAL_URL = 'http://127.0.0.1:54321';
// The Supabase CLI's well-known local service_role key (public, for local development only).
export const LOCAL_SERVICE_ROLE_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImV4cCI6MTk4MzgxMjk5Nn0.EGIM96RAZx35lJzdJsyH-qQwv8Hdp7fsn3W0YpN81IU';

export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

export interface Connection {
  url: string;
  client: SupabaseClient<Database>;
}

/** A service-key client on SUPABASE_URL (or VITE_SUPABASE_URL), defaulting to the local stack. */
export function connect(): Connection {
  const url = process.env.SUPABASE_URL ?? process.env.VITE_SUPABASE_URL ?? LOCAL_URL;
  const key = process.env.SUPABASE_SERVICE_ROLE_KEY ?? LOCAL_SERVICE_ROLE_KEY;
  const client = createClient<Database>(url, key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    // Node 20 has no global WebSocket, which realtime-js needs as soon as a client is created.
    realtime: { transport: WebSocket as never },
  });
  return { url, client };
}

/** A failed request in one line: "cannot reach the server" for a connection error, else the server's words. */
export function describeFailure(url: string, error: { message: string; code?: string; details?: string | null }): string {
  if (/fetch failed|ECONNREFUSED|ENOTFOUND|network/i.test(`${error.message} ${error.details ?? ''}`)) {
    return `cannot reach the server at ${url} (${error.message.replace(/^TypeError: /, '')}); is it running (npm start)?`;
  }
  return error.code ? `${error.message} (${error.code})` : error.message;
}

export async function findProject({ client, url }: Connection, name: string): Promise<string> {
  // The first request: fail at once when the server is down instead of retrying with back-off.
  const { data, error } = await client.from('projects').select('id, name').eq('name', name).limit(2).retry(false);
  if (error) throw new CliError(`looking up project "${name}": ${describeFailure(url, error)}`);
  if (!data || data.length === 0) throw new CliError(`project "${name}" not found on ${url}`);
  if (data.length > 1) throw new CliError(`more than one project is named "${name}"`);
  return (data[0] as { id: string }).id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A document by id or by exact title (within the project when one is named). */
export async function findDocument(connection: Connection, titleOrId: string, projectId?: string): Promise<{ id: string; title: string; project_id: string }> {
  const { client, url } = connection;
  let query = client.from('documents').select('id, title, project_id');
  query = UUID.test(titleOrId) ? query.eq('id', titleOrId) : query.eq('title', titleOrId);
  if (projectId) query = query.eq('project_id', projectId);
  const { data, error } = await query.limit(3).retry(false);
  if (error) throw new CliError(`looking up document "${titleOrId}": ${describeFailure(url, error)}`);
  if (!data || data.length === 0) throw new CliError(`document "${titleOrId}" not found${projectId ? ' in that project' : ''} on ${url}`);
  if (data.length > 1) throw new CliError(`more than one document is titled "${titleOrId}"; give its id or --project`);
  return data[0]!;
}

/** Runs a CLI's main: any error is one line on stderr, prefixed with the tool's name, and a non-zero exit. */
export function runCli(name: string, main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    const cli = error instanceof CliError ? error : new CliError(error instanceof Error ? error.message : String(error));
    console.error(`${name}: ${cli.message.replace(/\s*\n\s*/g, ' ')}`);
    process.exitCode = cli.exitCode;
  });
}
