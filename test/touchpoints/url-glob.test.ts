import { expect } from '@esm-bundle/chai';
import { hashRoute } from '../../src/sdk/page.js';
import { compileUrlRule, globProblem } from '../../src/touchpoints/url-glob.js';

// [glob, the page's URL, matches]
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
  // a glob without a query ignores the page's
  ['/help/*', '/help/returns?utm_source=mail', true],
  // a query names parameters the page must have, in any order, among others
  ['/index.php?route=checkout/success', '/index.php?route=checkout/success', true],
  ['/index.php?route=checkout/success', '/index.php?language=en-gb&route=checkout/success', true],
  ['/index.php?route=checkout/success', '/index.php?route=checkout/cart', false],
  ['/index.php?route=checkout/success', '/index.php', false],
  ['/index.php?route=checkout/success', '/shop/index.php?route=checkout/success', false],
  ['/index.php?route=checkout/*', '/index.php?route=checkout/success/guest', true],
  ['/index.php?route=checkout/*&step=2', '/index.php?step=2&route=checkout/cart', true],
  ['/index.php?route=checkout/*&step=2', '/index.php?route=checkout/cart&step=3', false],
  ['/search?q=*', '/search?q=red+shoes', true],
  ['/search?q=red+shoes', '/search?q=red%20shoes', true],
  ['/search?q', '/search?q=', true],
  ['/search?q=*', '/search?page=2', false],
  ['/?page_id=42', '/?page_id=42', true],
  ['/?page_id=42', '/?page_id=420', false],
  ['/app?tenant=acme#/orders/*', '/app?tenant=acme#/orders/7', true],
  ['/app?tenant=acme#/orders/*', '/app#/orders/7', false],
  ['/app?tenant=acme#/orders/*', '/app?tenant=acme#/cart', false],
];

describe('URL rules', () => {
  for (const [glob, path, matches] of cases) {
    it(`${glob} ${matches ? 'matches' : 'does not match'} ${path}`, () => {
      expect(globProblem(glob)).to.equal(null);
      // the page as the engine sees it: sdk/page.ts's path (with a hash route), and location.search
      const url = new URL(path, 'https://shop.example');
      expect(compileUrlRule(glob)(url.pathname + hashRoute(url.hash), url.search)).to.equal(matches);
    });
  }

  for (const [glob, problem] of [
    ['help/*', /^expected a path glob starting with "\/"/],
    ['/help?', /^expected the query as key=value pairs after "\?" \(e\.g\. "\/index\.php\?route=checkout\/\*"\), got "\/help\?"$/],
    ['/help?=1', /^expected the query as key=value pairs after "\?"/],
    ['/help?a=1&&b=2', /^expected the query as key=value pairs after "\?"/],
    ['/help?a=1&', /^expected the query as key=value pairs after "\?"/],
    [
      '/help#faq',
      /^expected a hash route to start with "#\/" or "#!\/", without a query \(e\.g\. "\/#\/checkout\/\*"\), got "\/help#faq"$/,
    ],
    ['/#/cart?coupon=*', /^expected a hash route to start with "#\/" or "#!\/", without a query/],
    ['/#/a#/b', /^expected a hash route to start with "#\/" or "#!\/"/],
    ['/help/***', /^expected "\*" or "\*\*"/],
  ] as const) {
    it(`refuses ${glob}, saying why`, () => expect(globProblem(glob)).to.match(problem));
  }
});
