// The English strings that only <cx-ces> uses, added to English by its module (see `addEnglish`).
import type { DeepPartial, Translation } from '../../locales/translation.js';

export const cesEnglish = {
  ends: { ces: ['Strongly disagree', 'Strongly agree'] },
  followUp: { ces: { low: 'What made it difficult?', mid: 'What could have made it easier?', high: 'What made it easy?' } },
} satisfies DeepPartial<Translation>;
