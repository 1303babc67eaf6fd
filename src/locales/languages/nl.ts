import type { Translation } from '../translation.js';

export const nl: Translation = {
  dir: 'ltr',
  question: {
    nps: 'Hoe waarschijnlijk is het dat u ons aanbeveelt bij een vriend of collega?',
    csat: 'Hoe tevreden bent u over uw ervaring?',
    ces: 'Het bedrijf heeft het mij gemakkelijk gemaakt om mijn probleem af te handelen.',
  },
  ends: {
    nps: ['Zeer onwaarschijnlijk', 'Zeer waarschijnlijk'],
    csat: ['Zeer ontevreden', 'Zeer tevreden'],
    ces: ['Helemaal mee oneens', 'Helemaal mee eens'],
  },
  followUp: {
    nps: {
      low: 'Wat is de belangrijkste reden voor uw score?',
      mid: 'Wat zou ervoor zorgen dat u ons eerder aanbeveelt?',
      high: 'Wat vindt u het beste aan ons?',
    },
    csat: { low: 'Wat ging er mis?', mid: 'Wat kunnen we beter doen?', high: 'Wat vond u het beste?' },
    ces: { low: 'Wat maakte het moeilijk?', mid: 'Wat had het gemakkelijker gemaakt?', high: 'Wat maakte het gemakkelijk?' },
  },
  satisfaction: ['Zeer ontevreden', 'Ontevreden', 'Neutraal', 'Tevreden', 'Zeer tevreden'],
  stars: { one: '{n} ster', other: '{n} sterren' },
  commentPlaceholder: 'Optioneel',
  submit: 'Versturen',
  skip: 'Overslaan',
  close: 'Sluiten',
  thanks: 'Bedankt voor uw feedback!',
  saveFailed: 'Uw antwoord kon niet worden opgeslagen.',
  retry: 'Opnieuw proberen',
};
