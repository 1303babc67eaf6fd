import { expect } from '@esm-bundle/chai';
import { compileGlob, globProblem } from '../../src/touchpoints/url-glob.js';

// [glob, page path, matches]: the page path as sdk/page.ts's pagePath() gives it
const cases: Array<[string, string, boolean]> = [
  ['/help/*', '/help/returns', true],
  ['/help/*', '/help/returns/', true],
  ['/help/*', '/help/a/b', false],
  ['/help/**', '/help/a/b', true],
  ['/', '/', true],
  // a glob without a hash route ignores the route: the page is the same document
  ['/', '/#/checkout/done', true],
  ['/help/*', '/help/returns#/step/2', true],
  ['/#/checkout/*', '/#/checkout/done', true],
  ['/#/checkout/*', '/#/checkout/done/', true],
  ['/#/checkout/*', '/#/checkout/a/b', false],
  ['/#/checkout/*', '/', false],
  ['/#/checkout/*', '/#/cart', false],
  ['/app#!/orders/**', '/app#!/orders/7/items', true],
  ['/**#/orders', '/shop/index.html#/orders', true],
];

describe('URL rules', () => {
  for (const [glob, path, matches] of cases) {
    it(`${glob} ${matches ? 'matches' : 'does not match'} ${path}`, () => {
      expect(globProblem(glob)).to.equal(null);
      expect(compileGlob(glob).test(path)).to.equal(matches);
    });
  }

  for (const [glob, problem] of [
    ['help/*', /^expected a path glob starting with "\/"/],
    ['/help?q=1', /^expected a path without a query, got "\/help\?q=1"$/],
    ['/help#faq', /^expected a hash route to start with "#\/" or "#!\/" \(e\.g\. "\/#\/checkout\/\*"\), got "\/help#faq"$/],
    ['/#/a#/b', /^expected a hash route to start with "#\/" or "#!\/"/],
    ['/help/***', /^expected "\*" or "\*\*"/],
  ] as const) {
    it(`refuses ${glob}, saying why`, () => expect(globProblem(glob)).to.match(problem));
  }
});
