// `vite build` makes the ESM library (dist/index.js, dist/elements.js); `--mode embed` the script tag's dist/cxkit.js,
// `--mode prompts` its lazily loaded prompt UI dist/cxkit-prompts.js.
import { defineConfig } from 'vite';

/** The script tag's classic scripts: one self-contained IIFE each (no module loading, no CORS, works with async and defer). */
const classicScripts: Record<string, { input: string; file: string }> = {
  embed: { input: 'src/embed.ts', file: 'cxkit.js' },
  prompts: { input: 'src/embed-prompts.ts', file: 'cxkit-prompts.js' },
};

export default defineConfig(({ mode }) => {
  const classic = classicScripts[mode];
  return classic
    ? {
        build: {
          emptyOutDir: false,
          target: 'es2020',
          rolldownOptions: { input: classic.input, output: { format: 'iife', entryFileNames: classic.file } },
        },
      }
    : {
        build: {
          target: 'es2022',
          sourcemap: true,
          lib: { entry: { index: 'src/index.ts', elements: 'src/elements.ts' }, formats: ['es'] },
          rolldownOptions: { external: [/^lit($|\/)/, /^idb($|\/)/, /^zod($|\/)/] },
        },
      };
});
