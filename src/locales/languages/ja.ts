import type { Translation } from '../translation.js';

export const ja: Translation = {
  dir: 'ltr',
  question: {
    nps: '友人や同僚に当社を勧める可能性はどのくらいありますか？',
    csat: '今回のご利用にどの程度満足されましたか？',
    ces: '企業のおかげで、問題を簡単に解決できた。',
  },
  ends: {
    nps: ['まったく可能性はない', '非常に可能性が高い'],
    csat: ['非常に不満', '非常に満足'],
    ces: ['まったくそう思わない', '強くそう思う'],
  },
  followUp: {
    nps: {
      low: 'このスコアを付けた主な理由は何ですか？',
      mid: 'どうすれば当社をもっと勧めたいと思いますか？',
      high: '当社のどこが最も気に入っていますか？',
    },
    csat: { low: '何が問題でしたか？', mid: '改善できる点は何ですか？', high: '最も良かった点は何ですか？' },
    ces: { low: '何が難しかったですか？', mid: '何があればもっと簡単でしたか？', high: '何が簡単にしてくれましたか？' },
  },
  satisfaction: ['非常に不満', '不満', 'どちらでもない', '満足', '非常に満足'],
  stars: { other: '星{n}つ' },
  commentPlaceholder: '任意',
  submit: '送信',
  skip: 'スキップ',
  close: '閉じる',
  thanks: 'ご意見ありがとうございました！',
  saveFailed: '回答を保存できませんでした。',
  retry: '再試行',
};
