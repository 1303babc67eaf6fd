// The prompts' CSS, as Lit's css`` tags hold it, is shipped to every page that shows a prompt and parsed there: the build
// drops its comments and the whitespace CSS does not need (test/elements/styles-minified.test.ts checks that the
// browser reads the same rules from both).

/**
 * Removes comments and the whitespace that means nothing in CSS. Kept: a space between words (`1px solid`, the
 * descendant combinator, `a - b` in calc()), the space before a colon (`.a :hover` is not `.a:hover`), and the space
 * after a comma, which the browser keeps in a value that holds var() (so that it serialises the rule as written).
 * @param {string} css
 */
export function minifyCss(css) {
  return css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s+/g, ' ')
    .replace(/ ?([{};]) ?/g, '$1')
    .replace(/ ,/g, ',')
    .replace(/: /g, ':')
    .replace(/;}/g, '}')
    .trim();
}

/**
 * The bodies of css`` tagged templates in a source file, minified; templates with `${…}` are left alone.
 * @param {string} code
 */
export function minifyCssTemplates(code) {
  return code.replace(/\bcss`([^`$]*)`/g, (_, body) => `css\`${minifyCss(body)}\``);
}
