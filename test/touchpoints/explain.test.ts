import { expect } from '@esm-bundle/chai';
import type { Recontact, Touchpoint } from '../../src/schema/touchpoint.js';
import { MetaStore } from '../../src/sdk/outbox/meta-store.js';
import { TouchpointEngine } from '../../src/touchpoints/engine.js';
import type { Decision } from '../../src/touchpoints/touchpoints.js';
import { VisitorMemory } from '../../src/touchpoints/visitor-memory.js';

const recontact: Recontact = { afterAnswerDays: 90, afterDismissDays: 14, maxPromptsPerSession: 1 };

interface Row {
  readonly rule: string;
  readonly touchpoint: Omit<Touchpoint, 'id' | 'prompt'>;
  /** Puts the visitor in the state the rule is about. */
  readonly given?: (memory: VisitorMemory, id: string) => Promise<unknown>;
  readonly promptOpen?: boolean;
  readonly expected: Partial<Record<keyof Pick<Decision, 'waitingFor' | 'blockedBy'>, RegExp>> & { eligible: boolean };
}

const rows: Row[] = [
  { rule: 'nothing in the way', touchpoint: { on: { milestone: 'm' } }, expected: { eligible: true, waitingFor: /^milestone "m"$/ } },
  {
    rule: 'URL did not match',
    touchpoint: { on: { url: '/nowhere/*' } },
    expected: { eligible: true, waitingFor: /^a URL matching \/nowhere\/\* \(this page is \// },
  },
  {
    rule: 'page views not reached',
    touchpoint: { on: { pageViews: 5 } },
    expected: { eligible: true, waitingFor: /^page view 5 \(this is 0\)$/ },
  },
  {
    rule: 'not scrolled far enough',
    touchpoint: { on: { scrollPercent: 100 } },
    expected: { eligible: true, waitingFor: /^scrolling to 100% \(deepest so far 0%\)$/ },
  },
  { rule: 'exit intent not seen', touchpoint: { on: { exitIntent: true } }, expected: { eligible: true, waitingFor: /^exit intent$/ } },
  {
    rule: 'sampled out',
    touchpoint: { on: { milestone: 'm' }, sample: 0 },
    given: (memory, id) => memory.drawSample(id, 0),
    expected: { eligible: false, waitingFor: /^milestone "m"$/, blockedBy: /^sampled out \(sample 0\)$/ },
  },
  {
    rule: 'cooldown after an answer',
    touchpoint: { on: { milestone: 'm' } },
    given: (memory, id) => memory.answered(id),
    expected: {
      eligible: false,
      waitingFor: /^milestone "m"$/,
      blockedBy: /^answered on \d{4}-\d\d-\d\d: cooldown until \d{4}-\d\d-\d\d$/,
    },
  },
  {
    rule: 'cooldown after a dismissal',
    touchpoint: { on: { milestone: 'm' } },
    given: (memory, id) => memory.dismissed(id),
    expected: {
      eligible: false,
      waitingFor: /^milestone "m"$/,
      blockedBy: /^dismissed on \d{4}-\d\d-\d\d: cooldown until \d{4}-\d\d-\d\d$/,
    },
  },
  {
    rule: 'session cap reached',
    touchpoint: { on: { milestone: 'm' } },
    given: (memory) => memory.shown(),
    expected: { eligible: false, waitingFor: /^milestone "m"$/, blockedBy: /^1 of 1 prompts per session already shown$/ },
  },
  {
    rule: 'another prompt open',
    touchpoint: { on: { milestone: 'm' } },
    promptOpen: true,
    expected: { eligible: false, waitingFor: /^milestone "m"$/, blockedBy: /^another prompt is open$/ },
  },
];

function engineFor(touchpoints: Touchpoint[], promptOpen = false) {
  const records = new MetaStore(`cxkit-test-${crypto.randomUUID()}`, true, () => {});
  const memory = new VisitorMemory(records);
  const shown: string[] = [];
  const engine = new TouchpointEngine(touchpoints, recontact, memory, {
    isOpen: () => promptOpen,
    whenClosed: () => new Promise(() => {}),
    consentBlocker: () => null,
    show: async (touchpoint, onShown) => {
      shown.push(touchpoint.id);
      onShown();
      return null;
    },
  });
  return { engine, memory, shown, records };
}

describe('cx.explain()', () => {
  for (const row of rows) {
    it(`gives the reason: ${row.rule}`, async () => {
      const touchpoint = { id: 'tp', prompt: 'nps', ...row.touchpoint } as Touchpoint;
      const { engine, memory, records } = engineFor([touchpoint], row.promptOpen);
      await row.given?.(memory, touchpoint.id);
      await memory.read();
      const decision = engine.explain('tp');
      expect(decision.eligible, JSON.stringify(decision)).to.equal(row.expected.eligible);
      if (row.expected.waitingFor) expect(decision.waitingFor.join(' | ')).to.match(row.expected.waitingFor);
      else expect(decision.waitingFor).to.deep.equal([]);
      if (row.expected.blockedBy) expect(decision.blockedBy.join(' | ')).to.match(row.expected.blockedBy);
      else expect(decision.blockedBy).to.deep.equal([]);
      records.close();
    });
  }

  it('names an unknown touchpoint', () => {
    const { engine } = engineFor([]);
    expect(engine.explain('nope')).to.deep.equal({
      touchpoint: 'nope',
      eligible: false,
      waitingFor: [],
      blockedBy: ['no touchpoint "nope" in the config'],
    });
  });
});

describe('debug logging', () => {
  let lines: string[];
  const original = console.info;
  beforeEach(() => {
    lines = [];
    console.info = (line: string) => void lines.push(line);
  });
  afterEach(() => {
    console.info = original;
  });

  it('logs nothing while off', async () => {
    const { engine, memory } = engineFor([{ id: 'tp', prompt: 'nps', on: { milestone: 'm' }, sample: 0 }]);
    await memory.read();
    expect(await engine.milestone('m')).to.equal(false);
    expect(await engine.milestone('other')).to.equal(false);
    expect(lines).to.deep.equal([]);
  });

  it('logs each decision as a readable line while on', async () => {
    const { engine, memory, shown } = engineFor([
      { id: 'sampled', prompt: 'csat', on: { milestone: 'm' }, sample: 0 },
      { id: 'checkout', prompt: 'nps', on: { milestone: 'm' } },
    ]);
    await memory.read();
    engine.setDebug(true);
    expect(await engine.milestone('m')).to.equal(true);
    expect(await engine.milestone('unknown')).to.equal(false);
    expect(shown).to.deep.equal(['checkout']);
    expect(lines).to.deep.equal([
      'cxkit: touchpoint "sampled" (csat): not shown: sampled out (sample 0)',
      'cxkit: touchpoint "checkout" (nps): shown as popover',
      'cxkit: milestone "unknown": no touchpoint fires on it here',
    ]);
  });
});
