import type { Translation } from '../translation.js';

export const tr: Translation = {
  dir: 'ltr',
  question: {
    nps: 'Bizi bir arkadaşınıza veya iş arkadaşınıza tavsiye etme olasılığınız nedir?',
    csat: 'Deneyiminizden ne kadar memnun kaldınız?',
    ces: 'Şirket, talebimi halletmemi kolaylaştırdı.',
  },
  ends: {
    nps: ['Hiç olası değil', 'Son derece olası'],
    csat: ['Hiç memnun değilim', 'Çok memnunum'],
    ces: ['Kesinlikle katılmıyorum', 'Kesinlikle katılıyorum'],
  },
  followUp: {
    nps: {
      low: 'Puanınızın temel nedeni nedir?',
      mid: 'Bizi tavsiye etme olasılığınızı ne artırırdı?',
      high: 'En çok neyimizi beğeniyorsunuz?',
    },
    csat: { low: 'Ne ters gitti?', mid: 'Neyi daha iyi yapabilirdik?', high: 'En çok neyi beğendiniz?' },
    ces: { low: 'Ne zorlaştırdı?', mid: 'Ne daha kolay hale getirebilirdi?', high: 'Ne kolaylaştırdı?' },
  },
  satisfaction: ['Hiç memnun değilim', 'Memnun değilim', 'Kararsızım', 'Memnunum', 'Çok memnunum'],
  // a Turkish noun after a number stays singular
  stars: { other: '{n} yıldız' },
  commentPlaceholder: 'İsteğe bağlı',
  submit: 'Gönder',
  skip: 'Atla',
  close: 'Kapat',
  thanks: 'Geri bildiriminiz için teşekkür ederiz!',
  saveFailed: 'Yanıtınız kaydedilemedi.',
  retry: 'Tekrar dene',
};
