// A view loads again each time a filter changes, and the collector may answer an earlier question last (a longer range,
// a busy moment): were every answer drawn as it came, the view would end showing figures for a filter no longer chosen.
// So only a view's newest load may draw; starting one cancels the one before it.

/** What a load brought: the collector's JSON, its refusal, or nothing at all (the collector could not be reached). */
export type Loaded<T> = { readonly body: T } | { readonly status: number } | { readonly unreachable: true };

/**
 * One view's loads. Each call cancels the load before it, and resolves null when a newer one has started meanwhile:
 * nothing to draw, nothing to say.
 */
export function newestLoads(): <T>(url: string) => Promise<Loaded<T> | null> {
  let current: AbortController | null = null;
  return async <T>(url: string) => {
    current?.abort();
    const controller = new AbortController();
    current = controller;
    let loaded: Loaded<T>;
    try {
      const response = await fetch(url, { signal: controller.signal });
      loaded = response.ok ? { body: (await response.json()) as T } : { status: response.status };
    } catch {
      loaded = { unreachable: true };
    }
    return controller.signal.aborted ? null : loaded;
  };
}

/** Why `what` is not shown, for the view's status line. */
export function couldNotLoad(what: string, failure: { readonly status: number } | { readonly unreachable: true }): string {
  return 'status' in failure
    ? `Could not load ${what} (HTTP ${failure.status}).`
    : `Could not load ${what}: the collector did not answer. It may be restarting; change a filter to try again.`;
}
