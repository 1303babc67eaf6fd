import type { Translation } from '../translation.js';

export const nb: Translation = {
  dir: 'ltr',
  question: {
    nps: 'Hvor sannsynlig er det at du vil anbefale oss til en venn eller kollega?',
    csat: 'Hvor fornøyd er du med opplevelsen din?',
    ces: 'Bedriften gjorde det enkelt for meg å få løst saken min.',
  },
  ends: {
    nps: ['Ikke sannsynlig i det hele tatt', 'Svært sannsynlig'],
    csat: ['Svært misfornøyd', 'Svært fornøyd'],
    ces: ['Helt uenig', 'Helt enig'],
  },
  followUp: {
    nps: {
      low: 'Hva er hovedgrunnen til vurderingen din?',
      mid: 'Hva ville gjort at du heller anbefalte oss?',
      high: 'Hva liker du best ved oss?',
    },
    csat: { low: 'Hva gikk galt?', mid: 'Hva kunne vi gjort bedre?', high: 'Hva likte du best?' },
    ces: { low: 'Hva gjorde det vanskelig?', mid: 'Hva kunne gjort det enklere?', high: 'Hva gjorde det enkelt?' },
  },
  satisfaction: ['Svært misfornøyd', 'Misfornøyd', 'Nøytral', 'Fornøyd', 'Svært fornøyd'],
  stars: { one: '{n} stjerne', other: '{n} stjerner' },
  commentPlaceholder: 'Valgfritt',
  submit: 'Send',
  skip: 'Hopp over',
  close: 'Lukk',
  thanks: 'Takk for tilbakemeldingen!',
  saveFailed: 'Svaret ditt kunne ikke lagres.',
  retry: 'Prøv igjen',
};
