// The dashboard's journey section: each stage with its moments — score, answers, response rate, change on the period
// before — and the weakest moment of each metric called out. From /v1/journey with the page's filter.
import type { Journey, JourneyMoment } from '../../analytics/journey.js';
import { answersButton } from './answers.js';
import { stackRow } from '../stack-row.js';
import { count, format, whole } from '../wording.js';
import { couldNotLoad, newestLoads } from '../newest-loads.js';
import { customersPicker, segmentWords } from '../customers-picker.js';

const section = document.querySelector<HTMLElement>('#journey')!;
const newest = newestLoads();
const customers = customersPicker(section.querySelector<HTMLSelectElement>('select[name="journeyFor"]')!);
let filter = new URLSearchParams();
/** The period the journey drawn counts. */
let period: Pick<Journey, 'since' | 'until'> | null = null;
const metric = { nps: 'NPS', csat: 'CSAT %', ces: 'CES (1–7)' } as const;

const scoreOf = (m: Pick<JourneyMoment, 'kind' | 'score'>) => (m.score === null ? '–' : format(m.score, m.kind === 'ces' ? 2 : 0));

/** "+8", "−3", "no change", or "–" when either period has no answers; words for screen readers in the cell's title. */
function change(m: JourneyMoment): string {
  if (m.change === null) return '–';
  const value = format(Math.abs(m.change), m.kind === 'ces' ? 2 : 0);
  if (value === format(0, m.kind === 'ces' ? 2 : 0)) return 'no change';
  return m.change > 0 ? `up ${value}` : `down ${value}`;
}

const headers = ['Moment', 'Score', 'Answers', 'Response rate', 'Change on the period before'];

/** A moment's row: its name opens its answers; a change is coloured by its direction. */
function row(m: JourneyMoment): HTMLTableRowElement {
  const values = [
    `${metric[m.kind]} ${scoreOf(m)}`,
    count(m.n, 'answer', 'answers'),
    m.responseRate === null ? '–' : `${format(m.responseRate)}%`,
    change(m),
  ];
  const direction = m.change === null || m.change === 0 ? undefined : m.change > 0 ? 'up' : 'down';
  // the answers the figures count: of the journey's period (without a range, the last 28 days up to now), of the segment
  const narrowing = {
    touchpoint: m.touchpoint,
    ...(filter.has('since') || !period ? {} : { since: period.since, until: period.until }),
    ...customers.narrowing(),
  };
  return stackRow(
    answersButton(m.touchpoint, narrowing),
    values.map((text, i) => ({ text, label: headers[i + 1]!, className: i === values.length - 1 ? direction : undefined })),
  );
}

function table(caption: string, moments: readonly JourneyMoment[]): HTMLTableElement {
  const el = document.createElement('table');
  el.className = 'journey-stage stack';
  el.setAttribute('role', 'table');
  el.createCaption().textContent = caption;
  const thead = el.createTHead();
  thead.setAttribute('role', 'rowgroup');
  const head = thead.insertRow();
  head.setAttribute('role', 'row');
  for (const label of headers) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.setAttribute('role', 'columnheader');
    th.textContent = label;
    head.append(th);
  }
  const body = el.createTBody();
  body.setAttribute('role', 'rowgroup');
  body.append(...moments.map(row));
  return el;
}

/** A stage shows its most answered moments first, this many at the start and this many more a click. */
const firstMoments = 10;
const moreMoments = 50;
const byAnswers = (a: JourneyMoment, b: JourneyMoment) =>
  b.n - a.n || (a.touchpoint < b.touchpoint ? -1 : a.touchpoint > b.touchpoint ? 1 : 0);

interface Steps {
  readonly total: number;
  /** How many are drawn already, and how many a click adds. */
  readonly drawn: number;
  readonly step: number;
  /** What the hint says with `drawn` of them drawn; the button's text for `next` more. */
  readonly say: (drawn: number) => string;
  readonly label: (next: number) => string;
  /** Draws items `from` to `to` (exclusive) and answers their elements. */
  readonly draw: (from: number, to: number) => HTMLElement[];
}

/**
 * The hint and the button under a list drawn a step at a time. The button goes with the last items: the keyboard
 * then lands on the first new one, not at the top of the page.
 */
function inSteps({ total, drawn: start, step, say, label, draw }: Steps): [HTMLElement, HTMLElement] {
  const hint = document.createElement('p');
  hint.className = 'hint';
  const more = document.createElement('button');
  more.type = 'button';
  let drawn = start;
  const update = () => {
    hint.textContent = say(drawn);
    more.textContent = label(Math.min(step, total - drawn));
    more.hidden = drawn >= total;
  };
  more.onclick = () => {
    const added = draw(drawn, drawn + step);
    drawn += added.length;
    update();
    if (more.hidden) added[0]?.querySelector('button')?.focus();
  };
  update();
  return [hint, more];
}

/**
 * A stage's table, most answered moments first. A stage with many moments (a touchpoint per help article or product)
 * starts with its first few and a button for more: thousands of rows at once made the page hundreds of screens long.
 * Those the collector left out are counted: the Touchpoint filter reads any one of them.
 */
function stage(caption: string, moments: readonly JourneyMoment[], leftOut: number): HTMLElement {
  const block = document.createElement('div');
  const ordered = [...moments].sort(byAnswers);
  const el = table(caption, ordered.slice(0, firstMoments));
  block.append(el);
  if (ordered.length <= firstMoments && !leftOut) return block;
  const all = ordered.length + leftOut;
  const rest = leftOut ? ` The other ${whole(leftOut)} have fewer answers: choose one with the Touchpoint filter.` : '';
  const steps = inSteps({
    total: ordered.length,
    drawn: Math.min(firstMoments, ordered.length),
    step: moreMoments,
    say: (drawn) =>
      `${whole(drawn)} of ${count(all, 'moment', 'moments')} in ${caption}, most answered first.${drawn >= ordered.length ? rest : ''}`,
    label: (next) => `Show ${next} more`,
    draw: (from, to) => {
      const rows = ordered.slice(from, to).map(row);
      el.tBodies[0]!.append(...rows);
      return rows;
    },
  });
  block.append(...steps);
  return block;
}

/** Stages shown at first, and how many more a click adds: a site that gives each product category a stage has hundreds. */
const stagesAtATime = 12;

/** The journey's stages in order, the first dozen at once and the rest a dozen a click, each stage drawn when shown. */
function stageBlocks(stages: Journey['stages']): HTMLElement[] {
  const blocks = stages.slice(0, stagesAtATime).map((s) => stage(s.stage, s.moments, s.momentsLeftOut));
  if (stages.length <= stagesAtATime) return blocks;
  const rest = document.createElement('div');
  const steps = inSteps({
    total: stages.length,
    drawn: stagesAtATime,
    step: stagesAtATime,
    say: (drawn) => `${whole(drawn)} of ${count(stages.length, 'stage', 'stages')} shown, in journey order.`,
    label: (next) => `Show ${next} more stages`,
    draw: (from, to) => {
      const added = stages.slice(from, to).map((s) => stage(s.stage, s.moments, s.momentsLeftOut));
      rest.before(...added);
      return added;
    },
  });
  rest.append(...steps);
  return [...blocks, rest];
}

export function refreshJourney(params: URLSearchParams): Promise<void> {
  filter = params;
  customers.offer(params);
  return load();
}

async function load(): Promise<void> {
  const list = section.querySelector('#journey-stages')!;
  const truth = section.querySelector('#moments-of-truth')!;
  const picked = customers.segment();
  const hint = section.querySelector<HTMLElement>('#journey-for')!;
  hint.hidden = !picked;
  if (picked) hint.textContent = `The answers and response rates of customers with ${segmentWords(picked)} alone.`;
  const loaded = await newest<Journey>(`/v1/journey?${customers.query(filter)}`);
  if (!loaded) return;
  if (!('body' in loaded)) {
    list.replaceChildren();
    truth.textContent = couldNotLoad('the journey', loaded);
    return;
  }
  const journey = loaded.body;
  period = journey;
  const stages = stageBlocks(journey.stages);
  if (journey.unstaged.length) stages.push(stage('No stage', journey.unstaged, journey.unstagedLeftOut));
  list.replaceChildren(...stages);
  if (!stages.length) {
    truth.textContent = 'No answers in this period. Give touchpoints a "stage" in the cxkit config to see them here by journey stage.';
    return;
  }
  truth.textContent = journey.momentsOfTruth.length
    ? `Weakest moments: ${journey.momentsOfTruth.map((m) => `${m.touchpoint} (${metric[m.kind]} ${scoreOf(m)}, ${count(m.n, 'answer', 'answers')})`).join('; ')}.`
    : 'No metric has two moments with enough answers (30 each) to tell the weakest yet.';
}

section.querySelector('#journey-options')!.addEventListener('change', () => void load());
