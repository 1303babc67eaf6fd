import type { Translation } from '../translation.js';

export const fr: Translation = {
  dir: 'ltr',
  question: {
    nps: 'Quelle est la probabilité que vous nous recommandiez à un ami ou à un collègue ?',
    csat: 'Dans quelle mesure êtes-vous satisfait de votre expérience ?',
    ces: "L'entreprise m'a facilité le traitement de ma demande.",
  },
  ends: {
    nps: ['Pas du tout probable', 'Extrêmement probable'],
    csat: ['Très insatisfait', 'Très satisfait'],
    ces: ["Pas du tout d'accord", "Tout à fait d'accord"],
  },
  followUp: {
    nps: {
      low: 'Quelle est la principale raison de votre note ?',
      mid: 'Qu’est-ce qui vous donnerait davantage envie de nous recommander ?',
      high: 'Qu’appréciez-vous le plus chez nous ?',
    },
    csat: { low: 'Qu’est-ce qui n’a pas fonctionné ?', mid: 'Que pourrions-nous améliorer ?', high: 'Qu’avez-vous le plus apprécié ?' },
    ces: {
      low: 'Qu’est-ce qui a rendu cela difficile ?',
      mid: 'Qu’est-ce qui aurait rendu cela plus simple ?',
      high: 'Qu’est-ce qui a rendu cela simple ?',
    },
  },
  satisfaction: ['Très insatisfait', 'Insatisfait', 'Neutre', 'Satisfait', 'Très satisfait'],
  stars: { one: '{n} étoile', other: '{n} étoiles' },
  commentPlaceholder: 'Facultatif',
  submit: 'Envoyer',
  skip: 'Passer',
  close: 'Fermer',
  thanks: 'Merci pour votre avis !',
  saveFailed: 'Votre réponse n’a pas pu être enregistrée.',
  retry: 'Réessayer',
};
