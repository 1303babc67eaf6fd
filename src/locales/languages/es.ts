import type { Translation } from '../translation.js';

export const es: Translation = {
  dir: 'ltr',
  question: {
    nps: '¿Qué probabilidad hay de que nos recomiendes a un amigo o colega?',
    csat: '¿Qué tan satisfecho estás con tu experiencia?',
    ces: 'La empresa me facilitó la gestión de mi problema.',
  },
  ends: {
    nps: ['Nada probable', 'Extremadamente probable'],
    csat: ['Muy insatisfecho', 'Muy satisfecho'],
    ces: ['Totalmente en desacuerdo', 'Totalmente de acuerdo'],
  },
  followUp: {
    nps: {
      low: '¿Cuál es el motivo principal de tu puntuación?',
      mid: '¿Qué haría más probable que nos recomendaras?',
      high: '¿Qué es lo que más te gusta de nosotros?',
    },
    csat: { low: '¿Qué salió mal?', mid: '¿Qué podríamos mejorar?', high: '¿Qué es lo que más te gustó?' },
    ces: { low: '¿Qué lo hizo difícil?', mid: '¿Qué lo habría hecho más fácil?', high: '¿Qué lo hizo fácil?' },
  },
  satisfaction: ['Muy insatisfecho', 'Insatisfecho', 'Neutral', 'Satisfecho', 'Muy satisfecho'],
  stars: { one: '{n} estrella', other: '{n} estrellas' },
  commentPlaceholder: 'Opcional',
  submit: 'Enviar',
  skip: 'Omitir',
  close: 'Cerrar',
  thanks: '¡Gracias por tu opinión!',
  saveFailed: 'No se pudo guardar tu respuesta.',
  retry: 'Reintentar',
};
