// Setup of the "data" test project: the app's data modules run in Node against the local stack
// that the project's global setup started (see vitest.config.ts).
import WebSocket from 'ws';
import { inject } from 'vitest';

// Node 20 has no global WebSocket; realtime-js needs one as soon as the client is created.
globalThis.WebSocket ??= WebSocket as unknown as typeof globalThis.WebSocket;
// data/client.ts reads the API address from the environment, as the built app does.
process.env.VITE_SUPABASE_URL = inject('apiUrl');
