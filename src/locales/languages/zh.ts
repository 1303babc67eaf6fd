import type { Translation } from '../translation.js';

export const zh: Translation = {
  dir: 'ltr',
  question: {
    nps: '您向朋友或同事推荐我们的可能性有多大？',
    csat: '您对本次体验的满意程度如何？',
    ces: '该公司让我轻松地处理了我的问题。',
  },
  ends: {
    nps: ['完全不可能', '极有可能'],
    csat: ['非常不满意', '非常满意'],
    ces: ['非常不同意', '非常同意'],
  },
  followUp: {
    nps: { low: '您给出这个分数的主要原因是什么？', mid: '怎样才能让您更愿意推荐我们？', high: '您最喜欢我们的哪一点？' },
    csat: { low: '哪里出了问题？', mid: '我们可以在哪些方面做得更好？', high: '您最喜欢的是什么？' },
    ces: { low: '是什么让它变得困难？', mid: '怎样才能让它更容易？', high: '是什么让它变得容易？' },
  },
  satisfaction: ['非常不满意', '不满意', '一般', '满意', '非常满意'],
  stars: { other: '{n} 星' },
  commentPlaceholder: '选填',
  submit: '提交',
  skip: '跳过',
  close: '关闭',
  thanks: '感谢您的反馈！',
  saveFailed: '无法保存您的回答。',
  retry: '重试',
};
