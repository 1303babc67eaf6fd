// <cx-csat>: Customer Satisfaction, 1–5, as stars, faces or numbers.
import { html } from 'lit';
import { addEnglish, plural } from '../../locales/registry.js';
import type { Bands, Translation } from '../../locales/translation.js';
import type { Scale } from '../../schema/response.js';
import { defaultScales } from '../../schema/scales.js';
import type { ScaleOption } from '../internal/score-scale.js';
import { CxPromptElement } from '../prompt-element.js';
import { csatEnglish } from './csat-english.js';
import { faceIcons, starIcon } from './csat-icons.js';
import { csatStyles } from './csat.styles.js';

addEnglish(csatEnglish);

const variants = ['stars', 'emoji', 'numbers'] as const;
export type CsatVariant = (typeof variants)[number];

/**
 * Asks how satisfied the customer is, on 1–5, then why.
 *
 * @summary Customer Satisfaction prompt (1–5).
 * @tag cx-csat
 */
export class CxCsat extends CxPromptElement {
  static override styles = [...CxPromptElement.styles, csatStyles];
  static override properties = { variant: { reflect: true } };

  /** How options look: `stars`, `emoji` or `numbers`. Default `stars`. */
  variant: CsatVariant = 'stars';

  protected readonly kind = 'csat';

  protected override choices() {
    return { ...super.choices(), variant: { value: this.variant, allowed: variants, fallback: 'stars' } };
  }

  protected get range(): Scale {
    return defaultScales.csat;
  }

  protected override options(strings: Translation, locale: string, selected: number | null): ScaleOption[] {
    return [1, 2, 3, 4, 5].map((value) => {
      const level = strings.satisfaction[value - 1] ?? '';
      switch (this.variant) {
        case 'emoji':
          return { value, label: level, content: html`<span class="face">${faceIcons[value - 1]}</span>` };
        case 'numbers':
          return { value, label: `${this.digits(value, locale)}, ${level}`, content: this.digits(value, locale) };
        default:
          return {
            value,
            label: plural(strings.stars, value, locale, this.digits(value, locale)),
            content: html`<span class=${selected !== null && value <= selected ? 'star filled' : 'star'}>${starIcon}</span>`,
          };
      }
    });
  }

  /** Dissatisfied 1–2, neutral 3, satisfied 4–5. */
  protected band(score: number): keyof Bands {
    return score <= 2 ? 'low' : score === 3 ? 'mid' : 'high';
  }
}
