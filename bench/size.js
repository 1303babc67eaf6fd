// Prints the raw and gzip size of each built file, so every build shows what a page pays, and how the script tag's
// core stands against its budget (printed, not enforced: the figure is for people to act on).
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

/** Gzip bytes every page with the script tag pays on its critical path, before anything is asked. */
const budgets = { 'cxkit.js': 4_000 };

const files = readdirSync('dist').filter((f) => f.endsWith('.js'));
for (const file of files) {
  const bytes = readFileSync(`dist/${file}`);
  const gzip = gzipSync(bytes, { level: 9 }).length;
  const budget = budgets[/** @type {keyof typeof budgets} */ (file)];
  const verdict =
    budget === undefined ? '' : `  (budget ${budget} B: ${gzip <= budget ? `${budget - gzip} B to spare` : `OVER by ${gzip - budget} B`})`;
  console.log(`size: dist/${file} ${(bytes.length / 1024).toFixed(1)} KiB, ${(gzip / 1024).toFixed(1)} KiB gzip, ${gzip} B${verdict}`);
}
