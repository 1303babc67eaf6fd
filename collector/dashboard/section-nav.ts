// The section links at the top of the dashboard: the section in view is marked as the current one, and an address
// that names a section (`#trends`, a link someone sent) lands on it once the figures are drawn — the panels above it
// grow as they load and would push it away after the browser's own jump.
const nav = document.querySelector<HTMLElement>('#sections')!;
const links = [...nav.querySelectorAll<HTMLAnchorElement>('a')];

/** The link of the last section whose top has reached the links' bar, or the last link at the end of the page. */
function inView(): HTMLAnchorElement | undefined {
  const page = document.documentElement;
  if (scrollY > 0 && innerHeight + scrollY >= page.scrollHeight - 2) return links.filter((link) => !link.hidden).at(-1);
  const line = nav.getBoundingClientRect().bottom + 16;
  let current: HTMLAnchorElement | undefined;
  for (const link of links) {
    const section = document.getElementById(link.hash.slice(1));
    // a section with nothing to show (no alerts configured) is hidden with its link: at the top of nothing
    if (section && !section.hidden && section.getBoundingClientRect().top <= line) current = link;
  }
  return current;
}

function mark(): void {
  const current = inView();
  for (const link of links) {
    if (link === current) link.setAttribute('aria-current', 'location');
    else link.removeAttribute('aria-current');
  }
  // a bar that scrolls sideways (a phone's) keeps the marked link in sight
  if (current && nav.scrollWidth > nav.clientWidth) {
    const left = current.offsetLeft - nav.offsetLeft;
    if (left < nav.scrollLeft || left + current.offsetWidth > nav.scrollLeft + nav.clientWidth) nav.scrollLeft = left - 16;
  }
}

let pending = false;
addEventListener(
  'scroll',
  () => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      mark();
    });
  },
  { passive: true },
);

/** Set once the visitor scrolls, presses a key or taps: from then on the page stays where they put it. */
let moved = false;
for (const type of ['wheel', 'touchmove', 'keydown', 'pointerdown']) {
  addEventListener(type, () => (moved = true), { once: true, passive: true, capture: true });
}

/** After the first drawing of the figures: to the section the address names, unless the visitor has moved on. */
export function landOnSection(): void {
  const named = links.find((link) => link.hash === location.hash);
  if (named && !moved) document.getElementById(named.hash.slice(1))?.scrollIntoView({ block: 'start' });
  mark();
}
