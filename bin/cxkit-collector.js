#!/usr/bin/env node
// The collector's command line; the code lives in dist/collector (npm run build).
import { existsSync } from 'node:fs';

const cli = new URL('../dist/collector/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('cxkit-collector: dist/collector is missing; run `npm run build` first');
  process.exit(1);
}
const { main } = await import(cli.href);
await main(process.argv.slice(2));
