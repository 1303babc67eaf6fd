// Builds the script tag's language files, one classic script per built-in language but English (which the prompt UI
// carries): dist/cxkit-locale-fr.js and so on, each a mode of vite.config.ts. In one process, as a command per language
// would start Vite twenty times. The core fetches the one a visitor needs beside the prompt UI.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
/** src/locales/built-in-locales.ts but English; test/e2e/package/manifest.spec.ts holds the two lists in step. */
const locales = ['es', 'fr', 'de', 'it', 'pt', 'nl', 'ja', 'zh', 'ko', 'ar', 'he', 'pl', 'sv', 'da', 'tr', 'ru', 'fi', 'nb', 'cs', 'uk'];

for (const locale of locales) await build({ root, mode: `locale-${locale}`, logLevel: 'warn' });
