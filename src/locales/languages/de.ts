import type { Translation } from '../translation.js';

export const de: Translation = {
  dir: 'ltr',
  question: {
    nps: 'Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen weiterempfehlen?',
    csat: 'Wie zufrieden sind Sie mit Ihrer Erfahrung?',
    ces: 'Das Unternehmen hat es mir leicht gemacht, mein Anliegen zu erledigen.',
  },
  ends: {
    nps: ['Sehr unwahrscheinlich', 'Äußerst wahrscheinlich'],
    csat: ['Sehr unzufrieden', 'Sehr zufrieden'],
    ces: ['Stimme überhaupt nicht zu', 'Stimme voll und ganz zu'],
  },
  followUp: {
    nps: {
      low: 'Was ist der Hauptgrund für Ihre Bewertung?',
      mid: 'Was würde Sie dazu bringen, uns eher weiterzuempfehlen?',
      high: 'Was gefällt Ihnen an uns am besten?',
    },
    csat: { low: 'Was ist schiefgelaufen?', mid: 'Was könnten wir besser machen?', high: 'Was hat Ihnen am besten gefallen?' },
    ces: { low: 'Was hat es schwierig gemacht?', mid: 'Was hätte es einfacher gemacht?', high: 'Was hat es einfach gemacht?' },
  },
  satisfaction: ['Sehr unzufrieden', 'Unzufrieden', 'Neutral', 'Zufrieden', 'Sehr zufrieden'],
  stars: { one: '{n} Stern', other: '{n} Sterne' },
  commentPlaceholder: 'Optional',
  submit: 'Senden',
  skip: 'Überspringen',
  close: 'Schließen',
  thanks: 'Vielen Dank für Ihr Feedback!',
  saveFailed: 'Ihre Antwort konnte nicht gespeichert werden.',
  retry: 'Erneut versuchen',
};
