// Answers PostgreSQL refused are kept aside, not counted (a SQLite file copied from PostgreSQL holds them too): the
// dashboard says how many, so that the team knows its figures lack them and where to read how to bring them back.
import Database from 'better-sqlite3';
import { answersOf } from '../../../support/answers.js';
import { withDashboard } from '../dashboard-server.js';
import { expect, test } from '../../support/fixtures.js';

/** Keeps an answer (or a display) aside in the file's quarantine, as a copy from PostgreSQL brings it. */
function keepAside(file: string, ref: string): void {
  const db = new Database(file);
  try {
    db.prepare('INSERT INTO quarantine (ref, received_at, error, user_id, anonymous_id, body) VALUES (?, ?, ?, ?, ?, ?)').run(
      ref,
      new Date().toISOString(),
      '23514: new row violates check constraint',
      null,
      'anon-1',
      '{}',
    );
  } finally {
    db.close();
  }
}

test('answers the database refused are named under the figures, which do not count them; none, nothing is said', async ({ page }) => {
  await withDashboard(answersOf('checkout', 'nps', 9, 3, Date.now() - 3_600_000), async (url, file) => {
    await page.goto(`${url}dashboard`);
    const note = page.locator('#quarantine');
    await expect(page.locator('#status')).toHaveText('3 answers');
    await expect(note).toBeHidden();

    keepAside(file, 'response:0b7e3b1c-8f7e-4a53-9d51-7c1c0e0b9a01');
    keepAside(file, 'display:0b7e3b1c-8f7e-4a53-9d51-7c1c0e0b9a02');
    await page.reload();
    await expect(note).toHaveText(
      `1 answer the database refused is kept aside and counted in no figure: the deployment guide's "The quarantine" says how to bring it back.`,
    );
    keepAside(file, 'response:0b7e3b1c-8f7e-4a53-9d51-7c1c0e0b9a03');
    await page.reload();
    await expect(note).toHaveText(
      `2 answers the database refused are kept aside and counted in no figure: the deployment guide's "The quarantine" says how to bring them back.`,
    );
    await expect(page.locator('#status')).toHaveText('3 answers');
  });
});
