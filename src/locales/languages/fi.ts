import type { Translation } from '../translation.js';

export const fi: Translation = {
  dir: 'ltr',
  question: {
    nps: 'Kuinka todennäköisesti suosittelisit meitä ystävällesi tai kollegallesi?',
    csat: 'Kuinka tyytyväinen olet kokemukseesi?',
    ces: 'Yritys teki asiani hoitamisesta helppoa.',
  },
  ends: {
    nps: ['En lainkaan todennäköisesti', 'Erittäin todennäköisesti'],
    csat: ['Erittäin tyytymätön', 'Erittäin tyytyväinen'],
    ces: ['Täysin eri mieltä', 'Täysin samaa mieltä'],
  },
  followUp: {
    nps: {
      low: 'Mikä on tärkein syy antamaasi arvosanaan?',
      mid: 'Mikä saisi sinut suosittelemaan meitä todennäköisemmin?',
      high: 'Mistä pidät meissä eniten?',
    },
    csat: { low: 'Mikä meni pieleen?', mid: 'Mitä voisimme tehdä paremmin?', high: 'Mistä pidit eniten?' },
    ces: { low: 'Mikä teki siitä vaikeaa?', mid: 'Mikä olisi tehnyt siitä helpompaa?', high: 'Mikä teki siitä helppoa?' },
  },
  satisfaction: ['Erittäin tyytymätön', 'Tyytymätön', 'Neutraali', 'Tyytyväinen', 'Erittäin tyytyväinen'],
  stars: { one: '{n} tähti', other: '{n} tähteä' },
  commentPlaceholder: 'Valinnainen',
  submit: 'Lähetä',
  skip: 'Ohita',
  close: 'Sulje',
  thanks: 'Kiitos palautteestasi!',
  saveFailed: 'Vastaustasi ei voitu tallentaa.',
  retry: 'Yritä uudelleen',
};
