// `npm run screenshots`: the README's screenshots, taken from the same stack and seed as the e2e
// specs (playwright.config.ts starts it) with the demo users signed in through e2e/fixtures.ts.
import { defineConfig } from '@playwright/test';
import base from './playwright.config.ts';

export default defineConfig({
  ...base,
  testMatch: 'screenshots.shots.ts',
  workers: 1,
  timeout: 180_000,
  reporter: [['list']],
});
