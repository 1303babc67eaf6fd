// Where `cx.show()` finds the prompt UI: the elements module registers itself here, so the SDK never imports it.
import type { PromptKind, Response } from '../schema/response.js';
import type { PromptMode } from '../schema/touchpoint.js';
import type { CxClient } from './client.js';

export interface MountRequest {
  readonly client: CxClient;
  readonly kind: PromptKind;
  readonly touchpoint: string;
  readonly mode: PromptMode;
  readonly question?: string | undefined;
  readonly onShown: () => void;
  readonly onDismissed: () => void;
}

/** Shows a prompt; resolves with the response once it is queued, or null when dismissed. */
export type PromptMounter = (request: MountRequest) => Promise<Response | null>;

let mounter: PromptMounter | null = null;

export function registerPromptMounter(mount: PromptMounter): void {
  mounter = mount;
}

export function promptMounter(): PromptMounter | null {
  return mounter;
}
