// The English strings that only <cx-csat> uses, added to English by its module (see `addEnglish`).
import type { DeepPartial, Translation } from '../../locales/translation.js';

export const csatEnglish = {
  ends: { csat: ['Very dissatisfied', 'Very satisfied'] },
  followUp: { csat: { low: 'What went wrong?', mid: 'What could we do better?', high: 'What did you like most?' } },
  satisfaction: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
  stars: { one: '{n} star', other: '{n} stars' },
} satisfies DeepPartial<Translation>;
