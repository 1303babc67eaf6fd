import type { Translation } from '../translation.js';

export const ko: Translation = {
  dir: 'ltr',
  question: {
    nps: '친구나 동료에게 저희를 추천할 가능성은 얼마나 됩니까?',
    csat: '이번 경험에 얼마나 만족하셨나요?',
    ces: '회사 덕분에 문제를 쉽게 처리할 수 있었다.',
  },
  ends: {
    nps: ['전혀 가능성 없음', '매우 가능성 높음'],
    csat: ['매우 불만족', '매우 만족'],
    ces: ['전혀 동의하지 않음', '매우 동의함'],
  },
  followUp: {
    nps: {
      low: '이 점수를 주신 주된 이유는 무엇인가요?',
      mid: '어떻게 하면 저희를 더 추천하고 싶으시겠어요?',
      high: '저희의 어떤 점이 가장 마음에 드시나요?',
    },
    csat: { low: '무엇이 잘못되었나요?', mid: '무엇을 개선할 수 있을까요?', high: '무엇이 가장 좋으셨나요?' },
    ces: { low: '무엇이 어려웠나요?', mid: '무엇이 있었다면 더 쉬웠을까요?', high: '무엇이 쉽게 만들어 주었나요?' },
  },
  satisfaction: ['매우 불만족', '불만족', '보통', '만족', '매우 만족'],
  stars: { other: '별 {n}개' },
  commentPlaceholder: '선택 사항',
  submit: '보내기',
  skip: '건너뛰기',
  close: '닫기',
  thanks: '소중한 의견 감사합니다!',
  saveFailed: '답변을 저장하지 못했습니다.',
  retry: '다시 시도',
};
