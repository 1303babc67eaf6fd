// Watches the page for what touchpoints wait on: SPA navigation, scroll depth and exit intent. Never throws into the page.
import { pagePath } from '../sdk/page.js';

export interface PageSignalHandlers {
  /**
   * The path (or a hash router's route) changed without a page load (pushState, replaceState, back/forward, Navigation
   * API), or the back/forward cache brought the page back: a new page view (`moved`); or only the query changed, on the
   * same page.
   */
  navigated(moved: boolean): void;
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

/** A container that scrolls and takes half the window's height or more: where a page scrolls, not a carousel or a menu. */
const isMainScroller = (element: Element): boolean =>
  element.scrollHeight > element.clientHeight &&
  element.clientHeight * 2 >= innerHeight &&
  /auto|scroll/.test(getComputedStyle(element).overflowY);

/** The parent an element is drawn in: through the slot it is shown in, and out of a shadow root to its host. */
const drawnIn = (element: Element): Element | null =>
  element.assignedSlot ?? element.parentElement ?? (element.parentNode as ShadowRoot | null)?.host ?? null;

/**
 * Where the page scrolls when the document itself does not (an app layout: <html> and <body> fit the window and a
 * container inside them scrolls), found from the middle of the window, in open shadow roots too (Ionic's
 * <ion-content> scrolls in its own); null when the document scrolls, or nothing does.
 */
function mainScroller(): Element | null {
  if (document.documentElement.scrollHeight > innerHeight) return null;
  const [x, y] = [innerWidth / 2, innerHeight / 2];
  let element = document.elementFromPoint(x, y);
  // into open shadow roots, where a component may draw its own scroller and what it holds
  let inner = element?.shadowRoot?.elementFromPoint(x, y);
  while (inner && inner !== element) {
    element = inner;
    inner = element.shadowRoot?.elementFromPoint(x, y);
  }
  for (; element; element = drawnIn(element)) if (isMainScroller(element)) return element;
  return null;
}

/** Percent of the page seen: the bottom of the window (or of the main scroller) over the content's height; content that fits is 100. */
function scrollPercent(scroller: Element | null): number {
  const [top, seen, height] = scroller
    ? [scroller.scrollTop, scroller.clientHeight, scroller.scrollHeight]
    : [scrollY, innerHeight, document.documentElement.scrollHeight];
  return height <= seen ? 100 : Math.min(100, ((top + seen) / height) * 100);
}

/** Events that scroll the page, which reach the document from inside shadow roots too (scroll events do not). */
const scrollIntents = ['wheel', 'touchmove', 'keydown'] as const;

/** Which signals anything waits on: a page whose touchpoints wait on no scroll depth pays nothing per scroll. */
export interface WatchedSignals {
  readonly scroll: boolean;
  readonly exitIntent: boolean;
}

/** Starts watching; returns the function that stops. */
export function watchPage(handlers: PageSignalHandlers, watched: WatchedSignals): () => void {
  wrapHistory();
  let path = pagePath();
  let query = location.search;
  let deepest = 0;
  let frame = 0;
  /** Where the page scrolls: the window (null) or its main scroller; undefined until looked for (again after a navigation). */
  let scroller: Element | null | undefined;
  /** What the last scroll event of this frame scrolled: the document, or an element (caught on its way down). */
  let scrolled: EventTarget | null = null;
  const onNavigation = () => {
    const now = pagePath();
    const moved = now !== path;
    if (!moved && location.search === query) return; // a place in the page (#reviews) is the same page
    query = location.search;
    if (moved) {
      path = now;
      deepest = 0;
      scroller = undefined;
    }
    handlers.navigated(moved);
  };
  /** A scroller in a shadow root, whose scroll events never reach the document: listened to itself. */
  let followed: Element | null = null;
  const onScroll = (event?: Event) => {
    scrolled = event?.target ?? null;
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (scrolled === document) scroller = null;
      else if (scrolled instanceof Element && scrolled !== scroller && isMainScroller(scrolled)) scroller = scrolled;
      if (scroller === undefined) scroller = mainScroller();
      const inShadow = scroller?.getRootNode() instanceof ShadowRoot ? scroller : null;
      if (inShadow !== followed) {
        followed?.removeEventListener('scroll', onScroll);
        inShadow?.addEventListener('scroll', onScroll, { passive: true });
        followed = inShadow;
      }
      const percent = scrollPercent(scroller);
      if (percent <= deepest) return;
      deepest = percent;
      handlers.scrolled(percent);
    });
  };
  // a page the back/forward cache brings back is viewed again, as an app's view is when the visitor goes back to it
  const onPageShow = (event: PageTransitionEvent) => {
    if (!event.persisted) return;
    deepest = 0;
    scroller = undefined;
    handlers.navigated(true);
  };
  const onMouseOut = (event: MouseEvent) => {
    if (!event.relatedTarget && event.clientY <= 0) handlers.exitIntent();
  };
  const navigation = (globalThis as { navigation?: EventTarget }).navigation;
  window.addEventListener(navigationEvent, onNavigation);
  window.addEventListener('popstate', onNavigation);
  window.addEventListener('pageshow', onPageShow);
  navigation?.addEventListener('navigatesuccess', onNavigation);
  /**
   * What the visitor does to scroll, which the document hears from inside shadow roots too: where the scroller is in
   * one (a new view may have brought another), or is not known yet, it is looked for again.
   */
  const onScrollIntent = () => {
    if (scroller !== undefined && !followed) return;
    scroller = undefined;
    onScroll();
  };
  if (watched.scroll) {
    // scroll events do not bubble: caught on their way down, the document's and every light-DOM container's
    document.addEventListener('scroll', onScroll, { capture: true, passive: true });
    for (const type of scrollIntents) document.addEventListener(type, onScrollIntent, { capture: true, passive: true });
    onScroll();
  }
  if (watched.exitIntent) document.addEventListener('mouseout', onMouseOut);
  return () => {
    window.removeEventListener(navigationEvent, onNavigation);
    window.removeEventListener('popstate', onNavigation);
    window.removeEventListener('pageshow', onPageShow);
    navigation?.removeEventListener('navigatesuccess', onNavigation);
    document.removeEventListener('scroll', onScroll, { capture: true });
    for (const type of scrollIntents) document.removeEventListener(type, onScrollIntent, { capture: true });
    followed?.removeEventListener('scroll', onScroll);
    document.removeEventListener('mouseout', onMouseOut);
    cancelAnimationFrame(frame);
  };
}
