import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { translationTablePlugin } from './scripts/lib/translation-table-plugin.ts';

// The app build. Vitest's projects live in vitest.config.ts, which extends this file, so that
// `npm start` can build the app from production dependencies alone.
export default defineConfig({
  plugins: [react(), translationTablePlugin()],
  server: { port: 5173, strictPort: false },
  preview: { port: 4173 },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500 },
  worker: { format: 'es', plugins: () => [translationTablePlugin()] },
});
