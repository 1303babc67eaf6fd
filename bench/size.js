// Prints the raw and gzip size of each built file, so every build shows what a page pays.
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const files = readdirSync('dist').filter((f) => f.endsWith('.js'));
for (const file of files) {
  const bytes = readFileSync(`dist/${file}`);
  console.log(
    `size: dist/${file} ${(bytes.length / 1024).toFixed(1)} KiB, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} KiB gzip`,
  );
}
