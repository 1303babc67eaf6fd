// "Customers": the figures of a view for everyone, or for one segment — a device, a locale, a page, new or returning
// visitors, a plan — chosen among the values the collector has in the page's range. The journey, the trends, the inbox
// and who did not answer each have one (they read a segment's answers, or displays, alone); the journey's, the trends'
// and the unanswered's live in the address like the filters.
import type { Segments } from '../analytics/segments.js';
import type { Segment } from '../store/store.js';
import { dimensionLabel, whole } from './wording.js';

/** Values offered per dimension: the most answered, as the segments view lists them. */
const valuesPerDimension = 20;

interface Offer {
  readonly dimension: string;
  readonly values: ReadonlyArray<{ readonly value: string; readonly n: number }>;
}

let offered: { readonly key: string; readonly load: Promise<Offer[]> } | undefined;

async function segmentsOf(params: URLSearchParams, dimension?: string): Promise<Segments | null> {
  const query = new URLSearchParams(params);
  query.set('limit', String(valuesPerDimension));
  if (dimension) query.set('by', dimension);
  try {
    const response = await fetch(`/v1/segments?${query}`);
    return response.ok ? ((await response.json()) as Segments) : null;
  } catch {
    return null;
  }
}

/** Every dimension's values for the page's filter: asked once per filter, whichever picker asks first. */
function offers(params: URLSearchParams): Promise<Offer[]> {
  const key = params.toString();
  if (offered?.key !== key) {
    const load = (async () => {
      const first = await segmentsOf(params);
      if (!first) return [];
      const rest = await Promise.all(first.dimensions.slice(1).map((d) => segmentsOf(params, d)));
      return [first, ...rest].flatMap((s) => (s ? [{ dimension: s.dimension, values: s.values }] : []));
    })();
    offered = { key, load };
  }
  return offered.load;
}

/** An option's value: the query the view adds for it, `by=device&value=mobile`. */
const optionValue = ({ dimension, value }: Segment) => new URLSearchParams({ by: dimension, value }).toString();

/** A segment in words: "device mobile", "plan pro" (a trait by its own name). */
export const segmentWords = ({ dimension, value }: Segment) =>
  `${dimension.startsWith('trait:') ? dimension.slice('trait:'.length) : dimensionLabel(dimension).toLowerCase()} ${value}`;

export interface CustomersPicker {
  /** The segment picked; null for everyone. */
  segment(): Segment | null;
  /** The view's query: the page's filter, and the segment when one is picked. */
  query(params: URLSearchParams): URLSearchParams;
  /** The segment picked as the answers' narrowing (`by` and `value`), for a figure that opens its answers. */
  narrowing(): { by?: string; value?: string };
  /**
   * The page's filter changed: the values to offer are those the collector has for it, asked for when someone reaches
   * for the choice (a dashboard nobody picks customers on costs the collector nothing more).
   */
  offer(params: URLSearchParams): void;
}

export function customersPicker(select: HTMLSelectElement): CustomersPicker {
  const segment = (): Segment | null => {
    const picked = new URLSearchParams(select.value);
    const [dimension, value] = [picked.get('by'), picked.get('value')];
    return dimension !== null && value !== null ? { dimension, value } : null;
  };
  /** The page's filter, and the one the offered values are for. */
  let current: URLSearchParams | null = null;
  let filled: string | null = null;

  async function fill(): Promise<void> {
    if (!current || filled === current.toString()) return;
    filled = current.toString();
    const found = await offers(current);
    const picked = segment();
    const everyone = new Option('Everyone', '', false, !picked);
    const groups = found
      .filter((offer) => offer.values.length)
      .map(({ dimension, values }) => {
        const group = document.createElement('optgroup');
        group.label = dimensionLabel(dimension);
        group.append(
          ...values.map(({ value, n }) => {
            const option = optionValue({ dimension, value });
            return new Option(`${value} (${whole(n)})`, option, false, option === select.value);
          }),
        );
        return group;
      });
    const kept = picked && !groups.some((g) => [...g.children].some((o) => (o as HTMLOptionElement).selected));
    select.replaceChildren(everyone, ...groups, ...(kept ? [new Option(segmentWords(picked), select.value, false, true)] : []));
  }
  // a pointer over it, a tap or the keyboard's focus come before the list opens
  for (const type of ['pointerenter', 'touchstart', 'focus']) select.addEventListener(type, () => void fill(), { passive: true });

  return {
    segment,
    query(params) {
      const query = new URLSearchParams(params);
      const picked = segment();
      if (picked) (query.set('by', picked.dimension), query.set('value', picked.value));
      return query;
    },
    narrowing() {
      const picked = segment();
      return picked ? { by: picked.dimension, value: picked.value } : {};
    },
    offer(params) {
      current = params;
      const picked = segment();
      // a choice from the address, named in words until the values come
      if (picked && select.selectedOptions[0]) select.selectedOptions[0].text = segmentWords(picked);
    },
  };
}
