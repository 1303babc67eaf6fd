import { expect } from '@esm-bundle/chai';
import { createClient } from '../../src/sdk/client/create-client.js';
import { CxValidationError } from '../../src/sdk/errors.js';

function configError(config: unknown): CxValidationError {
  try {
    createClient(config as never).destroy();
  } catch (error) {
    if (error instanceof CxValidationError) return error;
    throw error;
  }
  throw new Error(`config was accepted: ${JSON.stringify(config)}`);
}

describe('client config', () => {
  it('names the missing endpoint', () => {
    expect(configError({}).message).to.equal('cxkit: config.endpoint: expected a string, but it is missing');
  });

  it('refuses an endpoint that is not http(s)', () => {
    expect(configError({ endpoint: 'javascript:alert(1)' }).message).to.equal('cxkit: config.endpoint: expected an http(s) URL');
    expect(configError({ endpoint: 'ftp://example.com/x' }).message).to.equal('cxkit: config.endpoint: expected an http(s) URL');
  });

  it('refuses a batch size of 0', () => {
    expect(configError({ endpoint: '/v1/responses', batch: { maxResponses: 0 } }).message).to.equal(
      'cxkit: config.batch.maxResponses: expected 1 to 50 responses',
    );
  });

  it('names the touchpoint field that is wrong, as the contract shows', () => {
    const error = configError({ endpoint: '/v1/responses', touchpoints: [{ id: 'a', prompt: 'nps', on: { milestone: 'x' }, sample: 2 }] });
    expect(error.message).to.equal('cxkit: config.touchpoints[0].sample: expected a number between 0 and 1');
  });

  it('lists every issue, and names a misspelt option', () => {
    const error = configError({ endpiont: 'https://x.example', flushDelayMs: -1 });
    expect(error.issues.map((i) => i.path)).to.have.members(['config.endpoint', 'config.flushDelayMs', 'config']);
    expect(error.issues.find((i) => i.path === 'config')?.message).to.equal('unknown field "endpiont"');
  });

  it('fills in documented defaults', () => {
    const client = createClient({ endpoint: '/v1/responses' });
    try {
      expect(client.config.batch).to.deep.equal({ maxResponses: 50, maxBytes: 61440 });
      expect(client.config.recontact).to.deep.equal({ afterAnswerDays: 90, afterDismissDays: 14, maxPromptsPerSession: 1 });
      expect(client.config.storage.maxResponses).to.equal(1000);
      expect(client.config.fullPageUrl).to.equal(false);
    } finally {
      client.destroy();
    }
  });
});
