import { inject } from 'vitest';
import { createClient, type SupabaseClient } from '@supabase/supabase-js';
import WebSocket from 'ws';
import { DEMO_ANON_KEY, DEMO_JWT_SECRET, DEMO_SERVICE_ROLE_KEY } from '../src/config.ts';

export const apiUrl = (): string => inject('apiUrl');
/** The contract stack's mail catcher (Mailpit-compatible API). */
export const mailUrl = (): string => inject('mailUrl');
/** GoTrue's SITE_URL on the contract stack (supabase/config.toml's [auth] site_url). */
export const siteUrl = (): string => inject('siteUrl');
export const anonKey = DEMO_ANON_KEY;
export const serviceRoleKey = DEMO_SERVICE_ROLE_KEY;
export const jwtSecret = DEMO_JWT_SECRET;

/** A supabase-js client that keeps its session in memory, one per simulated user. */
export function client<T = any>(key: string = anonKey, schema = 'public'): SupabaseClient<T> {
  return createClient<T>(apiUrl(), key, {
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
    db: { schema },
    // Node 20 has no global WebSocket, which realtime-js needs as soon as a client is created.
    realtime: { transport: WebSocket },
  } as never) as SupabaseClient<T>;
}

export const serviceClient = <T = any>(schema = 'public') => client<T>(serviceRoleKey, schema);
