// Unit and component tests in real headless Chromium, with a scriptable collector stub on the dev server.
import { fileURLToPath } from 'node:url';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { launchOptions } from './scripts/browser.js';
import { createCollectorStub } from './test/support/collector-stub.js';

const stub = createCollectorStub();

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 2,
  testFramework: { config: { timeout: 10000 } },
  browsers: [playwrightLauncher({ launchOptions: launchOptions() })],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: fileURLToPath(new URL('./tsconfig.json', import.meta.url)) })],
  middleware: [
    /** @type {(ctx: any, next: () => Promise<void>) => Promise<void>} */
    async (ctx, next) => {
      if (await stub.handle(ctx.req, ctx.res)) {
        ctx.respond = false;
        return;
      }
      await next();
    },
  ],
};
