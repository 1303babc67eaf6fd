// Standard Webhooks signing: `webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed by the base64
// part of a `whsec_…` secret, so that receivers verify with any Standard Webhooks library.
import { createHmac, randomUUID } from 'node:crypto';

const prefix = 'whsec_';

/** What is wrong with a secret, or null when it is a usable `whsec_…` secret. */
export function secretProblem(secret: string): string | null {
  if (!secret.startsWith(prefix)) return `expected a secret starting with ${prefix}`;
  const key = Buffer.from(secret.slice(prefix.length), 'base64');
  if (key.length < 24 || key.length > 64) return 'expected whsec_ followed by 24 to 64 bytes in base64';
  return null;
}

/** A new Standard Webhooks `webhook-id`, which every attempt of one delivery sends. */
export const newWebhookId = () => `msg_${randomUUID().replace(/-/g, '')}`;

/** The headers of one attempt: the id stays the same on every retry, the timestamp is the attempt's. */
export function signedHeaders(secret: string | undefined, id: string, timestampSeconds: number, body: string): Record<string, string> {
  const headers: Record<string, string> = { 'webhook-id': id, 'webhook-timestamp': String(timestampSeconds) };
  if (secret) {
    const key = Buffer.from(secret.slice(prefix.length), 'base64');
    headers['webhook-signature'] = `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
  }
  return headers;
}
