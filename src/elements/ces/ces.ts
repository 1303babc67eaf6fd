// <cx-ces>: Customer Effort Score, agreement on 1–7 (or 1–5).
import { addEnglish } from '../../locales/registry.js';
import type { Bands } from '../../locales/translation.js';
import type { Scale } from '../../schema/response.js';
import { CxPromptElement } from '../prompt-element.js';
import { cesEnglish } from './ces-english.js';

addEnglish(cesEnglish);

/**
 * Asks how much the customer agrees that you made it easy, then why.
 *
 * @summary Customer Effort Score prompt (1–7 agreement, or 1–5).
 * @tag cx-ces
 */
export class CxCes extends CxPromptElement {
  static override properties = { scale: { reflect: true } };

  /** Points on the agreement scale: `7` or `5`. Default `7`. */
  scale: '5' | '7' = '7';

  protected readonly kind = 'ces';

  protected override choices() {
    return { ...super.choices(), scale: { value: this.scale, allowed: ['5', '7'], fallback: '7' } };
  }

  protected get range(): Scale {
    return { min: 1, max: this.scale === '5' ? 5 : 7 };
  }

  /** On 1–7: hard 1–3, neutral 4, easy 5–7; on 1–5: 1–2, 3, 4–5. */
  protected band(score: number): keyof Bands {
    const middle = (this.range.max + 1) / 2;
    return score < middle ? 'low' : score === middle ? 'mid' : 'high';
  }
}
