// The build ships the elements' CSS minified (scripts/minify-css.js): the browser must read the very same rules from it.
import { expect } from '@esm-bundle/chai';
import type { CSSResult } from 'lit';
import { minifyCss } from '../../scripts/minify-css.js';
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
    expect(minifyCss(css)).to.equal('.a .b, .c :hover{inline-size:calc(100vw - 2 * var(--x));border:1px solid red}');
    expect(rulesOf(minifyCss(css))).to.deep.equal(rulesOf(css));
  });
});
