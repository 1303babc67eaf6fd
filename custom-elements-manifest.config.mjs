// custom-elements.json from the elements' JSDoc (`npm run build` runs it); never edited by hand.
export default {
  globs: ['src/elements/**/*.ts', 'src/define.ts'],
  exclude: ['src/elements/internal/**'],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      name: 'cxkit-tidy',
      packageLinkPhase({ customElementsManifest }) {
        const tags = [];
        for (const mod of customElementsManifest.modules) {
          for (const declaration of mod.declarations ?? []) {
            // dispatchEvent(new CxShowEvent(…)) is found as a nameless event beside the named @fires entry
            if (declaration.events) declaration.events = declaration.events.filter((event) => event.name);
            if (declaration.tagName) tags.push({ tagName: declaration.tagName, name: declaration.name, module: mod.path });
          }
        }
        // define.ts registers in a loop the analyzer cannot follow: list its definitions explicitly
        const define = customElementsManifest.modules.find((mod) => mod.path === 'src/define.ts');
        if (define) {
          define.exports = [
            ...(define.exports ?? []).filter((e) => e.kind !== 'custom-element-definition'),
            ...tags.map((t) => ({ kind: 'custom-element-definition', name: t.tagName, declaration: { name: t.name, module: t.module } })),
          ];
        }
      },
    },
  ],
};
