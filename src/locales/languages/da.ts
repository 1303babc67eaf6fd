import type { Translation } from '../translation.js';

export const da: Translation = {
  dir: 'ltr',
  question: {
    nps: 'Hvor sandsynligt er det, at du vil anbefale os til en ven eller kollega?',
    csat: 'Hvor tilfreds er du med din oplevelse?',
    ces: 'Virksomheden gjorde det nemt for mig at få løst min sag.',
  },
  ends: {
    nps: ['Slet ikke sandsynligt', 'Yderst sandsynligt'],
    csat: ['Meget utilfreds', 'Meget tilfreds'],
    ces: ['Helt uenig', 'Helt enig'],
  },
  followUp: {
    nps: {
      low: 'Hvad er hovedårsagen til din vurdering?',
      mid: 'Hvad ville gøre dig mere tilbøjelig til at anbefale os?',
      high: 'Hvad kan du bedst lide ved os?',
    },
    csat: { low: 'Hvad gik galt?', mid: 'Hvad kunne vi gøre bedre?', high: 'Hvad var du mest glad for?' },
    ces: { low: 'Hvad gjorde det svært?', mid: 'Hvad kunne have gjort det nemmere?', high: 'Hvad gjorde det nemt?' },
  },
  satisfaction: ['Meget utilfreds', 'Utilfreds', 'Neutral', 'Tilfreds', 'Meget tilfreds'],
  stars: { one: '{n} stjerne', other: '{n} stjerner' },
  commentPlaceholder: 'Valgfrit',
  submit: 'Send',
  skip: 'Spring over',
  close: 'Luk',
  thanks: 'Tak for din feedback!',
  saveFailed: 'Dit svar kunne ikke gemmes.',
  retry: 'Prøv igen',
};
