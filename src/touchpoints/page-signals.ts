// Watches the page for what touchpoints wait on: SPA navigation, scroll depth and exit intent. Never throws into the page.

export interface PageSignalHandlers {
  /** The path changed without a page load (pushState, replaceState, back/forward, Navigation API). */
  navigated(path: string): void;
  /** The deepest scroll position of this page view so far, 0–100. */
  scrolled(percent: number): void;
  /** The pointer left through the top of the window. */
  exitIntent(): void;
}

const navigationEvent = 'cxkit:navigation';
let historyWrapped = false;

/** Wraps pushState and replaceState once per page, so that every client hears SPA navigations. */
function wrapHistory(): void {
  if (historyWrapped) return;
  historyWrapped = true;
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = history[method];
    history[method] = function (this: History, ...args: Parameters<History['pushState']>) {
      const result = original.apply(this, args);
      try {
        window.dispatchEvent(new Event(navigationEvent));
      } catch {
        // the page's navigation already happened; a listener failing must not undo it
      }
      return result;
    };
  }
}

/** Percent of the page seen: the bottom of the viewport over the document's height; a page that fits is 100. */
function scrollPercent(): number {
  const height = document.documentElement.scrollHeight;
  if (height <= innerHeight) return 100;
  return Math.min(100, ((scrollY + innerHeight) / height) * 100);
}

/** Which signals anything waits on: a page whose touchpoints wait on no scroll depth pays nothing per scroll. */
export interface WatchedSignals {
  readonly scroll: boolean;
  readonly exitIntent: boolean;
}

/** Starts watching; returns the function that stops. */
export function watchPage(handlers: PageSignalHandlers, watched: WatchedSignals): () => void {
  wrapHistory();
  let path = location.pathname;
  let deepest = 0;
  let frame = 0;
  const onNavigation = () => {
    if (location.pathname === path) return; // a query or hash change is the same page
    path = location.pathname;
    deepest = 0;
    handlers.navigated(path);
  };
  const onScroll = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      const percent = scrollPercent();
      if (percent <= deepest) return;
      deepest = percent;
      handlers.scrolled(percent);
    });
  };
  const onMouseOut = (event: MouseEvent) => {
    if (!event.relatedTarget && event.clientY <= 0) handlers.exitIntent();
  };
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  window.addEventListener(navigationEvent, onNavigation);
  window.addEventListener('popstate', onNavigation);
  navigation?.addEventListener('navigatesuccess', onNavigation);
  if (watched.scroll) {
    window.addEventListener('scroll', onScroll, { passive: true });
    onScroll();
  }
  if (watched.exitIntent) document.addEventListener('mouseout', onMouseOut);
  return () => {
    window.removeEventListener(navigationEvent, onNavigation);
    window.removeEventListener('popstate', onNavigation);
    navigation?.removeEventListener('navigatesuccess', onNavigation);
    window.removeEventListener('scroll', onScroll);
    document.removeEventListener('mouseout', onMouseOut);
    cancelAnimationFrame(frame);
  };
}
