// The whole loop for a dashboard test: the demo server (collector and dashboard) on a fresh SQLite file holding
// exactly the given answers, its days counted in UTC or the given zone, closed and removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoServer } from '../../../demo/serve.js';
import type { Response } from '../../../src/schema/response.js';
import { postInBatches } from '../../support/answers.js';

export async function withDashboard(
  answers: readonly Response[],
  run: (url: string, dataFile: string) => Promise<void>,
  { timeZone }: { timeZone?: string } = {},
): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'cxkit-dashboard-'));
  const dataFile = join(folder, 'dashboard.db');
  const server = await startDemoServer({ port: 0, dataFile, quiet: true, timeZone });
  try {
    await postInBatches(server.url, answers);
    await run(server.url, dataFile);
  } finally {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
