import type { Translation } from '../translation.js';

export const pl: Translation = {
  dir: 'ltr',
  question: {
    nps: 'Jak bardzo prawdopodobne jest, że polecisz nas znajomemu lub współpracownikowi?',
    csat: 'Jak bardzo jesteś zadowolony(-a) ze swojego doświadczenia?',
    ces: 'Firma ułatwiła mi załatwienie mojej sprawy.',
  },
  ends: {
    nps: ['Zupełnie nieprawdopodobne', 'Bardzo prawdopodobne'],
    csat: ['Bardzo niezadowolony(-a)', 'Bardzo zadowolony(-a)'],
    ces: ['Zdecydowanie się nie zgadzam', 'Zdecydowanie się zgadzam'],
  },
  followUp: {
    nps: {
      low: 'Jaki jest główny powód Twojej oceny?',
      mid: 'Co sprawiłoby, że chętniej byś nas polecił(a)?',
      high: 'Co najbardziej w nas lubisz?',
    },
    csat: { low: 'Co poszło nie tak?', mid: 'Co moglibyśmy poprawić?', high: 'Co podobało Ci się najbardziej?' },
    ces: { low: 'Co sprawiło trudność?', mid: 'Co mogłoby to ułatwić?', high: 'Co sprawiło, że było łatwo?' },
  },
  satisfaction: ['Bardzo niezadowolony(-a)', 'Niezadowolony(-a)', 'Neutralnie', 'Zadowolony(-a)', 'Bardzo zadowolony(-a)'],
  stars: { one: '{n} gwiazdka', few: '{n} gwiazdki', many: '{n} gwiazdek', other: '{n} gwiazdki' },
  commentPlaceholder: 'Opcjonalnie',
  submit: 'Wyślij',
  skip: 'Pomiń',
  close: 'Zamknij',
  thanks: 'Dziękujemy za opinię!',
  saveFailed: 'Nie udało się zapisać Twojej odpowiedzi.',
  retry: 'Spróbuj ponownie',
};
