// Charts the dashboard draws with uPlot: each fills its container's width, follows the page's colours, has a text
// alternative, and says what is missing when it has nothing to draw.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const charts = new Map<string, uPlot>();
/** Keeps each drawn chart as wide as its container. */
const resize = new ResizeObserver((entries) => {
  for (const entry of entries) charts.get(entry.target.id)?.setSize({ width: entry.contentRect.width, height: 220 });
});

/** A colour of the page's theme (light or dark), for the canvas, which cannot read CSS variables. */
export const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim();

/** A theme colour (`#rrggbb`) made translucent, as rgba() every browser's canvas reads (not all read color-mix()). */
export function translucent(hex: string, alpha: number): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** Draws (or redraws) a chart that fills its container's width; canvas charts get a text alternative. */
export function draw(
  id: string,
  options: Omit<uPlot.Options, 'width' | 'height'>,
  data: uPlot.AlignedData,
  description: string,
  xAxis: Partial<uPlot.Axis> = {},
  yAxis: Partial<uPlot.Axis> = {},
): uPlot {
  const el = document.getElementById(id)!;
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', description);
  charts.get(id)?.destroy();
  charts.delete(id);
  el.replaceChildren();
  const axis = { stroke: css('--muted'), grid: { stroke: css('--line'), width: 1 }, ticks: { stroke: css('--line'), width: 1 } };
  // no legend: with no point under the cursor uPlot's shows "--"; the title, the colours' key and the text alternative say it
  const chart = new uPlot(
    {
      ...options,
      legend: { show: false },
      width: el.clientWidth || 320,
      height: 220,
      axes: [
        { ...axis, ...xAxis },
        { ...axis, ...yAxis },
      ],
    },
    data,
    el,
  );
  charts.set(id, chart);
  resize.observe(el);
  return chart;
}

/** In place of a chart with nothing to draw: what is missing and how to get it. */
export function empty(id: string, title: string): void {
  const el = document.getElementById(id)!;
  charts.get(id)?.destroy();
  charts.delete(id);
  el.removeAttribute('role');
  el.removeAttribute('aria-label');
  const heading = document.createElement('p');
  heading.className = 'empty-title';
  heading.textContent = title;
  const hint = document.createElement('p');
  hint.className = 'empty';
  hint.textContent =
    'No answers in this range yet. Answer a prompt in the demo shop (npm start), send the first one from your site, or widen the dates.';
  el.replaceChildren(heading, hint);
}
