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
  run: (url: string) => Promise<void>,
  { timeZone }: { timeZone?: string } = {},
): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'cxkit-dashboard-'));
  const server = await startDemoServer({ port: 0, dataFile: join(folder, 'dashboard.db'), quiet: true, timeZone });
  try {
    await postInBatches(server.url, answers);
    await run(server.url);
  } finally {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
