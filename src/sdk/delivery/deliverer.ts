// What a client needs of its delivery, however it arrives: built in (the SDK's createClient), or as a file of its own
// that the script tag loads only once the outbox holds something to send (dist/cxkit-delivery.js).
import type { ResolvedConfig } from '../../schema/config.js';
import type { ClientEventMap, FlushResult } from '../client/client-events.js';
import type { Emitter } from '../client/emitter.js';
import type { Outbox } from '../outbox/outbox.js';
import type { OutboxEntry } from '../outbox/store.js';

export interface Deliverer {
  /** Says that this page checked the answer stored under `id` and wrote it itself: a flush need not check it again. */
  checked(id: string): void;
  /** Delivers what is due. A flush asked for while one runs waits for it and then runs once more. */
  flush(): Promise<FlushResult>;
  /** Flushes after `delayMs`, unless an earlier flush is already scheduled. */
  schedule(delayMs: number): void;
  /** The page is going away: sends what this page knows is waiting, synchronously, with keepalive. */
  sendOnUnload(): void;
  /**
   * A prompt is on screen: its display and perhaps an answer will want sending, maybe as the page goes away, when
   * nothing can be loaded any more. Delivery that arrives as a file of its own comes now.
   */
  getReady(): void;
  /** Logs what delivery does (sent, retried, refused) to the console while on: debug mode. */
  setDebug(on: boolean): void;
  /** While consent is not granted nothing is sent; answers wait. */
  setPaused(paused: boolean): void;
  stop(): void;
}

/** What delivery works with; the client provides it. */
export interface DeliveryDeps {
  readonly outbox: Outbox;
  readonly config: ResolvedConfig;
  readonly events: Emitter<ClientEventMap>;
  /** This page's id: its drafts are its own to send. */
  readonly owner: string;
  /**
   * Whether a stored entry still validates; one that does not is quarantined, not sent. The client's, so that delivery
   * carries no schema of its own.
   */
  readonly stillValid: (entry: OutboxEntry) => boolean;
}

export type StartDelivery = (deps: DeliveryDeps) => Deliverer;
