import type { Translation } from '../translation.js';

export const pt: Translation = {
  dir: 'ltr',
  question: {
    nps: 'Qual a probabilidade de você nos recomendar a um amigo ou colega?',
    csat: 'Qual é o seu nível de satisfação com a sua experiência?',
    ces: 'A empresa facilitou a resolução do meu problema.',
  },
  ends: {
    nps: ['Nada provável', 'Extremamente provável'],
    csat: ['Muito insatisfeito', 'Muito satisfeito'],
    ces: ['Discordo totalmente', 'Concordo totalmente'],
  },
  followUp: {
    nps: {
      low: 'Qual é o principal motivo da sua nota?',
      mid: 'O que aumentaria a probabilidade de você nos recomendar?',
      high: 'Do que você mais gosta em nós?',
    },
    csat: { low: 'O que deu errado?', mid: 'O que poderíamos melhorar?', high: 'Do que você mais gostou?' },
    ces: { low: 'O que tornou isso difícil?', mid: 'O que teria tornado isso mais fácil?', high: 'O que tornou isso fácil?' },
  },
  satisfaction: ['Muito insatisfeito', 'Insatisfeito', 'Neutro', 'Satisfeito', 'Muito satisfeito'],
  stars: { one: '{n} estrela', other: '{n} estrelas' },
  commentPlaceholder: 'Opcional',
  submit: 'Enviar',
  skip: 'Pular',
  close: 'Fechar',
  thanks: 'Obrigado pelo seu feedback!',
  saveFailed: 'Não foi possível salvar sua resposta.',
  retry: 'Tentar novamente',
};
