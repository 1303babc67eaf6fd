// Debug mode's trace of delivery in the console: what went, what waits and why, what was refused. It travels with
// delivery (dist/cxkit-delivery.js for the script tag), so that the core and the touchpoint engine do not carry it.
import type { ClientEventMap } from '../client/client-events.js';
import type { Emitter } from '../client/emitter.js';

const answers = (n: number) => `${n} answer${n === 1 ? '' : 's'}`;

/** Logs the client's delivery events until the function it returns is called. */
export function traceDelivery(events: Emitter<ClientEventMap>): () => void {
  const stops = [
    events.on('sent', ({ responses, status }) => console.info(`cxkit: delivery: sent ${answers(responses.length)} (${status})`)),
    events.on('retry', ({ responses, attempt, delayMs, status, error }) =>
      console.info(
        `cxkit: delivery: ${answers(responses.length)} not delivered (${status ?? error}), attempt ${attempt}; next try in ${Math.round(delayMs / 1000)} s`,
      ),
    ),
    events.on('rejected', ({ responses, reason }) => console.info(`cxkit: delivery: rejected ${answers(responses.length)}: ${reason}`)),
  ];
  return () => stops.forEach((stop) => stop());
}
