import { expect } from '@esm-bundle/chai';
import { besidePromptUi } from '../../src/embed/prompt-bundle.js';
import { scriptLoader } from '../../src/embed/script-loader.js';

/** A script tag as a site writes it, not in the document: only its attributes matter here. */
function tag(attributes: Record<string, string>): HTMLScriptElement {
  const script = document.createElement('script');
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  return script;
}

const coreOf = (attributes: Record<string, string>) => scriptLoader(tag(attributes)).urlOf('core');

describe('where the script tag finds its other files', () => {
  it('beside the tag, named after it', () => {
    expect(coreOf({ src: 'https://cdn.example/cx/cxkit.js' })).to.equal('https://cdn.example/cx/cxkit-core.js');
    expect(scriptLoader(tag({ src: 'https://cdn.example/cx/cxkit.js' })).urlOf('prompts')).to.equal(
      'https://cdn.example/cx/cxkit-prompts.js',
    );
    expect(scriptLoader(tag({ src: 'https://cdn.example/cx/cxkit.js' })).urlOf('touchpoints')).to.equal(
      'https://cdn.example/cx/cxkit-touchpoints.js',
    );
  });

  it('a renamed tag names the files after itself, and its query and fragment stay on them', () => {
    expect(coreOf({ src: 'https://cdn.example/feedback.js?v=3#x' })).to.equal('https://cdn.example/feedback-core.js?v=3#x');
    // a slash in the query is not part of the path
    expect(coreOf({ src: 'https://cdn.example/a/cxkit.js?next=/b/c.js' })).to.equal('https://cdn.example/a/cxkit-core.js?next=/b/c.js');
  });

  it('a tag whose URL names no .js file takes the default names in its folder', () => {
    expect(coreOf({ src: 'https://cdn.example/cx/loader?v=1' })).to.equal('https://cdn.example/cx/cxkit-core.js?v=1');
    expect(coreOf({ src: 'https://cdn.example/cx/' })).to.equal('https://cdn.example/cx/cxkit-core.js');
  });

  it('a relative src is taken from the page, as the browser loads it', () => {
    expect(coreOf({ src: 'vendor/cxkit.js' })).to.equal(new URL('vendor/cxkit-core.js', document.baseURI).href);
  });

  it('a data-*-src attribute names a file wherever it is, relative to the page', () => {
    const named = tag({ src: 'https://cdn.example/cxkit.js', 'data-core-src': '/files/core.js', 'data-prompts-src': 'ui.js' });
    expect(scriptLoader(named).urlOf('core')).to.equal(new URL('/files/core.js', document.baseURI).href);
    expect(scriptLoader(named).urlOf('prompts')).to.equal(new URL('ui.js', document.baseURI).href);
    expect(scriptLoader(named).urlOf('touchpoints')).to.equal('https://cdn.example/cxkit-touchpoints.js');
  });

  it('an inline script with nothing named cannot tell, and says how to name the file', () => {
    expect(() => coreOf({})).to.throw('cxkit: cannot tell where cxkit-core.js is: add data-core-src to the script tag');
  });

  it('without a script tag (a type="module" script, which the browser names no current script for) it cannot tell, and says how to load it', () => {
    expect(() => scriptLoader(null).urlOf('prompts')).to.throw(
      'cxkit: cannot tell where cxkit-prompts.js is: load cxkit.js with a classic <script src> (not type="module")',
    );
  });

  it("a kind's or a language's file sits beside the prompt UI, named after it, its query kept", () => {
    expect(besidePromptUi('https://cdn.example/cx/cxkit-prompts.js', 'csat')).to.equal('https://cdn.example/cx/cxkit-csat.js');
    expect(besidePromptUi('https://cdn.example/my-prompts.js?v=3#x', 'locale-fr')).to.equal('https://cdn.example/my-locale-fr.js?v=3#x');
    expect(besidePromptUi('https://cdn.example/files/ui.js', 'ces')).to.equal('https://cdn.example/files/cxkit-ces.js');
  });
});
