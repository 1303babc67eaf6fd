// English: the fallback for every language and string. The strings that only CSAT or CES use travel with their
// elements (`csat-english.ts`, `ces-english.ts`), which add them (`addEnglish`): a page that shows NPS alone never loads them.
import { standardQuestions } from '../standard-questions.js';
import type { DeepPartial, Translation } from '../translation.js';

export const en = {
  dir: 'ltr',
  question: standardQuestions,
  ends: {
    nps: ['Not at all likely', 'Extremely likely'],
  },
  followUp: {
    nps: {
      low: 'What is the main reason for your score?',
      mid: 'What would make you more likely to recommend us?',
      high: 'What do you like most about us?',
    },
  },
  commentPlaceholder: 'Optional',
  submit: 'Send',
  skip: 'Skip',
  close: 'Close',
  thanks: 'Thank you for your feedback!',
  saveFailed: 'Your answer could not be saved.',
  retry: 'Try again',
} satisfies DeepPartial<Translation>;
