// The standard English wording of each metric's question: the locale's default, and what the SDK records when an
// answer comes without its question. Its own module so that the SDK does not pull in the whole English translation.
export const standardQuestions = {
  nps: 'How likely are you to recommend us to a friend or colleague?',
  csat: 'How satisfied are you with your experience?',
  ces: 'The company made it easy for me to handle my issue.',
} as const;
