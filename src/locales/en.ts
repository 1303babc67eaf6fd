// English: the fallback for every language and string.
import { standardQuestions } from './standard-questions.js';
import type { Translation } from './translation.js';

export const en: Translation = {
  dir: 'ltr',
  question: standardQuestions,
  ends: {
    nps: ['Not at all likely', 'Extremely likely'],
    csat: ['Very dissatisfied', 'Very satisfied'],
    ces: ['Strongly disagree', 'Strongly agree'],
  },
  followUp: {
    nps: {
      low: 'What is the main reason for your score?',
      mid: 'What would make you more likely to recommend us?',
      high: 'What do you like most about us?',
    },
    csat: { low: 'What went wrong?', mid: 'What could we do better?', high: 'What did you like most?' },
    ces: { low: 'What made it difficult?', mid: 'What could have made it easier?', high: 'What made it easy?' },
  },
  satisfaction: ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'],
  stars: { one: '{n} star', other: '{n} stars' },
  commentPlaceholder: 'Optional',
  submit: 'Send',
  skip: 'Skip',
  close: 'Close',
  thanks: 'Thank you for your feedback!',
  saveFailed: 'Your answer could not be saved.',
  retry: 'Try again',
};
