import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { appSecurityHeaders } from './scripts/lib/security-headers.ts';
import { translationTablePlugin } from './scripts/lib/translation-table-plugin.ts';

// The Supabase URL the app is built for (src/data/client.ts falls back to the same local URL).
const supabaseUrl = process.env.VITE_SUPABASE_URL || 'http://127.0.0.1:54321';
// Source maps for stack traces, without the source text unless DUIZHAO_SOURCEMAP_SOURCES=true.
const sourcemapOutput = { sourcemapExcludeSources: process.env.DUIZHAO_SOURCEMAP_SOURCES !== 'true' };

// The app build. Vitest's projects live in vitest.config.ts, which extends this file, so that
// `npm start` can build the app from production dependencies alone.
export default defineConfig({
  plugins: [react(), translationTablePlugin()],
  // Vite's dev server injects inline scripts (HMR, React refresh): no Content-Security-Policy there.
  server: { port: 5173, strictPort: false, headers: appSecurityHeaders(supabaseUrl, { contentSecurityPolicy: false }) },
  preview: { port: 4173, headers: appSecurityHeaders(supabaseUrl) },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500, rolldownOptions: { output: sourcemapOutput } },
  worker: { format: 'es', plugins: () => [translationTablePlugin()], rolldownOptions: { output: sourcemapOutput } },
});
