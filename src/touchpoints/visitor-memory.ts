// What the touchpoints remember about a visitor, in IndexedDB so that tabs and reloads agree: page views, the
// browser session, and per touchpoint whether the visitor is sampled in and when they last answered or dismissed.
import type { Visitor } from '../schema/context.js';
import type { MetaStore } from '../sdk/outbox/meta-store.js';

export interface TouchpointMemory {
  readonly sampledIn?: boolean;
  readonly answeredAt?: number;
  readonly dismissedAt?: number;
}

export interface VisitorState {
  readonly pageViews: number;
  /** Browser sessions so far, this one included (absent in memories written before it was counted: read as 1). */
  readonly sessions?: number;
  /** A session ends after 30 minutes without a page view or prompt. */
  readonly session: { readonly lastSeenAt: number; readonly prompts: number };
  readonly touchpoints: Readonly<Record<string, TouchpointMemory>>;
}

const key = 'visitor';
const sessionIdleMs = 30 * 60_000;

function fresh(now: number): VisitorState {
  return { pageViews: 0, sessions: 1, session: { lastSeenAt: now, prompts: 0 }, touchpoints: {} };
}

/** Rolls the session over when it has been idle too long. */
function current(state: VisitorState | undefined, now: number): VisitorState {
  if (!state) return fresh(now);
  if (now - state.session.lastSeenAt > sessionIdleMs)
    return { ...state, sessions: (state.sessions ?? 1) + 1, session: { lastSeenAt: now, prompts: 0 } };
  return state;
}

export class VisitorMemory {
  /** The last state read or written, for answers that cannot wait for storage (explain()). */
  snapshot: VisitorState = fresh(Date.now());
  #loaded = false;

  constructor(private readonly records: Pick<MetaStore, 'update'>) {}

  async #update(change: (state: VisitorState, now: number) => VisitorState): Promise<VisitorState> {
    const now = Date.now();
    this.snapshot = await this.records.update<VisitorState>(key, (stored) => change(current(stored, now), now));
    this.#loaded = true;
    return this.snapshot;
  }

  /** `new` in the visitor's first session, `returning` in a later one; undefined until the memory has been read. */
  get visitor(): Visitor | undefined {
    if (!this.#loaded) return undefined;
    return (this.snapshot.sessions ?? 1) > 1 ? 'returning' : 'new';
  }

  /** Re-reads what other tabs may have changed. */
  read(): Promise<VisitorState> {
    return this.#update((state) => state);
  }

  pageView(): Promise<VisitorState> {
    return this.#update((state, now) => ({ ...state, pageViews: state.pageViews + 1, session: { ...state.session, lastSeenAt: now } }));
  }

  #touch(id: string, change: (memory: TouchpointMemory, now: number) => TouchpointMemory) {
    return this.#update((state, now) => ({
      ...state,
      touchpoints: { ...state.touchpoints, [id]: change(state.touchpoints[id] ?? {}, now) },
    }));
  }

  /** Draws whether the visitor is in the touchpoint's sample, once and then remembered (`touchpoints[id].sampledIn`). */
  drawSample(id: string, rate: number): Promise<VisitorState> {
    return this.#touch(id, (memory) => (memory.sampledIn === undefined ? { ...memory, sampledIn: Math.random() < rate } : memory));
  }

  shown(): Promise<VisitorState> {
    return this.#update((state, now) => ({ ...state, session: { lastSeenAt: now, prompts: state.session.prompts + 1 } }));
  }

  answered(id: string): Promise<VisitorState> {
    return this.#touch(id, (memory, now) => ({ ...memory, answeredAt: now }));
  }

  dismissed(id: string): Promise<VisitorState> {
    return this.#touch(id, (memory, now) => ({ ...memory, dismissedAt: now }));
  }
}
