// Builds the script tag's language files, one classic script per built-in language but English (which the prompt UI
// carries): dist/cxkit-locale-fr.js and so on. The core fetches the one a visitor needs beside the prompt UI, and the file
// hands its strings over through the core (src/embed/locale-bundle.ts).
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const locales = ['es', 'fr', 'de', 'it', 'pt', 'nl', 'ja', 'zh', 'ko', 'ar', 'he'];
const entry = 'cxkit-locale-entry';

for (const locale of locales) {
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    plugins: [
      {
        name: 'cxkit:locale-entry',
        enforce: 'pre',
        resolveId: (id) => (id === entry ? `\0${entry}` : null),
        load: (id) =>
          id === `\0${entry}`
            ? `import { ${locale} } from '/src/locales/${locale}.ts';
               import { connectLocale } from '/src/embed/locale-bundle.ts';
               connectLocale('${locale}', ${locale});`
            : null,
      },
    ],
    build: {
      emptyOutDir: false,
      target: 'es2022',
      rolldownOptions: { input: entry, output: { format: 'iife', entryFileNames: `cxkit-locale-${locale}.js` } },
    },
  });
}
