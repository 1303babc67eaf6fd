// Whole-page tests: real Chromium loading the built dist/cxkit.js from a local server.
import { defineConfig } from '@playwright/test';
import { launchOptions } from './scripts/browser.js';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  fullyParallel: false,
  workers: 1,
  timeout: 30_000,
  reporter: process.env.CI ? 'list' : 'line',
  use: { launchOptions: launchOptions() },
});
