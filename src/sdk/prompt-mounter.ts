// Where `cx.show()` finds the prompt UI: the elements module registers itself here, so the SDK never imports it.
import type { Attributes, PromptKind, Response } from '../schema/response.js';
import type { PromptMode } from '../schema/touchpoint.js';
import type { CxClient } from './client/client.js';

export interface MountRequest {
  readonly client: CxClient;
  readonly kind: PromptKind;
  readonly touchpoint: string;
  readonly mode: PromptMode;
  readonly question?: string | undefined;
  /** Goes with the answer. */
  readonly metadata?: Attributes | undefined;
  /** The prompt is on screen, in this language. */
  readonly onShown: (locale: string) => void;
  /** The customer chose a score (before any follow-up). */
  readonly onAnswer: () => void;
  readonly onDismissed: () => void;
}

/** Shows a prompt; resolves with the response once it is queued, or null when dismissed. */
export type PromptMounter = (request: MountRequest) => Promise<Response | null>;

let mounter: PromptMounter | null = null;
/**
 * Fetches the prompt UI, and what a kind needs beside it, on first use (the script tag loads them lazily); the prompt
 * UI registers the mounter.
 */
let loader: ((kind: PromptKind) => Promise<void>) | null = null;

export function registerPromptMounter(mount: PromptMounter): void {
  mounter = mount;
}

export function registerPromptLoader(load: (kind: PromptKind) => Promise<void>): void {
  loader = load;
}

/** The mounter, ready for a prompt of `kind` (loading the prompt UI first if need be); null when neither is there. */
export async function promptMounter(kind: PromptKind): Promise<PromptMounter | null> {
  if (loader) await loader(kind);
  return mounter;
}
