import { expect } from '@esm-bundle/chai';
import { sdkInfo } from '../src/version.js';

describe('sdk version', () => {
  it('matches package.json, so collectors see the version that is really deployed', async () => {
    const pkg = (await (await fetch('/package.json')).json()) as { name: string; version: string };
    expect(sdkInfo).to.deep.equal({ name: pkg.name, version: pkg.version });
  });
});
