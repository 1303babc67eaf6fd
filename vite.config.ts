// One config, one mode per output:
//   (default)          the ESM library: dist/index.js (SDK), dist/elements.js and dist/react.js
//   --mode embed       the script tag's loader, dist/cxkit.js
//   --mode core        the core it loads at idle (SDK, outbox, validation), dist/cxkit-core.js
//   --mode prompts     its lazily loaded prompt UI, dist/cxkit-prompts.js
//   --mode touchpoints its touchpoint engine, loaded for a config that has touchpoints, dist/cxkit-touchpoints.js
//   --mode collector   the Node reference collector, dist/collector/
//   --mode dashboard   the collector's dashboard page, dist/dashboard/
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { minifyCssTemplates } from './scripts/minify-css.js';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * zod walks its own tables and its input with `for…in`, which also yields keys a page added to Object.prototype: one
 * enumerable `Object.prototype.x` made zod throw while building its schemas, before cxkit could run. In the script
 * files that bundle zod (all of dist/) those loops walk own keys only, as they always meant to.
 */
const ownKeysOnlyInZod: Plugin = {
  name: 'cxkit:zod-own-keys',
  transform(code, id) {
    if (!/[\\/]node_modules[\\/]zod[\\/]/.test(id)) return null;
    return code.replace(/for \(const (\w+) in ([^)]+)\) \{/g, 'for (const $1 of Object.keys($2)) {');
  },
};

/** The elements' css`` templates without comments and spare whitespace: every page that shows a prompt parses them. */
const minifiedElementCss: Plugin = {
  name: 'cxkit:minified-element-css',
  transform(code, id) {
    return /[\\/]src[\\/]elements[\\/].*\.styles\.ts$/.test(id) ? minifyCssTemplates(code) : null;
  },
};

/** The script tag's classic scripts: one self-contained IIFE each (no module loading, no CORS, works with async and defer). */
const classicScript = (input: string, file: string): UserConfig => ({
  plugins: [ownKeysOnlyInZod, minifiedElementCss],
  build: {
    emptyOutDir: false,
    target: 'es2020',
    rolldownOptions: { input, output: { format: 'iife', entryFileNames: file } },
  },
});

const modes: Record<string, UserConfig> = {
  embed: classicScript('src/embed.ts', 'cxkit.js'),
  core: classicScript('src/embed-core.ts', 'cxkit-core.js'),
  prompts: classicScript('src/embed-prompts.ts', 'cxkit-prompts.js'),
  touchpoints: classicScript('src/embed-touchpoints.ts', 'cxkit-touchpoints.js'),
  collector: {
    build: {
      ssr: true,
      outDir: 'dist/collector',
      target: 'node20',
      // chunks beside the entries: the handler finds the dashboard at ../dashboard from its own file
      rolldownOptions: {
        input: { index: 'collector/index.ts', cli: 'collector/cli.ts' },
        output: { format: 'es', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  dashboard: {
    root: `${root}collector/dashboard`,
    base: '/dashboard/',
    build: { outDir: `${root}dist/dashboard`, emptyOutDir: true, target: 'es2022' },
  },
};

export default defineConfig(
  ({ mode }) =>
    modes[mode] ?? {
      // zod is bundled (not a peer) so that the library carries the own-keys fix too: a page's polluted
      // Object.prototype made an external zod throw when dist/index.js was first evaluated
      plugins: [ownKeysOnlyInZod, minifiedElementCss],
      build: {
        target: 'es2022',
        sourcemap: true,
        lib: { entry: { index: 'src/index.ts', elements: 'src/elements.ts', react: 'src/react.ts' }, formats: ['es'] },
        rolldownOptions: { external: [/^lit($|\/)/, /^idb($|\/)/, /^@lit\/react($|\/)/, /^react($|\/)/] },
      },
    },
);
