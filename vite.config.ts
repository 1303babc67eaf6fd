// Two builds: `vite build` makes the ESM library (dist/index.js); `vite build --mode embed` the classic script dist/cxkit.js.
import { defineConfig } from 'vite';

export default defineConfig(({ mode }) =>
  mode === 'embed'
    ? {
        build: {
          emptyOutDir: false,
          target: 'es2020',
          // one self-contained IIFE: no module loading, no CORS, works with async and defer
          rolldownOptions: {
            input: 'src/embed.ts',
            output: { format: 'iife', entryFileNames: 'cxkit.js' },
          },
        },
      }
    : {
        build: {
          target: 'es2022',
          sourcemap: true,
          lib: { entry: { index: 'src/index.ts', elements: 'src/elements.ts' }, formats: ['es'] },
          rolldownOptions: { external: [/^lit($|\/)/, /^idb($|\/)/, /^zod($|\/)/] },
        },
      },
);
