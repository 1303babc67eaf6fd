import type { Translation } from '../translation.js';

export const sv: Translation = {
  dir: 'ltr',
  question: {
    nps: 'Hur troligt är det att du skulle rekommendera oss till en vän eller kollega?',
    csat: 'Hur nöjd är du med din upplevelse?',
    ces: 'Företaget gjorde det enkelt för mig att hantera mitt ärende.',
  },
  ends: {
    nps: ['Inte alls troligt', 'Extremt troligt'],
    csat: ['Mycket missnöjd', 'Mycket nöjd'],
    ces: ['Instämmer inte alls', 'Instämmer helt'],
  },
  followUp: {
    nps: {
      low: 'Vad är den främsta anledningen till ditt betyg?',
      mid: 'Vad skulle göra att du hellre rekommenderade oss?',
      high: 'Vad tycker du bäst om hos oss?',
    },
    csat: { low: 'Vad gick fel?', mid: 'Vad kunde vi ha gjort bättre?', high: 'Vad uppskattade du mest?' },
    ces: { low: 'Vad gjorde det svårt?', mid: 'Vad hade kunnat göra det enklare?', high: 'Vad gjorde det enkelt?' },
  },
  satisfaction: ['Mycket missnöjd', 'Missnöjd', 'Neutral', 'Nöjd', 'Mycket nöjd'],
  stars: { one: '{n} stjärna', other: '{n} stjärnor' },
  commentPlaceholder: 'Valfritt',
  submit: 'Skicka',
  skip: 'Hoppa över',
  close: 'Stäng',
  thanks: 'Tack för din feedback!',
  saveFailed: 'Ditt svar kunde inte sparas.',
  retry: 'Försök igen',
};
