import type { ServerConfig } from '../config.ts';
import type { Database } from '../db/types.ts';
import type { JwtKeys } from '../jwt.ts';

/** A request as the gateway received it, before any service parses it. */
export interface HttpRequest {
  method: string;
  url: URL;
  /** Lower-cased header names; repeated headers joined with ", " as Node does. */
  headers: Record<string, string>;
  body: Buffer;
  /** Path below the service prefix, e.g. `/todos` for `/rest/v1/todos`. */
  path: string;
  remoteAddress: string;
}

export interface ApiResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer | null;
}

export interface ServerContext {
  config: ServerConfig;
  db: Database;
  jwt: JwtKeys;
  /** Hooks run after migrations change the schema (e.g. the REST schema cache reload). */
  onSchemaChange: Set<() => Promise<void> | void>;
}

export type Handler = (req: HttpRequest) => Promise<ApiResponse>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}
