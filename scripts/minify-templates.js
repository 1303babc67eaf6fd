// The elements' templates, as Lit's tags hold them, ship to every page that shows a prompt, which parses them (and
// clones the html`` ones into each prompt): the build drops the comments and the whitespace the source is laid out with.
// test/elements/templates-minified.test.ts checks that the browser reads the same CSS rules and builds the same DOM,
// less the whitespace-only text nodes, from the minified templates.

/**
 * Removes comments, the whitespace that means nothing in CSS and a number's leading zero (`.5rem`); in selectors also
 * the spaces around commas and combinators and the quotes of one-word attribute values (`[mode=popover]`). Kept: a
 * space between words (`1px solid`, the descendant combinator, `a - b` in calc()), the space before a colon (`.a
 * :hover` is not `.a:hover`), and in values the space after a comma, which the browser keeps in a value that holds
 * var() (so that it serialises the rule as written). Quoted text would change too: the elements' CSS quotes only
 * attribute values without spaces or numbers.
 * @param {string} css
 */
export function minifyCss(css) {
  return (
    css
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\s+/g, ' ')
      .replace(/ ?([{};]) ?/g, '$1')
      .replace(/ ,/g, ',')
      .replace(/: /g, ':')
      .replace(/;}/g, '}')
      .replace(/([ :(,])0\.(\d)/g, '$1.$2')
      .replace(/ !important/g, '!important')
      // in a rule's selector (or an at-rule's prelude), where the browser spaces them itself: around a comma or a
      // combinator, and the quotes of an attribute value that is one word
      .replace(/(?<=^|[{}])[^{}]+(?=\{)/g, (selector) => selector.replace(/ ?([>,~+]) ?/g, '$1').replace(/='([\w-]+)'/g, '=$1'))
      .trim()
  );
}

/**
 * The bodies of css`` tagged templates in a source file, minified; templates with `${…}` are left alone.
 * @param {string} code
 */
export function minifyCssTemplates(code) {
  return code.replace(/\bcss`([^`$]*)`/g, (_, body) => `css\`${minifyCss(body)}\``);
}

/**
 * One template's text pieces (the parts between its `${…}`), with the whitespace that spans lines taken out: between
 * two tags it goes; anywhere else (inside a tag, next to text or an expression) it becomes one space, which reads the
 * same. Whitespace that stays on one line is kept as written: `</b> <i>` keeps its space. HTML comments go too.
 * @param {string[]} pieces
 * @returns {string[]}
 */
export function minifyTemplatePieces(pieces) {
  let inTag = false;
  return pieces.map((piece) => {
    let out = '';
    let i = 0;
    while (i < piece.length) {
      if (!inTag && piece.startsWith('<!--', i)) {
        const end = piece.indexOf('-->', i);
        if (end === -1) throw new Error(`an HTML comment in a template spans an expression: ${piece.slice(i, i + 40)}`);
        i = end + 3;
        continue;
      }
      const run = /^\s+/.exec(piece.slice(i))?.[0];
      if (run) {
        const prev = out.length ? out[out.length - 1] : null;
        const next = i + run.length < piece.length ? piece[i + run.length] : null;
        if (!run.includes('\n')) out += run;
        else if (inTag) out += ' ';
        else if (prev === '>' && next === '<') out += '';
        else out += ' ';
        i += run.length;
        continue;
      }
      const char = piece[i];
      if (char === '<' && /[A-Za-z/!]/.test(piece[i + 1] ?? '')) inTag = true;
      else if (char === '>') inTag = false;
      out += char;
      i++;
    }
    return out;
  });
}
