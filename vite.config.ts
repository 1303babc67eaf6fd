// One config, one mode per output:
//   (default)          the ESM library: dist/index.js (SDK), dist/elements.js and dist/react.js
//   --mode embed       the script tag's loader, dist/cxkit.js
//   --mode core        the core it loads at idle (SDK, outbox, validation), dist/cxkit-core.js
//   --mode prompts     its lazily loaded prompt UI, dist/cxkit-prompts.js
//   --mode touchpoints its touchpoint engine, loaded for a config that has touchpoints, dist/cxkit-touchpoints.js
//   --mode outbox      its outbox, loaded as the client starts, once the touchpoints have looked at the page (after a
//                      prompt they show then has painted), or at once for an answer, dist/cxkit-outbox.js
//   --mode delivery    its delivery, loaded once the outbox holds something to send, dist/cxkit-delivery.js
//   --mode csat, ces   the prompt kinds the prompt UI does not carry, dist/cxkit-csat.js and dist/cxkit-ces.js
//   --mode locale-fr … the languages but English, which it does not carry, dist/cxkit-locale-fr.js … (all of them:
//                      scripts/build-locales.js)
//   --mode collector   the Node reference collector, dist/collector/
//   --mode dashboard   the collector's dashboard page, dist/dashboard/
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import { defineConfig, parseAst, type Plugin, type UserConfig } from 'vite';
import { minifyCssTemplates, minifyTemplatePieces } from './scripts/minify-templates.js';
import { connectAdditionKey, promptKitExports, type PromptKit } from './src/embed/prompt-bundle.js';
import { builtInLocales, type BuiltInLocale } from './src/locales/built-in-locales.js';
import type { PromptKind } from './src/schema/response.js';

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
    // no line moves, so zod's source map stays true (`map: null` keeps it; only a rewritten loop head's columns shift)
    return { code: code.replace(/for \(const (\w+) in ([^)]+)\) \{/g, 'for (const $1 of Object.keys($2)) {'), map: null };
  },
};

/**
 * idb's async iterators over cursors (`for await (const cursor of store)`), which cxkit does not use, install
 * themselves when idb is evaluated, so that no bundler can leave them out: the script tag's files do. The build fails
 * if an idb update moves them, rather than ship them again unnoticed; no line moves, for idb's source map.
 */
const idbWithoutAsyncIterators: Plugin = {
  name: 'cxkit:idb-without-async-iterators',
  transform(code, id) {
    if (!/[\\/]node_modules[\\/]idb[\\/]build[\\/]index\.js$/.test(id)) return null;
    const start = code.indexOf('const advanceMethodProps');
    const end = code.indexOf('export {');
    const iterators = code.slice(start, end);
    if (start < 0 || end < start || !iterators.includes('Symbol.asyncIterator') || iterators.includes('function openDB')) {
      throw new Error(`${id}: idb's async iterators are not where the build looks for them`);
    }
    return { code: code.slice(0, start) + '\n'.repeat(iterators.split('\n').length - 1) + code.slice(end), map: null };
  },
};

/** The text pieces of every html`` and svg`` template in a module (JavaScript by then), with where each one sits. */
function htmlTemplatePieces(code: string): Array<Array<{ start: number; end: number; raw: string }>> {
  const found: Array<Array<{ start: number; end: number; raw: string }>> = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as {
      type?: string;
      tag?: { type?: string; name?: string };
      quasi?: { quasis: Array<{ start: number; end: number; value: { raw: string } }> };
    };
    if (
      n.type === 'TaggedTemplateExpression' &&
      n.tag?.type === 'Identifier' &&
      (n.tag.name === 'html' || n.tag.name === 'svg') &&
      n.quasi
    ) {
      found.push(n.quasi.quasis.map((q) => ({ start: q.start, end: q.end, raw: q.value.raw })));
    }
    for (const value of Object.values(node)) if (value && typeof value === 'object') visit(value);
  };
  visit(parseAst(code));
  return found;
}

/**
 * The elements' templates without the comments and the whitespace their source is laid out with: every page that shows
 * a prompt carries and parses them, and clones the html`` ones into each prompt. Runs after TypeScript is stripped, for
 * the script tag's files only: the library ships source maps, which this edit would skew, and apps minify it themselves.
 */
const minifiedElementTemplates: Plugin = {
  name: 'cxkit:minified-element-templates',
  transform(code, id) {
    if (!/[\\/]src[\\/]elements[\\/].*\.ts$/.test(id)) return null;
    const css = minifyCssTemplates(code);
    const edits = htmlTemplatePieces(css).flatMap((pieces) => {
      const minified = minifyTemplatePieces(pieces.map((piece) => piece.raw));
      return pieces.map((piece, index) => {
        // the parser's offsets must point at the template's own text, or the edit would land elsewhere
        if (css.slice(piece.start, piece.end) !== piece.raw) throw new Error(`${id}: a template's text is not where the parser put it`);
        return { ...piece, text: minified[index] ?? piece.raw };
      });
    });
    return edits.sort((a, b) => b.start - a.start).reduce((out, edit) => out.slice(0, edit.start) + edit.text + out.slice(edit.end), css);
  },
};

/**
 * V8's explicit compile hint (Chrome 136+; other engines read a comment): a file whose functions nearly all run as soon
 * as it arrives is compiled whole, off the main thread while it streams in, instead of function by function on the main
 * thread as each is first called. Must be the file's first line. The prompt UI and the kind files run nearly all of
 * theirs to render; the core runs most of its own to start (config, client, outbox, first flush), and with the hint a
 * page spends 7–12% less main-thread time on cxkit while it loads (session 11: 12 and 14 interleaved loads at 4×).
 */
const eagerCompileHint = '//# allFunctionsCalledOnLoad';

/**
 * terser's compressor after the bundler's minifier (oxc), over the script tag's files: each finds what the other
 * leaves, and together they ship fewer bytes than either alone (session 18: one NPS prompt by `show()` 30,000 → 29,796
 * B gzip; terser alone about as many as oxc alone). The names stay oxc's; property reads stay, since a getter may do
 * something (`pure_getters: false`); the compile hint stays the file's first line.
 */
const compressedAgain: Plugin = {
  name: 'cxkit:compressed-again',
  async generateBundle(_, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type !== 'chunk') continue;
      const hint = chunk.code.startsWith(eagerCompileHint) ? `${eagerCompileHint}\n` : '';
      const { code } = await minify(chunk.code.slice(hint.length), {
        ecma: 2022,
        compress: { passes: 2, pure_getters: false },
        mangle: false,
      });
      if (code === undefined) throw new Error(`${chunk.fileName}: terser returned no code`);
      chunk.code = hint + code;
    }
  },
};

/**
 * The script tag's classic scripts: one self-contained IIFE each (no module loading, no CORS, works with async and
 * defer); `extra` adds plugins, and wraps the file in a banner and a footer.
 */
const classicScript = (
  input: string,
  file: string,
  extra: { plugins?: Plugin[]; wrap?: { banner: string; footer: string }; eager?: boolean; pureReads?: true } = {},
): UserConfig => ({
  plugins: [...(extra.plugins ?? []), ownKeysOnlyInZod, idbWithoutAsyncIterators, minifiedElementTemplates, compressedAgain],
  build: {
    emptyOutDir: false,
    target: 'es2022',
    rolldownOptions: {
      input,
      ...(extra.pureReads ? { treeshake: { propertyReadSideEffects: false } } : {}),
      output: {
        // a file wrapped in a banner of its own is a function's body already: no second wrapper
        format: extra.wrap ? 'es' : 'iife',
        entryFileNames: file,
        banner: extra.wrap?.banner ?? '',
        footer: extra.wrap?.footer ?? '',
        // after minification, which drops comments
        postBanner: extra.eager ? eagerCompileHint : '',
      },
    },
  },
});

/** The modules a kind's file takes from the prompt UI (`promptKitExports` in src/embed/prompt-bundle.ts). */
const kitModules: Array<{ module: RegExp; kit: keyof PromptKit }> = [
  { module: /[\\/]node_modules[\\/]lit[\\/]index\.js$/, kit: 'lit' },
  { module: /[\\/]src[\\/]elements[\\/]prompt-element\.ts$/, kit: 'promptElement' },
  { module: /[\\/]src[\\/]locales[\\/]registry\.ts$/, kit: 'registry' },
];
const kitPrefix = '\0cxkit-kit:';

/**
 * Imports of those modules become the prompt UI's own (`__kit`, see `kindFile`): a name the prompt UI does not lend
 * is a missing export, which fails the build.
 */
const promptKitFromPromptUi: Plugin = {
  name: 'cxkit:prompt-kit-from-prompt-ui',
  enforce: 'pre',
  async resolveId(source, importer, options) {
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    const kit = resolved && kitModules.find(({ module }) => module.test(resolved.id))?.kit;
    return kit ? kitPrefix + kit : null;
  },
  load(id) {
    if (!id.startsWith(kitPrefix)) return null;
    const kit = id.slice(kitPrefix.length) as keyof PromptKit;
    return promptKitExports[kit].map((name) => `export const ${name} = __kit.${kit}.${name};`).join('\n');
  },
};

/**
 * A file the prompt UI runs once it has it, a prompt kind's (dist/cxkit-csat.js …) or a language's
 * (dist/cxkit-locale-fr.js …): a classic script that hands the core a function, which the prompt UI calls with its own
 * Lit, prompt element and languages (`__kit`), so that the file carries its own code alone and may arrive before the
 * prompt UI or after it.
 */
const additionFile = (input: string, file: string, extra: { plugins?: Plugin[]; eager?: true } = {}): UserConfig =>
  classicScript(input, file, {
    ...extra,
    plugins: [promptKitFromPromptUi, ...(extra.plugins ?? [])],
    // the names of the prompt UI's a file does not use are left out: reading them from `__kit` has no effect
    pureReads: true,
    wrap: {
      banner: `(function(){try{var c=self.cxkit&&self.cxkit.${connectAdditionKey};if(!c)return console.error("cxkit: ${file} is loaded by cxkit.js; load cxkit.js instead");c(function(__kit){`,
      footer: `})}catch(e){console.error(e)}})();`,
    },
  });

/** A prompt kind the prompt UI does not carry: its element. */
const kindFile = (kind: PromptKind): UserConfig => additionFile(`src/embed-${kind}.ts`, `cxkit-${kind}.js`, { eager: true });

/** A language other than English, which the prompt UI carries: its strings, added to the prompt UI's. */
const localeFile = (locale: BuiltInLocale): UserConfig => {
  const entry = `cxkit-locale-${locale}-entry`;
  return additionFile(entry, `cxkit-locale-${locale}.js`, {
    plugins: [
      {
        name: 'cxkit:locale-entry',
        enforce: 'pre',
        resolveId: (id) => (id === entry ? `\0${entry}` : null),
        load: (id) =>
          id === `\0${entry}`
            ? `import { ${locale} } from '${root}src/locales/languages/${locale}.ts';
               import { addTranslations } from '${root}src/locales/registry.ts';
               addTranslations({ ${locale} });`
            : null,
      },
    ],
  });
};

const modes: Record<string, UserConfig> = {
  embed: classicScript('src/embed.ts', 'cxkit.js', { eager: true }),
  core: classicScript('src/embed-core.ts', 'cxkit-core.js', { eager: true }),
  prompts: classicScript('src/embed-prompts.ts', 'cxkit-prompts.js', { eager: true }),
  touchpoints: classicScript('src/embed-touchpoints.ts', 'cxkit-touchpoints.js'),
  outbox: classicScript('src/embed-outbox.ts', 'cxkit-outbox.js', { eager: true }),
  delivery: classicScript('src/embed-delivery.ts', 'cxkit-delivery.js', { eager: true }),
  csat: kindFile('csat'),
  ces: kindFile('ces'),
  ...Object.fromEntries(builtInLocales.slice(1).map((locale) => [`locale-${locale}`, localeFile(locale)])),
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
      plugins: [ownKeysOnlyInZod],
      build: {
        target: 'es2022',
        sourcemap: true,
        lib: { entry: { index: 'src/index.ts', elements: 'src/elements.ts', react: 'src/react.ts' }, formats: ['es'] },
        rolldownOptions: { external: [/^lit($|\/)/, /^idb($|\/)/, /^@lit\/react($|\/)/, /^react($|\/)/] },
      },
    },
);
