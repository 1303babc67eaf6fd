// <cx-nps>: Net Promoter Score, 0–10.
import type { Bands } from '../../locales/translation.js';
import type { Scale } from '../../schema/response.js';
import { defaultScales } from '../../schema/scales.js';
import { CxPromptElement } from '../prompt-element.js';

/**
 * Asks how likely the customer is to recommend you, on 0–10, then why.
 *
 * @summary Net Promoter Score prompt (0–10).
 * @tag cx-nps
 */
export class CxNps extends CxPromptElement {
  protected readonly kind = 'nps';

  protected get range(): Scale {
    return defaultScales.nps;
  }

  /** Detractors 0–6, passives 7–8, promoters 9–10. */
  protected band(score: number): keyof Bands {
    return score <= 6 ? 'low' : score <= 8 ? 'mid' : 'high';
  }
}
