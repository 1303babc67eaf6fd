// The webhook delivery queue's table, the same on both stores but for the time and integer types.

/** One row per delivery of one answer to one target: its fixed payload, its attempts, and where it stands. */
export const webhookDeliveries = (time: string, integer: string) => `
   CREATE TABLE webhook_deliveries (
     id TEXT PRIMARY KEY,
     target TEXT NOT NULL,
     response_id TEXT NOT NULL,
     user_id TEXT,
     anonymous_id TEXT NOT NULL,
     payload TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'pending',
     attempts ${integer} NOT NULL DEFAULT 0,
     next_attempt_at ${time} NOT NULL,
     claimed_until ${time},
     last_status ${integer},
     last_error TEXT,
     created_at ${time} NOT NULL,
     updated_at ${time} NOT NULL,
     delivered_at ${time}
   );
   CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
   CREATE INDEX webhook_deliveries_recent ON webhook_deliveries (updated_at);
   CREATE INDEX webhook_deliveries_by_response ON webhook_deliveries (response_id);
   CREATE INDEX webhook_deliveries_by_user ON webhook_deliveries (user_id) WHERE user_id IS NOT NULL;
   CREATE INDEX webhook_deliveries_by_visitor ON webhook_deliveries (anonymous_id);`;
