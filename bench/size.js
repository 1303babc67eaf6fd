// Prints the raw and gzip size of each built file, so every build shows what a page pays, and how the script tag's
// loader and one NPS prompt stand against their budgets (printed, not enforced: the figures are for people to act on).
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { deliveryFile, loaderBudget, npsPromptBudget, outboxFile, touchpointsFile } from './budgets.js';

/** @param {number} gzip @param {number | undefined} budget */
const verdict = (gzip, budget) =>
  budget === undefined ? '' : `  (budget ${budget} B: ${gzip <= budget ? `${budget - gzip} B to spare` : `OVER by ${gzip - budget} B`})`;

/** @type {Record<string, number>} */
const gzipOf = {};
const files = readdirSync('dist').filter((f) => f.endsWith('.js'));
for (const file of files) {
  const bytes = readFileSync(`dist/${file}`);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  gzipOf[file] = gzip;
  const budget = file === loaderBudget.file ? loaderBudget.bytes : undefined;
  console.log(
    `size: dist/${file} ${(bytes.length / 1024).toFixed(1)} KiB, ${(gzip / 1024).toFixed(1)} KiB gzip, ${gzip} B${verdict(gzip, budget)}`,
  );
}
if (npsPromptBudget.files.every((file) => file in gzipOf)) {
  const sum = npsPromptBudget.files.reduce((total, file) => total + (gzipOf[file] ?? 0), 0);
  console.log(`size: one NPS prompt by show() (${npsPromptBudget.files.join(' + ')}) ${sum} B gzip${verdict(sum, npsPromptBudget.bytes)}`);
  const fired = sum + (gzipOf[touchpointsFile] ?? 0);
  console.log(`size: one NPS prompt by a touchpoint (and ${touchpointsFile}) ${fired} B gzip${verdict(fired, npsPromptBudget.bytes)}`);
  console.log(
    `size: and ${outboxFile} + ${deliveryFile} once the prompt has painted and its display is stored: ${sum + (gzipOf[outboxFile] ?? 0) + (gzipOf[deliveryFile] ?? 0)} B gzip in all`,
  );
}
