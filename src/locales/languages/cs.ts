import type { Translation } from '../translation.js';

export const cs: Translation = {
  dir: 'ltr',
  question: {
    nps: 'Jak pravděpodobné je, že nás doporučíte příteli nebo kolegovi?',
    csat: 'Jak jste spokojeni se svou zkušeností?',
    ces: 'Společnost mi usnadnila vyřízení mého požadavku.',
  },
  ends: {
    nps: ['Vůbec nepravděpodobné', 'Velmi pravděpodobné'],
    csat: ['Velmi nespokojen(a)', 'Velmi spokojen(a)'],
    ces: ['Rozhodně nesouhlasím', 'Rozhodně souhlasím'],
  },
  followUp: {
    nps: {
      low: 'Jaký je hlavní důvod vašeho hodnocení?',
      mid: 'Co by vás přimělo nás spíše doporučit?',
      high: 'Co se vám na nás nejvíce líbí?',
    },
    csat: { low: 'Co se pokazilo?', mid: 'Co bychom mohli zlepšit?', high: 'Co se vám nejvíce líbilo?' },
    ces: { low: 'Co to ztížilo?', mid: 'Co by to usnadnilo?', high: 'Co to usnadnilo?' },
  },
  satisfaction: ['Velmi nespokojen(a)', 'Nespokojen(a)', 'Neutrální', 'Spokojen(a)', 'Velmi spokojen(a)'],
  stars: { one: '{n} hvězdička', few: '{n} hvězdičky', many: '{n} hvězdičky', other: '{n} hvězdiček' },
  commentPlaceholder: 'Nepovinné',
  submit: 'Odeslat',
  skip: 'Přeskočit',
  close: 'Zavřít',
  thanks: 'Děkujeme za zpětnou vazbu!',
  saveFailed: 'Vaši odpověď se nepodařilo uložit.',
  retry: 'Zkusit znovu',
};
