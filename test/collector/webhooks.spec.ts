// Webhooks as a receiver sees them: signed per Standard Webhooks (checked here with node:crypto, not with the
// collector's code), the same webhook-id on every retry, durable across a kill -9, one delivery per answer with two
// instances, rules, Slack messages, a final `failed`, and no way to reach private addresses unless allowed.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { slackBody } from '../../collector/webhooks/payloads.js';
import { teamsOverdueBody } from '../../collector/webhooks/teams-payloads.js';
import { WebhookDispatcher } from '../../collector/webhooks/dispatcher.js';
import { post } from '../../collector/webhooks/sender.js';
import { targetSaid } from '../../collector/webhooks/target-said.js';
import { parseTargets, WebhookConfigError } from '../../collector/webhooks/targets.js';
import type { Response } from '../../src/schema/response.js';
import { spawnCli, startCli } from '../support/collector-cli.js';
import { answersOf, batch, display, expect, responses, storeKinds, test } from '../support/collector-harness.js';
import { receiver, type Received } from '../support/webhook-receiver.js';

const secret = `whsec_${randomBytes(32).toString('base64')}`;

/** The Standard Webhooks check, written from the spec: HMAC-SHA256 over "id.timestamp.body" with the decoded key. */
function verifies(headers: IncomingHttpHeaders, body: string, whsec: string): boolean {
  const id = headers['webhook-id'] as string;
  const timestamp = headers['webhook-timestamp'] as string;
  const key = Buffer.from(whsec.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest();
  return (headers['webhook-signature'] as string).split(' ').some((signature) => {
    const [version, value] = signature.split(',');
    const given = Buffer.from(value ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}

test('a new answer is posted signed per Standard Webhooks, and the signature verifies independently', async ({ startCollector }) => {
  const hook = await receiver();
  const collector = await startCollector({ dispatch: { targets: [{ url: hook.url, format: 'standard', secret }], allowPrivate: true } });
  try {
    const [answer] = responses(1, 71);
    await collector.post(batch([answer!]));
    await expect.poll(() => hook.received.length).toBe(1);
    const [{ headers, body }] = hook.received as [Received];
    expect(headers['webhook-id']).toMatch(/^msg_[0-9a-f]{32}$/);
    expect(Math.abs(Number(headers['webhook-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
    expect(headers['content-type']).toBe('application/json');
    expect(verifies(headers, body, secret)).toBe(true);
    expect(verifies(headers, body.replace('response.created', 'response.createt'), secret)).toBe(false);
    const event = JSON.parse(body) as { type: string; timestamp: string; data: Response };
    expect(event.type).toBe('response.created');
    expect(event.data).toEqual(answer);
    // the same answer again is a duplicate: no second webhook
    await collector.post(batch([answer!]));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(hook.received).toHaveLength(1);
  } finally {
    await hook.close();
  }
});

test('a receiver answering 500 twice then 200 gets the same webhook-id three times, with growing gaps', async ({ startCollector }) => {
  const hook = await receiver([500, 500]);
  const collector = await startCollector({
    readKey: 'rk_1',
    dispatch: { targets: [{ url: hook.url, format: 'standard', secret }], allowPrivate: true, baseDelayMs: 200, pollMs: 50 },
  });
  try {
    await collector.post(batch(responses(1, 72)));
    await expect.poll(() => hook.received.length, { timeout: 10_000 }).toBe(3);
    const ids = hook.received.map((r) => r.headers['webhook-id']);
    expect(new Set(ids).size).toBe(1);
    expect(hook.received.every((r) => verifies(r.headers, r.body, secret))).toBe(true);
    expect(new Set(hook.received.map((r) => r.body)).size).toBe(1);
    const [first, second, third] = hook.received.map((r) => r.at) as [number, number, number];
    // full jitter between half and all of 200 ms, then of 400 ms
    expect(second - first).toBeGreaterThanOrEqual(90);
    expect(third - second).toBeGreaterThanOrEqual(190);
    const deliveries = async () =>
      ((await (await fetch(`${collector.url}v1/webhooks/deliveries?key=rk_1`)).json()) as { deliveries: unknown[] }).deliveries;
    await expect
      .poll(deliveries)
      .toMatchObject([
        { id: ids[0], target: hook.url.replace(/\/cx$/, '/…'), status: 'delivered', attempts: 3, lastStatus: 200, lastError: null },
      ]);
    expect((await fetch(`${collector.url}v1/webhooks/deliveries`)).status).toBe(401);
  } finally {
    await hook.close();
  }
});

test("the deliveries listing cuts a target's URL, which is Slack's and Teams' credential, and names it as the config does", async ({
  startCollector,
}) => {
  const slack = 'https://hooks.slack.com/services/T024BE7LD/B024BE7LH/s3cretS3cretS3cret';
  const teams =
    'https://prod-00.westeurope.logic.azure.com:443/workflows/f00d/triggers/manual/paths/invoke?api-version=2016-06-01&sig=s3cretSig';
  const collector = await startCollector({
    readKey: 'rk_1',
    dispatch: {
      // the host is never reached: the first attempt fails and the next waits an hour
      baseDelayMs: 3_600_000,
      timeoutMs: 500,
      targets: [
        { url: slack, format: 'slack', name: 'Slack #cx-alerts' },
        { url: teams, format: 'teams' },
      ],
    },
  });
  await collector.post(batch(responses(1, 73)));
  const listed = async () => {
    const response = await fetch(`${collector.url}v1/webhooks/deliveries?key=rk_1`);
    return {
      text: await response.clone().text(),
      deliveries: ((await response.json()) as { deliveries: Array<Record<string, unknown>> }).deliveries,
    };
  };
  await expect.poll(async () => (await listed()).deliveries.length).toBe(2);
  const { text, deliveries } = await listed();
  expect(deliveries.map(({ target, name }) => ({ target, name })).sort((a, b) => String(a.target).localeCompare(String(b.target)))).toEqual(
    [
      { target: 'https://hooks.slack.com/services/…', name: 'Slack #cx-alerts' },
      { target: 'https://prod-00.westeurope.logic.azure.com/workflows/…', name: undefined },
    ],
  );
  expect(text).not.toMatch(/s3cret|T024BE7LD|f00d/);
  // where alerts go, as the dashboard lists them: named or cut, what each gets, how its last post went
  const targets = await fetch(`${collector.url}v1/webhooks/targets?key=rk_1`);
  const listing = await targets.text();
  expect(JSON.parse(listing)).toMatchObject({
    targets: [
      {
        name: 'Slack #cx-alerts',
        target: 'https://hooks.slack.com/services/…',
        format: 'slack',
        gets: 'new answers',
        last: { status: 'pending' },
      },
      {
        name: null,
        target: 'https://prod-00.westeurope.logic.azure.com/workflows/…',
        format: 'teams',
        gets: 'new answers',
        last: { status: 'pending' },
      },
    ],
  });
  expect(listing).not.toMatch(/s3cret|T024BE7LD|f00d/);
  expect((await fetch(`${collector.url}v1/webhooks/targets`)).status).toBe(401);
});

for (const kind of storeKinds) {
  test(`${kind}: where alerts go shows a quiet target's last post however many posts a busy target had since`, async ({
    startCollector,
    database,
  }) => {
    const quiet = await receiver();
    const busy = await receiver();
    const collector = await startCollector({
      database: await database(kind),
      dispatch: {
        allowPrivate: true,
        pollMs: 50,
        targets: [
          { url: quiet.url, format: 'standard', name: 'Returns desk', when: { kinds: ['csat'] } },
          { url: busy.url, format: 'standard', name: 'Everything NPS', when: { kinds: ['nps'] } },
        ],
      },
    });
    try {
      const now = Date.now();
      expect((await collector.post(batch(answersOf('returns', 'csat', 2, 1, now)))).status).toBe(202);
      await expect.poll(() => quiet.received.length, { timeout: 10_000 }).toBe(1);
      // then more than a thousand answers for the other target: its deliveries are the newest thousand and more
      for (let hour = 1; hour <= 21; hour++) await collector.post(batch(answersOf('checkout', 'nps', 9, 50, now - hour * 3_600_000)));
      await expect.poll(() => busy.received.length, { timeout: 60_000 }).toBe(1_050);
      const { targets } = (await (await fetch(`${collector.url}v1/webhooks/targets`)).json()) as {
        targets: Array<{ name: string; last: { status: string } | null }>;
      };
      expect(targets.map(({ name, last }) => [name, last?.status ?? null])).toEqual([
        ['Returns desk', 'delivered'],
        ['Everything NPS', 'delivered'],
      ]);
    } finally {
      await Promise.all([quiet.close(), busy.close()]);
    }
  });
}

test("a receiver's 429 with Retry-After (Slack's rate limit) is not asked again before that wait, however short the backoff", async ({
  startCollector,
}) => {
  const hook = await receiver([{ status: 429, headers: { 'Retry-After': '2' } }]);
  const collector = await startCollector({
    dispatch: { targets: [{ url: hook.url, format: 'slack' }], allowPrivate: true, baseDelayMs: 100, pollMs: 50 },
  });
  try {
    expect((await collector.post(batch(responses(1, 73)))).status).toBe(202);
    await expect.poll(() => hook.received.length, { timeout: 10_000 }).toBe(2);
    const [first, second] = hook.received.map((r) => r.at) as [number, number];
    // the backoff alone would have tried again after 50 to 100 ms
    expect(second - first).toBeGreaterThanOrEqual(1_900);
    expect(hook.received[1]!.body).toBe(hook.received[0]!.body);
  } finally {
    await hook.close();
  }
});

test('after its last attempt a delivery is failed, listed with the reason', async ({ startCollector }) => {
  const hook = await receiver([500, 503, 500, 500]);
  const collector = await startCollector({
    dispatch: { targets: [{ url: hook.url, format: 'standard' }], allowPrivate: true, baseDelayMs: 20, pollMs: 20, maxAttempts: 3 },
  });
  try {
    await collector.post(batch(responses(1, 73)));
    await expect
      .poll(
        async () =>
          ((await (await fetch(`${collector.url}v1/webhooks/deliveries?status=failed`)).json()) as { deliveries: unknown[] }).deliveries,
        {
          timeout: 10_000,
        },
      )
      .toMatchObject([{ status: 'failed', attempts: 3, lastStatus: 500, lastError: 'answered 500' }]);
    expect(hook.received).toHaveLength(3);
    expect(hook.received[0]!.headers['webhook-signature']).toBeUndefined();
    expect((await fetch(`${collector.url}v1/webhooks/deliveries?status=lost`)).status).toBe(400);
    // those changed since an instant: the dashboard's last week, read along the time of change
    const since = async (at: string) =>
      ((await (await fetch(`${collector.url}v1/webhooks/deliveries?status=failed&since=${at}`)).json()) as { deliveries: unknown[] })
        .deliveries.length;
    expect([await since(new Date(Date.now() - 60_000).toISOString()), await since(new Date(Date.now() + 60_000).toISOString())]).toEqual([
      1, 0,
    ]);
    const wrong = await fetch(`${collector.url}v1/webhooks/deliveries?since=yesterday`);
    expect([wrong.status, ((await wrong.json()) as { issues: Array<{ path: string }> }).issues[0]!.path]).toEqual([400, 'query.since']);
  } finally {
    await hook.close();
  }
});

test('rules pick the answers a target gets; a Slack target gets a message coloured by band', async ({ startCollector }) => {
  const alerts = await receiver();
  const slack = await receiver();
  const keyAccounts = await receiver();
  const collector = await startCollector({
    dispatch: {
      allowPrivate: true,
      dashboardUrl: 'https://collect.example/dashboard',
      targets: [
        { url: alerts.url, format: 'standard', when: { kinds: ['nps'], scoreMax: 6, hasComment: true } },
        { url: slack.url, format: 'slack', when: { touchpoints: ['checkout-complete'], partial: false } },
        // a key account team's channel: its plans' customers alone, a seat count compared as text
        { url: keyAccounts.url, format: 'standard', when: { traits: { plan: ['enterprise', 'business'], seats: ['50'] } } },
      ],
    },
  });
  try {
    const [a, b, c, d] = responses(4, 74);
    const base = { kind: 'nps' as const, scale: { min: 0, max: 10 }, touchpoint: 'checkout-complete' };
    const detractor = {
      ...a!,
      ...base,
      score: 3,
      comment: 'The coupon field <did> not work',
      userId: 'u-42',
      metadata: { orderId: 'A-1001' },
      traits: { plan: 'enterprise', seats: 50 },
    };
    const silentDetractor = { ...b!, ...base, score: 2, traits: { plan: 'enterprise', seats: 10 } };
    const promoter = { ...c!, ...base, score: 10, comment: 'Great' };
    const partial = { ...d!, ...base, score: 1, comment: 'x', partial: true, traits: { plan: 'free', seats: 50 } };
    await collector.post(batch([detractor, silentDetractor, promoter, partial]));
    await expect.poll(() => keyAccounts.received.length).toBe(1);
    expect((JSON.parse(keyAccounts.received[0]!.body) as { data: Response }).data.id).toBe(detractor.id);
    await expect.poll(() => slack.received.length).toBe(3);
    await expect.poll(() => alerts.received.length).toBe(2);
    const alerted = alerts.received.map((r) => (JSON.parse(r.body) as { data: Response }).data.id).sort();
    expect(alerted).toEqual([detractor.id, partial.id].sort());
    const messages = slack.received.map(
      (r) => JSON.parse(r.body) as { text: string; attachments: Array<{ color: string; blocks: unknown[] }> },
    );
    const forDetractor = messages.find((m) => m.text.startsWith('NPS 3'))!;
    expect(forDetractor.text).toBe('NPS 3 (detractor) at checkout-complete: The coupon field &lt;did&gt; not work');
    expect(forDetractor.attachments[0]!.color).toBe('#d92d20');
    expect(JSON.stringify(forDetractor.attachments[0]!.blocks)).toContain('u-42');
    // the order the answer was about, to find the customer again
    expect(JSON.stringify(forDetractor.attachments[0]!.blocks)).toContain('orderId: A-1001');
    // when, on each reader's own clock
    const seconds = Math.floor(Date.parse(detractor.answeredAt) / 1000);
    expect(JSON.stringify(forDetractor.attachments[0]!.blocks)).toContain(
      `<!date^${seconds}^{date_short_pretty} at {time}|${detractor.answeredAt.slice(0, 10)} ${detractor.answeredAt.slice(11, 16)} UTC>`,
    );
    // the dashboard, and the identified customer's history in it; an anonymous visitor has none
    const buttons = (m: (typeof messages)[number]) =>
      (m.attachments[0]!.blocks.at(-1) as { elements: Array<{ text: { text: string }; url: string }> }).elements.map((b) => [
        b.text.text,
        b.url,
      ]);
    expect(buttons(forDetractor)).toEqual([
      ['Open in the dashboard', 'https://collect.example/dashboard'],
      ['Their history', 'https://collect.example/dashboard?customer=u-42'],
    ]);
    expect(buttons(messages.find((m) => m.text.startsWith('NPS 10'))!)).toEqual([
      ['Open in the dashboard', 'https://collect.example/dashboard'],
    ]);
    expect(messages.find((m) => m.text.startsWith('NPS 10'))!.attachments[0]!.color).toBe('#12b76a');
    expect(messages.find((m) => m.text.startsWith('NPS 2'))!.attachments[0]!.color).toBe('#d92d20');
  } finally {
    await alerts.close();
    await slack.close();
    await keyAccounts.close();
  }
});

for (const kind of storeKinds) {
  test(`${kind}: an alert about an anonymous answer names whom its browser was signed in as, new and past the promise`, async ({
    startCollector,
  }) => {
    const slack = await receiver();
    const teams = await receiver();
    const collector = await startCollector({
      database: kind,
      followUpHours: 1,
      dispatch: {
        allowPrivate: true,
        pollMs: 50,
        promiseHours: 1,
        overdueEveryMs: 100,
        dashboardUrl: 'https://collect.example/dashboard',
        targets: [
          { url: slack.url, format: 'slack', when: { events: ['response.created', 'follow_up.overdue'] } },
          { url: teams.url, format: 'teams', when: { events: ['response.created'] } },
        ],
      },
    });
    try {
      // the site identified Ana's browser when it showed her a prompt; later she answered signed out
      const signedIn = display('delivery', 'dismissed', {
        anonymousId: 'browser-ana',
        userId: 'ana@shop.example',
        traits: { plan: 'pro' },
        shownAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
      });
      expect((await collector.post(batch([], [signedIn]))).status).toBe(202);
      // answered a hair less than the promise ago: overdue in a few seconds
      const [anas] = answersOf('checkout', 'nps', 2, 1, Date.now() - 3_600_000 + 3_000, { anonymousId: 'browser-ana' });
      const [strangers] = answersOf('checkout', 'nps', 10, 1, Date.now(), { anonymousId: 'browser-unknown' });
      expect((await collector.post(batch([anas!, strangers!]))).status).toBe(202);

      await expect.poll(() => slack.received.length, { timeout: 15_000 }).toBe(3);
      const messages = slack.received.map((r) => JSON.parse(r.body) as { text: string; attachments: Array<{ blocks: unknown[] }> });
      const said = (m: (typeof messages)[number]) => {
        const blocks = m.attachments[0]!.blocks as Array<{
          type: string;
          elements?: Array<{ text: string | { text: string }; url?: string }>;
        }>;
        const context = blocks.find((b) => b.type === 'context')!.elements![0]!.text as string;
        const buttons = blocks.find((b) => b.type === 'actions')!.elements!.map((b) => [(b.text as { text: string }).text, b.url]);
        return { who: context.split(' · http')[0], buttons };
      };
      const herHistory = ['Their history', 'https://collect.example/dashboard?customer=ana%40shop.example'];
      const open = ['Open in the dashboard', 'https://collect.example/dashboard'];
      const aboutHer = { who: 'anonymous visitor, on a browser signed in as ana@shop.example · plan: pro', buttons: [open, herHistory] };
      expect(said(messages.find((m) => m.text.startsWith('NPS 2'))!)).toEqual(aboutHer);
      expect(said(messages.find((m) => m.text.startsWith('NPS 10'))!)).toEqual({ who: 'anonymous visitor', buttons: [open] });
      // past the promise with nobody having reached her: the same
      expect(said(messages.find((m) => m.text.startsWith('Waiting over 1 h'))!)).toEqual(aboutHer);

      await expect.poll(() => teams.received.length).toBe(2);
      const card = teams.received.map((r) => JSON.stringify(JSON.parse(r.body))).find((body) => body.includes('NPS 2 (detractor)'))!;
      expect(card).toContain('anonymous visitor, on a browser signed in as ana@shop.example · plan: pro');
      expect(card).toContain('"title":"Their history","url":"https://collect.example/dashboard?customer=ana%40shop.example"');
    } finally {
      await Promise.all([slack.close(), teams.close()]);
    }
  });
}

interface FollowUpEvent {
  readonly type: string;
  readonly data: {
    readonly responseId: string;
    readonly status: string;
    readonly note: string | null;
    readonly by: string | null;
    readonly assignee: string | null;
    readonly changedAt: string;
    readonly previous: { readonly status: string; readonly assignee: string | null };
    readonly response: Response;
  };
}

for (const kind of storeKinds) {
  test(`${kind}: a follow-up change is posted to the targets that ask for it, saying what changed, and erased with the person`, async ({
    startCollector,
  }) => {
    const changes = await receiver();
    const answers = await receiver();
    const slack = await receiver();
    const collector = await startCollector({
      database: kind,
      adminKey: 'ak_admin',
      readKey: 'rk_read',
      dispatch: {
        allowPrivate: true,
        pollMs: 50,
        targets: [
          { url: changes.url, name: 'changes', format: 'standard', secret, when: { events: ['follow_up.changed'] } },
          { url: answers.url, name: 'answers', format: 'standard' },
          {
            url: slack.url,
            name: 'slack',
            format: 'slack',
            when: { events: ['response.created', 'follow_up.changed'], kinds: ['nps'] },
            // Ben hears of a customer left to him: Slack notifies a member mentioned
            mentions: { Ben: 'U024BE7LH' },
          },
        ],
      },
    });
    try {
      const [a, b] = responses(2, 76);
      const detractor = {
        ...a!,
        kind: 'nps' as const,
        scale: { min: 0, max: 10 },
        score: 3,
        touchpoint: 'checkout-complete',
        comment: 'The coupon did not work',
        userId: 'u-42',
      };
      const satisfied = { ...b!, kind: 'csat' as const, scale: { min: 1, max: 5 }, score: 5 };
      await collector.post(batch([detractor, satisfied]));
      await expect.poll(() => answers.received.length).toBe(2);
      await expect.poll(() => slack.received.length).toBe(1);
      const change = async (body: unknown) => {
        const res = await fetch(`${collector.url}v1/responses/${detractor.id}/follow-up`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ak_admin' },
          body: JSON.stringify(body),
        });
        expect(res.status).toBe(200);
      };
      await change({ status: 'open', assignee: 'Ben', by: 'Ann' });
      await change({ status: 'contacted', note: 'Called, sent a voucher', by: 'Ben' });
      await change({ status: 'closed', assignee: null, by: 'Ben' });
      await change({ status: 'closed', note: 'Voucher used', by: 'Ben' });
      await expect.poll(() => changes.received.length).toBe(4);
      await expect.poll(() => slack.received.length).toBe(5);

      expect(changes.received.every((r) => verifies(r.headers, r.body, secret))).toBe(true);
      expect(new Set(changes.received.map((r) => r.headers['webhook-id'])).size).toBe(4);
      const events = changes.received
        .map((r) => JSON.parse(r.body) as FollowUpEvent)
        .sort((x, y) => (x.data.changedAt < y.data.changedAt ? -1 : 1));
      expect(events.every((e) => e.type === 'follow_up.changed' && e.data.responseId === detractor.id)).toBe(true);
      expect(events[0]!.data.response).toEqual(detractor);
      expect(
        events.map(({ data }) => [data.previous.status, data.previous.assignee, data.status, data.assignee, data.note, data.by]),
      ).toEqual([
        ['open', null, 'open', 'Ben', null, 'Ann'],
        ['open', 'Ben', 'contacted', 'Ben', 'Called, sent a voucher', 'Ben'],
        ['contacted', 'Ben', 'closed', null, null, 'Ben'],
        ['closed', null, 'closed', null, 'Voucher used', 'Ben'],
      ]);
      // a target left to its default is told of new answers only
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(answers.received).toHaveLength(2);

      const messages = slack.received.map(
        (r) => JSON.parse(r.body) as { text: string; attachments: Array<{ color: string; blocks: unknown[] }> },
      );
      const about = 'NPS 3 (detractor) at checkout-complete';
      expect(
        messages
          .map((m) => m.text)
          .slice(1)
          .sort(),
      ).toEqual(
        [
          `Left to <@U024BE7LH> by Ann: ${about}`,
          `Contacted by Ben: ${about}`,
          `Left to nobody, closed by Ben: ${about}`,
          `Noted by Ben: ${about}`,
        ].sort(),
      );
      const contacted = messages.find((m) => m.text.startsWith('Contacted'))!;
      expect(contacted.attachments[0]!.color).toBe('#d92d20');
      expect(JSON.stringify(contacted.attachments[0]!.blocks)).toContain('_Note:_ Called, sent a voucher');
      expect(JSON.stringify(contacted.attachments[0]!.blocks)).toContain('>The coupon did not work');
      expect(messages.find((m) => m.text.startsWith('Left to nobody'))!.attachments[0]!.color).toBe('#98a2b3');

      const listed = (await (await fetch(`${collector.url}v1/webhooks/deliveries?key=rk_read`)).json()) as {
        deliveries: Array<{ event: string; name: string }>;
      };
      const count = (event: string, name: string) => listed.deliveries.filter((d) => d.event === event && d.name === name).length;
      expect([count('follow_up.changed', 'changes'), count('follow_up.changed', 'slack'), count('response.created', 'answers')]).toEqual([
        4, 4, 2,
      ]);
      expect(count('response.created', 'slack')).toBe(1);

      // the person's deliveries go with them, the follow-up changes' too; the other answer's stays
      const erased = await fetch(`${collector.url}v1/people/u-42`, { method: 'DELETE', headers: { Authorization: 'Bearer ak_admin' } });
      expect(((await erased.json()) as { erased: { webhookDeliveries: number } }).erased.webhookDeliveries).toBe(10);
    } finally {
      await changes.close();
      await answers.close();
      await slack.close();
    }
  });
}

for (const kind of storeKinds) {
  test(`${kind}: an unhappy customer nobody reaches within the promise is announced once, their owner mentioned; a backlog is not`, async ({
    startCollector,
    database,
  }) => {
    const overdue = await receiver();
    const slack = await receiver();
    const hour = 3_600_000;
    const [a, b, c, d, e] = responses(5, 77);
    const detractor = (r: Response, at: number): Response => ({
      ...r,
      kind: 'nps',
      scale: { min: 0, max: 10 },
      score: 3,
      touchpoint: 'checkout',
      comment: 'Still no refund',
      answeredAt: new Date(at).toISOString(),
    });
    // stored before anyone asked for escalations
    const backlog = detractor(a!, Date.now() - 2 * hour);
    const file = await database(kind);
    await (await startCollector({ database: file })).post(batch([backlog]));
    const collector = await startCollector({
      database: file,
      adminKey: 'ak_admin',
      followUpHours: 1,
      dispatch: {
        allowPrivate: true,
        pollMs: 50,
        promiseHours: 1,
        overdueEveryMs: 100,
        targets: [
          { url: overdue.url, format: 'standard', secret, when: { events: ['follow_up.overdue'] } },
          { url: slack.url, format: 'slack', when: { events: ['follow_up.overdue'] }, mentions: { Ben: 'U024BE7LH' } },
        ],
      },
    });
    try {
      // answered a hair less than the promise ago: overdue in a few seconds
      const soon = Date.now() - hour + 3_000;
      const withBen = detractor(b!, soon);
      const reached = detractor(c!, soon);
      const happy = { ...detractor(d!, soon), score: 10 };
      const later = detractor(e!, Date.now() - hour + 120_000);
      await collector.post(batch([withBen, reached, happy, later]));
      const patch = (id: string, body: unknown) =>
        fetch(`${collector.url}v1/responses/${id}/follow-up`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ak_admin' },
          body: JSON.stringify(body),
        });
      expect((await patch(withBen.id, { status: 'open', assignee: 'Ben', note: 'Refund asked of finance' })).status).toBe(200);
      expect((await patch(reached.id, { status: 'contacted' })).status).toBe(200);

      await expect.poll(() => overdue.received.length, { timeout: 15_000 }).toBe(1);
      const [{ headers, body }] = overdue.received as [Received];
      expect(verifies(headers, body, secret)).toBe(true);
      const event = JSON.parse(body) as { type: string; data: Record<string, unknown> & { response: Response } };
      expect(event.type).toBe('follow_up.overdue');
      expect(event.data).toMatchObject({
        responseId: withBen.id,
        promiseHours: 1,
        status: 'open',
        assignee: 'Ben',
        note: 'Refund asked of finance',
      });
      expect(event.data.response).toEqual(withBen);
      await expect.poll(() => slack.received.length).toBe(1);
      const message = JSON.parse(slack.received[0]!.body) as { text: string; attachments: Array<{ blocks: unknown[] }> };
      expect(message.text).toBe('Waiting over 1 h, left to <@U024BE7LH>: NPS 3 (detractor) at checkout');
      expect(JSON.stringify(message.attachments[0]!.blocks)).toContain('_Note:_ Refund asked of finance');
      // once: the next looks find nothing new (the backlog from before the collector started, the reached customer, the
      // happy one, and the one not yet due, none of them)
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(overdue.received).toHaveLength(1);
      expect(slack.received).toHaveLength(1);
    } finally {
      await overdue.close();
      await slack.close();
    }
  });

  test(`${kind}: an unhappy customer whose answer reaches the collector after the promise has passed is announced as it arrives, once`, async ({
    startCollector,
  }) => {
    const overdue = await receiver();
    const collector = await startCollector({
      database: kind,
      dispatch: {
        allowPrivate: true,
        pollMs: 50,
        promiseHours: 1,
        overdueEveryMs: 100,
        targets: [{ url: overdue.url, format: 'standard', secret, when: { events: ['follow_up.overdue'] } }],
      },
    });
    try {
      const hour = 3_600_000;
      const [a, b, c] = responses(3, 78);
      const detractor = (r: Response, at: number): Response => ({
        ...r,
        kind: 'csat',
        scale: { min: 1, max: 5 },
        score: 1,
        touchpoint: 'support',
        answeredAt: new Date(at).toISOString(),
      });
      // the walk passes this one's time as its promise runs out
      const onTime = detractor(a!, Date.now() - hour + 2_000);
      await collector.post(batch([onTime]));
      await expect.poll(() => overdue.received.length, { timeout: 15_000 }).toBe(1);
      // a phone offline since yesterday sends its answers now: the unhappy one is already past the promise
      const offline = detractor(b!, Date.now() - 20 * hour);
      const offlineHappy = { ...detractor(c!, Date.now() - 20 * hour), score: 5 };
      await collector.post(batch([offline, offlineHappy]));
      await expect.poll(() => overdue.received.length, { timeout: 15_000 }).toBe(2);
      const announced = overdue.received.map(({ body }) => (JSON.parse(body) as { data: { responseId: string } }).data.responseId);
      expect(announced).toEqual([onTime.id, offline.id]);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(overdue.received).toHaveLength(2);
    } finally {
      await overdue.close();
    }
  });
}

/** What Block Kit refuses a whole message for (`invalid_blocks`): a text object or a button's URL over 3,000 characters. */
function overSlackLimits(blocks: unknown): string[] {
  const over: string[] = [];
  const visit = (node: unknown, path: string): void => {
    if (!node || typeof node !== 'object') return;
    const { type, text, url } = node as { type?: string; text?: unknown; url?: unknown };
    if ((type === 'mrkdwn' || type === 'plain_text') && typeof text === 'string' && text.length > 3000)
      over.push(`${path}: ${text.length}`);
    if (typeof url === 'string' && url.length > 3000) over.push(`${path}.url: ${url.length}`);
    for (const [key, value] of Object.entries(node)) visit(value, `${path}.${key}`);
  };
  visit(blocks, 'blocks');
  return over;
}

test("a Slack message stays within Block Kit's limits for the longest answer, and says the comment was cut", () => {
  const [r] = responses(1, 75);
  // every & < > becomes an entity of four or five characters in mrkdwn
  const comment = `Nothing worked <at all> & then ${'the page froze & <reloaded> '.repeat(250)}`.slice(0, 5000);
  const longest: Response = {
    ...r!,
    kind: 'nps',
    score: 0,
    scale: { min: 0, max: 10 },
    touchpoint: 't'.repeat(200),
    comment,
    userId: 'u'.repeat(200),
    traits: Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`trait${i}`, '&'.repeat(1000)])),
    page: { url: `https://shop.example/${'p'.repeat(2020)}` },
    metadata: Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`m${i}`, '<'.repeat(1000)])),
  };
  const message = JSON.parse(slackBody(longest, 'https://collect.example/dashboard')) as {
    attachments: Array<{ blocks: Array<{ type: string; text?: { text: string }; elements?: Array<{ text: string }> }> }>;
  };
  const blocks = message.attachments[0]!.blocks;
  expect(overSlackLimits(blocks)).toEqual([]);
  const quote = blocks[1]!.text!.text;
  expect(quote.startsWith('>Nothing worked &lt;at all&gt; &amp; then the page froze')).toBe(true);
  expect(quote.endsWith('…\n_5,000 characters in all: the whole comment is in the dashboard_')).toBe(true);
  // the page and the traits are cut too, and never inside an entity
  const context = blocks[2]!.elements![0]!.text;
  expect(context.startsWith(`${'u'.repeat(200)} · trait0: &amp;&amp;`)).toBe(true);
  expect(context).toMatch(/(&amp;)+…$/);
  // a comment that fits is whole, and says nothing more
  const short = JSON.parse(slackBody({ ...longest, comment: 'Slow' }, undefined)) as typeof message;
  expect(short.attachments[0]!.blocks[1]!.text!.text).toBe('>Slow');
});

test('loopback and private targets are refused unless allowed, at start and at connection time', async () => {
  for (const url of [
    'http://127.0.0.1:9/x',
    'http://localhost/x',
    'http://10.1.2.3/x',
    'http://192.168.0.10/x',
    'http://[::1]/x',
    'http://169.254.169.254/latest',
  ]) {
    expect(() => parseTargets({ urls: [url] }, false), url).toThrow(WebhookConfigError);
    expect(() => parseTargets({ urls: [url] }, true)).not.toThrow();
  }
  expect(() => parseTargets({ urls: ['ftp://example.com/x'] }, false)).toThrow(/--webhook\[0\]\.url: expected an http\(s\) URL/);
  expect(() => parseTargets({ urls: ['https://example.com/x'], secret: 'nope' }, false)).toThrow(/secret: expected whsec_/);
  expect(() => parseTargets({ urls: [], file: { webhooks: [{ url: 'https://example.com', format: 'email' }] } }, false)).toThrow(
    /webhook config\.webhooks\[0\]\.format/,
  );
  const slackId = (id: string) => ({ webhooks: [{ url: 'https://hooks.slack.com/x', format: 'slack', mentions: { Ben: id } }] });
  expect(parseTargets({ urls: [], file: slackId('U024BE7LH') }, false)[0]!.mentions).toEqual({ Ben: 'U024BE7LH' });
  expect(() => parseTargets({ urls: [], file: slackId('@ben') }, false)).toThrow(
    /webhook config\.webhooks\[0\]\.mentions\.Ben: expected a Slack member id such as U024BE7LH/,
  );
  const standardMentions = { webhooks: [{ url: 'https://example.com', mentions: { Ben: 'U024BE7LH' } }] };
  expect(() => parseTargets({ urls: ['https://example.org'], file: standardMentions }, false)).toThrow(
    /^webhook config\.webhooks\[0\]\.mentions: only a Slack or Teams target mentions people$/,
  );
  const emptyTrait = { url: 'https://example.com', when: { traits: { plan: [] } } };
  expect(() => parseTargets({ urls: [], file: { webhooks: [emptyTrait] } }, false)).toThrow(
    /^webhook config\.webhooks\[0\]\.when\.traits\.plan: /,
  );
  const ticketClosed = { url: 'https://example.com', when: { events: ['ticket.closed'] } };
  expect(() => parseTargets({ urls: [], file: { webhooks: [ticketClosed] } }, false)).toThrow(
    /webhook config\.webhooks\[0\]\.when\.events\[0\]: .*response\.created.*follow_up\.changed/,
  );
  // a name that resolves to loopback is refused when the connection is made, not only when the URL is read
  const hook = await receiver();
  try {
    const refused = await post(hook.url.replace('127.0.0.1', 'localhost'), '{}', {}, { allowPrivate: false, timeoutMs: 2000 });
    expect(refused.status).toBeNull();
    expect(refused.error).toMatch(/internal address/);
    expect(hook.received).toHaveLength(0);
  } finally {
    await hook.close();
  }
});

const postTo = (url: string, body: unknown) =>
  fetch(`${url}v1/responses`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(body) });

test('kill -9 between attempts: the restarted collector delivers the same webhook-id', async ({ database }) => {
  const file = await database('sqlite');
  const hook = await receiver([500]);
  const args = [
    '--database',
    file,
    '--webhook',
    hook.url,
    '--webhook-secret',
    secret,
    '--allow-private-webhooks',
    '--webhook-retry-base',
    '1500',
  ];
  const first = await startCli(args);
  try {
    const firstUrl = first.url;
    await postTo(firstUrl, batch(responses(1, 75)));
    await expect.poll(() => hook.received.length).toBe(1);
    // killed once the failed attempt is on record and the next one is waiting for its time
    await expect
      .poll(async () => ((await (await fetch(`${firstUrl}v1/webhooks/deliveries`)).json()) as { deliveries: unknown[] }).deliveries)
      .toMatchObject([{ status: 'pending', attempts: 1, lastStatus: 500 }]);
    first.process.kill('SIGKILL');
    await new Promise((resolve) => first.process.once('exit', resolve));
    const second = await startCli(args);
    try {
      await expect.poll(() => hook.received.length, { timeout: 15_000 }).toBe(2);
      expect(hook.received[1]!.headers['webhook-id']).toBe(hook.received[0]!.headers['webhook-id']);
      expect(verifies(hook.received[1]!.headers, hook.received[1]!.body, secret)).toBe(true);
    } finally {
      second.process.kill('SIGKILL');
    }
  } finally {
    first.process.kill('SIGKILL');
    await hook.close();
  }
});

test('two collector instances on one PostgreSQL: every answer is delivered, each by one of them', async ({ database }) => {
  const url = await database('postgres');
  const hook = await receiver();
  const args = ['--database', url, '--webhook', hook.url, '--allow-private-webhooks'];
  const [a, b] = await Promise.all([startCli(args), startCli(args)]);
  try {
    const [urlA, urlB] = [a.url, b.url];
    const sent = responses(40, 76);
    await Promise.all(sent.map((r, i) => postTo(i % 2 ? urlA : urlB, batch([r]))));
    await expect.poll(() => hook.received.length, { timeout: 15_000 }).toBe(40);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(hook.received).toHaveLength(40);
    const ids = hook.received.map((r) => (JSON.parse(r.body) as { data: Response }).data.id);
    expect(new Set(ids).size).toBe(40);
    expect(new Set(hook.received.map((r) => r.headers['webhook-id'])).size).toBe(40);
  } finally {
    a.process.kill('SIGKILL');
    b.process.kill('SIGKILL');
    await hook.close();
  }
});

test("a Teams target gets an Adaptive Card: the band's colour, what was written as plain text, each reader's clock, the dashboard and the history", async ({
  startCollector,
}) => {
  const teams = await receiver();
  const collector = await startCollector({
    adminKey: 'ak_admin',
    dispatch: {
      allowPrivate: true,
      dashboardUrl: 'https://collect.example/dashboard',
      targets: [
        {
          url: teams.url,
          format: 'teams',
          when: { events: ['response.created', 'follow_up.changed'] },
          mentions: { Ben: 'ben@contoso.com' },
        },
      ],
    },
  });
  type Card = {
    type: string;
    version: string;
    body: Array<{ type: string; text?: string; inlines?: Array<Record<string, unknown> & { text: string }> }>;
    actions: unknown[];
  };
  const cardOf = (body: string) => {
    const message = JSON.parse(body) as { type: string; attachments: Array<{ contentType: string; content: Card }> };
    expect([message.type, message.attachments[0]!.contentType]).toEqual(['message', 'application/vnd.microsoft.card.adaptive']);
    return message.attachments[0]!.content;
  };
  const runsOf = (card: Card) => card.body.flatMap((block) => block.inlines ?? []);
  try {
    const [a] = responses(1, 91);
    const detractor = {
      ...a!,
      kind: 'nps' as const,
      scale: { min: 0, max: 10 },
      score: 2,
      touchpoint: 'checkout',
      // Markdown a customer typed: shown as typed, never a link
      comment: 'See [this](https://evil.example) **now**',
      userId: 'u-7',
      metadata: { orderId: 'A-7' },
    };
    await collector.post(batch([detractor]));
    await expect.poll(() => teams.received.length).toBe(1);
    const card = cardOf(teams.received[0]!.body);
    expect([card.type, card.version]).toEqual(['AdaptiveCard', '1.4']);
    const runs = runsOf(card);
    expect(runs[0]).toEqual({ type: 'TextRun', text: 'NPS 2 (detractor) at checkout', weight: 'Bolder', color: 'Attention' });
    expect(runs.map((run) => run.text)).toEqual(expect.arrayContaining(['See [this](https://evil.example) **now**', 'orderId: A-7']));
    // the only text Teams reads for markup is the cxkit's own line with the time, which each reader sees on their clock
    const at = `${detractor.answeredAt.slice(0, 19)}Z`;
    expect(card.body.filter((block) => block.type === 'TextBlock').map((block) => block.text)).toEqual([
      `Answered {{DATE(${at},SHORT)}} at {{TIME(${at})}}`,
    ]);
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open in the dashboard', url: 'https://collect.example/dashboard' },
      { type: 'Action.OpenUrl', title: 'Their history', url: 'https://collect.example/dashboard?customer=u-7' },
    ]);

    const changed = await fetch(`${collector.url}v1/responses/${detractor.id}/follow-up`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ak_admin' },
      body: JSON.stringify({ status: 'closed', note: 'Refunded', by: 'Ben' }),
    });
    expect(changed.status).toBe(200);
    await expect.poll(() => teams.received.length).toBe(2);
    const change = runsOf(cardOf(teams.received[1]!.body));
    // closed: the theme's text colour, nothing left to act on
    expect(change[0]).toEqual({
      type: 'TextRun',
      text: 'Closed by Ben: NPS 2 (detractor) at checkout',
      weight: 'Bolder',
      color: 'Default',
    });
    expect(change.map((run) => run.text)).toEqual(expect.arrayContaining(['Note: ', 'Refunded']));

    // given to Ben, whom the target knows in Teams: mentioned on a line of its own, which notifies him
    const reopened = await fetch(`${collector.url}v1/responses/${detractor.id}/follow-up`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ak_admin' },
      body: JSON.stringify({ status: 'open', assignee: 'Ben', by: 'Ann' }),
    });
    expect(reopened.status).toBe(200);
    await expect.poll(() => teams.received.length).toBe(3);
    const mentioning = cardOf(teams.received[2]!.body) as Card & { msteams: { entities?: unknown[] } };
    expect(runsOf(mentioning)[0]!.text).toBe('Left to Ben, reopened by Ann: NPS 2 (detractor) at checkout');
    expect(mentioning.body.filter((block) => block.type === 'TextBlock').map((block) => block.text)[0]).toBe('Owner: <at>Ben</at>');
    expect(mentioning.msteams.entities).toEqual([
      { type: 'mention', text: '<at>Ben</at>', mentioned: { id: 'ben@contoso.com', name: 'Ben' } },
    ]);
    // nobody's customer mentions nobody
    expect((cardOf(teams.received[1]!.body) as Card & { msteams: object }).msteams).toEqual({ width: 'Full' });

    // and a customer waiting past the promise, left to nobody; then left to Ben
    const overdue = runsOf(cardOf(teamsOverdueBody({ response: detractor, followUp: openFollowUp }, 48, undefined)));
    expect(overdue[0]!.text).toBe('Waiting over 48 h, left to nobody: NPS 2 (detractor) at checkout');
    expect(cardOf(teamsOverdueBody({ response: detractor, followUp: openFollowUp }, 48, undefined)).actions).toEqual([]);
    const bens = cardOf(
      teamsOverdueBody({ response: detractor, followUp: { ...openFollowUp, assignee: 'Ben' } }, 48, undefined, { Ben: 'ben@contoso.com' }),
    );
    expect(runsOf(bens)[0]!.text).toBe('Waiting over 48 h, left to Ben: NPS 2 (detractor) at checkout');
    expect(bens.body.some((block) => block.text === 'Owner: <at>Ben</at>')).toBe(true);
  } finally {
    await teams.close();
  }
});

const openFollowUp = { status: 'open' as const, note: null, by: null, assignee: null, changedAt: null };

test("mentions name people as the target's tool knows them: a Slack id for Slack, a sign-in address or Entra id for Teams; others refused, named", () => {
  const refusal = (format: string, mentions: Record<string, string>) => {
    try {
      parseTargets({ urls: [], file: { webhooks: [{ url: 'https://example.com/hook', format, mentions }] } }, false);
      return null;
    } catch (error) {
      expect(error).toBeInstanceOf(WebhookConfigError);
      return (error as Error).message;
    }
  };
  expect(refusal('slack', { Ben: 'U024BE7LH' })).toBeNull();
  expect(refusal('teams', { Ben: 'ben@contoso.com', Ana: '87d349ed-44d7-43e1-9a83-5f2406dee5bd' })).toBeNull();
  expect(refusal('teams', { Ben: 'U024BE7LH' })).toBe(
    'webhook config.webhooks[0].mentions.Ben: expected a user principal name (their sign-in address, ben@contoso.com) or a Microsoft Entra object id (a GUID), got U024BE7LH',
  );
  expect(refusal('slack', { Ben: 'ben@contoso.com' })).toBe(
    'webhook config.webhooks[0].mentions.Ben: expected a Slack member id such as U024BE7LH (in Slack: a profile, ⋮, Copy member ID), got ben@contoso.com',
  );
  expect(refusal('standard', { Ben: 'U024BE7LH' })).toBe(
    'webhook config.webhooks[0].mentions: only a Slack or Teams target mentions people',
  );
});

test('check-webhooks posts a test message to each target in its format, says what each answered, and exits 1 when one did not take it', async () => {
  const standard = await receiver();
  const slack = await receiver();
  const removed = await receiver([404]);
  const folder = mkdtempSync(join(tmpdir(), 'cxkit-check-'));
  const config = join(folder, 'webhooks.json');
  const write = (webhooks: unknown[]) => writeFileSync(config, JSON.stringify({ webhooks }));
  const check = async () => {
    const run = spawnCli(['check-webhooks', '--webhook-config', config, '--allow-private-webhooks']);
    return { code: await run.exited, output: run.output() };
  };
  const shown = (url: string) => url.replace(/\/cx$/, '/…');
  try {
    const good = [
      { url: standard.url, secret, when: { events: ['response.created', 'follow_up.changed'] } },
      { url: slack.url, name: 'Slack #cx', format: 'slack', when: { events: ['digest.weekly'] } },
    ];
    write([...good, { url: removed.url, format: 'teams' }]);
    const first = await check();
    expect(first.code).toBe(1);
    expect(first.output.trim().split('\n')).toEqual([
      `ok   (standard, ${shown(standard.url)}): answered 200`,
      `ok   Slack #cx (slack, ${shown(slack.url)}): answered 200`,
      `FAIL (teams, ${shown(removed.url)}): answered 404: the URL is no longer valid (a removed channel, app or workflow) — make a new one`,
    ]);
    const [posted] = standard.received as [Received];
    expect(verifies(posted.headers, posted.body, secret)).toBe(true);
    expect(JSON.parse(posted.body)).toMatchObject({
      type: 'webhook.test',
      data: { message: 'cxkit test: this is where its collector will post new answers and follow-up changes.' },
    });
    expect(JSON.parse(slack.received[0]!.body)).toEqual({
      text: "cxkit test: this is where its collector will post last week's digest on Mondays.",
    });
    expect(JSON.parse(removed.received[0]!.body).attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');

    write(good);
    expect(await check()).toMatchObject({ code: 0 });
    write([]);
    const none = await check();
    expect([none.code, none.output.split('\n')[0]]).toEqual([
      2,
      'cxkit-collector: check-webhooks: no targets: give --webhook or --webhook-config',
    ]);
  } finally {
    await Promise.all([standard.close(), slack.close(), removed.close()]);
    rmSync(folder, { recursive: true, force: true });
  }
});

for (const kind of storeKinds) {
  test(`${kind}: settled deliveries, copies of answers, are erased once kept their days; one still pending stays`, async ({
    startCollector,
    database,
  }) => {
    const hook = await receiver();
    const down = await receiver([503, 503]);
    const url = await database(kind);
    const targets = [
      { url: hook.url, format: 'standard' as const },
      { url: down.url, format: 'standard' as const },
    ];
    // the second target answers 503: its deliveries wait an hour for their next attempt
    const first = await startCollector({
      database: url,
      readKey: 'rk',
      dispatch: { targets, allowPrivate: true, pollMs: 50, baseDelayMs: 3_600_000 },
    });
    const listed = async (collector: { url: string }) =>
      (
        (await (await fetch(`${collector.url}v1/webhooks/deliveries?key=rk`)).json()) as { deliveries: Array<{ status: string }> }
      ).deliveries
        .map((d) => d.status)
        .sort();
    try {
      await first.post(batch(responses(2, 74)));
      await expect.poll(() => listed(first), { timeout: 10_000 }).toEqual(['delivered', 'delivered', 'pending', 'pending']);
      // another instance keeping settled deliveries no days at all: its first look erases the delivered ones
      const second = await startCollector({
        database: url,
        readKey: 'rk',
        dispatch: { targets, allowPrivate: true, pollMs: 50, baseDelayMs: 3_600_000, keepSettledDays: 0 },
      });
      await expect.poll(() => listed(second), { timeout: 10_000 }).toEqual(['pending', 'pending']);
    } finally {
      await Promise.all([hook.close(), down.close()]);
    }
  });
}

for (const kind of storeKinds) {
  test(`${kind}: a delivery to a target one instance was not given (a config rolled out an instance at a time) is left to one that was, not failed`, async ({
    openTestStore,
  }) => {
    const added = await receiver();
    const store = await openTestStore(kind);
    // the instance not yet restarted with the new target looks often; the one that has it, seldom
    const without = new WebhookDispatcher({ store, allowPrivate: true, pollMs: 10, targets: [] });
    const given = new WebhookDispatcher({ store, allowPrivate: true, pollMs: 300, targets: [{ url: added.url, format: 'standard' }] });
    const deliveries = Array.from({ length: 3 }, (_, i) => ({
      id: `msg_added_${i}`,
      event: 'digest.weekly' as const,
      target: added.url,
      responseId: null,
      userId: null,
      anonymousId: null,
      payload: JSON.stringify({ type: 'digest.weekly', n: i }),
    }));
    expect(await store.planOnce('test_plan', '1', deliveries, new Date())).toBe(true);
    // and one to a target taken away from every instance, planned eight days ago: failed, named
    const gone = { ...deliveries[0]!, id: 'msg_gone', target: 'http://127.0.0.1:9/hooks/gone' };
    expect(await store.planOnce('test_gone', '1', [gone], new Date(Date.now() - 8 * 86_400_000))).toBe(true);
    without.start();
    given.start();
    try {
      await expect
        .poll(() => added.received.map((r) => r.headers['webhook-id']).sort(), { timeout: 15_000 })
        .toEqual(deliveries.map((d) => d.id));
      await expect
        .poll(async () => (await store.deliveries({ limit: 10, status: 'failed' })).map((d) => [d.id, d.lastError]))
        .toEqual([['msg_gone', 'no instance configured with this target took it in 7 days']]);
    } finally {
      await Promise.all([without.stop(), given.stop()]);
      await added.close();
    }
  });
}

test("the README's webhook config, its placeholders filled, is one the collector takes, and says what each target gets", () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('**Webhooks and alerts.**'));
  const json = /```json\n([\s\S]*?)\n```/.exec(section)![1]!.replaceAll('whsec_…', secret);
  const targets = parseTargets({ urls: [], file: JSON.parse(json) }, false);
  expect(targets.map((target) => [target.name ?? target.format, targetSaid(target)])).toEqual([
    ['standard', 'new answers (NPS, scores up to 6, with a comment)'],
    ['Slack #checkout', 'new answers (at checkout-complete)'],
    ['slack', 'follow-up changes'],
    ['slack', 'new answers and customers waiting past the promise (scores up to 6, plan enterprise)'],
    ['teams', "new answers, follow-up changes and last week's digest on Mondays (scores up to 6)"],
  ]);
});
