import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './scripts/lib/chromium.ts';

// e2e runs against its own stack (throwaway database, fresh seed) on ports apart from `npm start`.
const API_PORT = Number(process.env.E2E_API_PORT ?? 54331);
const APP_PORT = Number(process.env.E2E_APP_PORT ?? 4183);
// The stack's mail catcher, where specs read the emails the app makes the server send.
const MAIL_PORT = Number(process.env.E2E_MAIL_PORT ?? API_PORT + 1000);

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${APP_PORT}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: CHROMIUM_LAUNCH,
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 900 } } }],
  webServer: {
    command: `npx tsx scripts/start.ts --memory --quiet --api-port ${API_PORT} --app-port ${APP_PORT} --out-dir dist-e2e`,
    url: `http://127.0.0.1:${APP_PORT}`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: { VITE_SUPABASE_URL: `http://127.0.0.1:${API_PORT}`, DATABASE_URL: '', DUIZHAO_MAIL_PORT: String(MAIL_PORT) },
  },
});
