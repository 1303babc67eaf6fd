// The build ships the elements' templates minified (scripts/minify-templates.js): the browser must read the very same
// CSS rules from them, and build the same DOM less the whitespace-only text nodes.
import { expect } from '@esm-bundle/chai';
import type { CSSResult } from 'lit';
import { minifyCss, minifyTemplatePieces } from '../../scripts/minify-templates.js';
import { csatStyles } from '../../src/elements/csat/csat.styles.js';
import { promptStyles } from '../../src/elements/prompt-element.styles.js';

/** Every rule as the browser serialises it, nested rules (media, container, keyframes) included. */
function rulesOf(cssText: string): string[] {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(cssText);
  return [...sheet.cssRules].map((rule) => rule.cssText);
}

describe('minified element CSS', () => {
  for (const [name, styles] of Object.entries({ promptStyles, csatStyles }) as Array<[string, CSSResult]>) {
    it(`${name}: the browser reads the same rules, from fewer bytes`, () => {
      const minified = minifyCss(styles.cssText);
      expect(rulesOf(minified)).to.deep.equal(rulesOf(styles.cssText));
      expect(rulesOf(styles.cssText).length).to.be.greaterThan(3);
      expect(minified.length).to.be.lessThan(styles.cssText.length * 0.85);
    });
  }

  it('keeps the spaces CSS needs: calc() operators, descendant selectors, a space before a pseudo-class', () => {
    const css = `/* note */
      .a   .b , .c :hover {
        inline-size: calc(100vw - 2 * var(--x));
        border: 1px  solid  red ;
      }`;
    expect(minifyCss(css)).to.equal('.a .b,.c :hover{inline-size:calc(100vw - 2 * var(--x));border:1px solid red}');
    expect(rulesOf(minifyCss(css))).to.deep.equal(rulesOf(css));
  });

  it("takes out a selector's spaces around commas and combinators, and one-word attribute values' quotes, not a value's", () => {
    const css = `:host([mode='popover']) .a > .b ,
      .c ~ .d + .e[x='two words'] { x: var(--y, 1px); transition: a 1s, b 2s; color: red !important; }
      @media (forced-colors: active) { .f[aria-checked='true'] * { color: inherit; } }`;
    expect(minifyCss(css)).to.equal(
      ":host([mode=popover]) .a>.b,.c~.d+.e[x='two words']{x:var(--y, 1px);transition:a 1s, b 2s;color:red!important}" +
        '@media (forced-colors:active){.f[aria-checked=true] *{color:inherit}}',
    );
    expect(rulesOf(minifyCss(css))).to.deep.equal(rulesOf(css));
  });

  it("drops a number's leading zero, and only that", () => {
    const css = '.a { margin: 0.5rem 10.5px 0 20.25em; opacity: 0.7; background: rgb(0 0 0 / 0.45); }';
    expect(minifyCss(css)).to.equal('.a{margin:.5rem 10.5px 0 20.25em;opacity:.7;background:rgb(0 0 0 / .45)}');
    expect(rulesOf(minifyCss(css))).to.deep.equal(rulesOf(css));
  });
});

/**
 * What a template's pieces build, with `x` where each expression goes: every element with its attributes, and its text
 * with whitespace runs as one space (or none at all, with `spaces: false`, since a block's edges read as a break).
 */
function domOf(pieces: readonly string[], { spaces }: { spaces: boolean }): string[] {
  const template = document.createElement('template');
  template.innerHTML = pieces.join('x');
  return [...template.content.querySelectorAll('*')].map(
    (el) =>
      `<${el.localName}${[...el.attributes].map((a) => ` ${a.name}="${a.value}"`).join('')}> ${(el.textContent ?? '').replace(/\s+/g, spaces ? ' ' : '').trim()}`,
  );
}

/** Text nodes that hold nothing but whitespace. */
function whitespaceNodes(pieces: readonly string[]): number {
  const template = document.createElement('template');
  template.innerHTML = pieces.join('x');
  const walker = document.createTreeWalker(template.content, NodeFilter.SHOW_TEXT);
  let count = 0;
  while (walker.nextNode()) if ((walker.currentNode.textContent ?? '').trim() === '') count++;
  return count;
}

describe('minified element templates', () => {
  // laid out as the elements' source is: attributes on their own lines, expressions between tags and in text
  const pieces = [
    `<div class="follow-up">
      <label for="comment">`,
    `</label>
      <textarea
        id="comment"
        rows="3"
        placeholder=`,
    `
        ?disabled=`,
    `
      ></textarea>
      <!-- a note for whoever reads the source -->
      <p class="error" role="alert">
        `,
    ` <button type="button" class="retry">`,
    `</button>
      </p>
      <span><b>Low</b> <i>end</i></span>
    </div>`,
  ];

  it('drops line-spanning whitespace between tags, keeps one space inside tags and next to text or an expression', () => {
    expect(minifyTemplatePieces(pieces)).to.deep.equal([
      '<div class="follow-up"><label for="comment">',
      '</label><textarea id="comment" rows="3" placeholder=',
      ' ?disabled=',
      ' ></textarea><p class="error" role="alert"> ',
      ' <button type="button" class="retry">',
      '</button></p><span><b>Low</b> <i>end</i></span></div>',
    ]);
  });

  it('builds the same elements, attributes and text, with fewer whitespace-only text nodes', () => {
    const minified = minifyTemplatePieces(pieces);
    expect(domOf(minified, { spaces: false })).to.deep.equal(domOf(pieces, { spaces: false }));
    // a space between two inline elements on one line stays
    expect(domOf(minified, { spaces: true })).to.include('<span> Low end');
    expect(whitespaceNodes(minified)).to.equal(1); // the one-line space of `</b> <i>`
    expect(whitespaceNodes(pieces)).to.be.greaterThan(6);
  });
});
