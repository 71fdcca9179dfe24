// The one Supabase client of the app. Works unchanged against the local server, `supabase start`
// and hosted Supabase: only VITE_SUPABASE_URL / VITE_SUPABASE_ANON_KEY change.
import { createClient } from '@supabase/supabase-js';
import type { Database } from './database.types.ts';

const LOCAL_URL = 'http://127.0.0.1:54321';
// The Supabase CLI's public demo anon key (signed with the CLI's local JWT secret).
const LOCAL_ANON_KEY =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0';

// Outside Vite (Node scripts and benchmarks loading data modules) there is no import.meta.env.
export const supabaseUrl: string = import.meta.env?.VITE_SUPABASE_URL || LOCAL_URL;
export const supabaseAnonKey: string = import.meta.env?.VITE_SUPABASE_ANON_KEY || LOCAL_ANON_KEY;

export const supabase = createClient<Database>(supabaseUrl, supabaseAnonKey, {
  auth: { persistSession: true, autoRefreshToken: true, detectSessionInUrl: false },
});
