import type { Translation } from '../translation.js';

export const it: Translation = {
  dir: 'ltr',
  question: {
    nps: 'Quanto è probabile che tu ci raccomandi a un amico o a un collega?',
    csat: 'Quanto sei soddisfatto della tua esperienza?',
    ces: "L'azienda mi ha reso facile gestire il mio problema.",
  },
  ends: {
    nps: ['Per niente probabile', 'Estremamente probabile'],
    csat: ['Molto insoddisfatto', 'Molto soddisfatto'],
    ces: ['Fortemente in disaccordo', "Fortemente d'accordo"],
  },
  followUp: {
    nps: {
      low: 'Qual è il motivo principale del tuo punteggio?',
      mid: 'Cosa ti renderebbe più propenso a raccomandarci?',
      high: 'Cosa ti piace di più di noi?',
    },
    csat: { low: 'Cosa è andato storto?', mid: 'Cosa potremmo migliorare?', high: 'Cosa ti è piaciuto di più?' },
    ces: { low: 'Cosa lo ha reso difficile?', mid: 'Cosa lo avrebbe reso più facile?', high: 'Cosa lo ha reso facile?' },
  },
  satisfaction: ['Molto insoddisfatto', 'Insoddisfatto', 'Neutrale', 'Soddisfatto', 'Molto soddisfatto'],
  stars: { one: '{n} stella', other: '{n} stelle' },
  commentPlaceholder: 'Facoltativo',
  submit: 'Invia',
  skip: 'Salta',
  close: 'Chiudi',
  thanks: 'Grazie per il tuo feedback!',
  saveFailed: 'Non è stato possibile salvare la tua risposta.',
  retry: 'Riprova',
};
