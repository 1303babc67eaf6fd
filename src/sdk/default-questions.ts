// The standard English wording of each metric, recorded when an answer comes without its question.
import type { PromptKind } from '../schema/response.js';

export const defaultQuestions: Record<PromptKind, string> = {
  nps: 'How likely are you to recommend us to a friend or colleague?',
  csat: 'How satisfied are you with your experience?',
  ces: 'The company made it easy for me to handle my issue.',
};
