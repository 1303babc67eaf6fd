// Whole-page tests in real Chromium against the built dist/ (test/e2e), and the Node collector against real SQLite
// (test/collector), both run by `playwright test`.
import { defineConfig } from '@playwright/test';
import { launchOptions } from './scripts/browser.js';

export default defineConfig({
  fullyParallel: false,
  workers: 1,
  timeout: 30_000,
  reporter: process.env.CI ? 'list' : 'line',
  projects: [
    { name: 'collector', testDir: 'test/collector', testMatch: '**/*.spec.ts' },
    { name: 'browser', testDir: 'test/e2e', testMatch: '**/*.spec.ts', use: { launchOptions: launchOptions() } },
  ],
});
