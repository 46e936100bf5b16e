import type { Language } from '../nlu/types';

/** What the bot says around a handoff, in both languages (the shop may edit these). */
export const handoffReplies = {
  queued: {
    zh: '正在为您转接人工客服，您前面还有 {ahead} 位顾客，预计等待约 {minutes} 分钟。等待期间回复“取消”可以回到机器人服务。',
    en: 'I\'m connecting you to a human agent. There {aheadText} ahead of you; the expected wait is about {minutes} min. Reply "back to bot" to stop waiting.',
  },
  queuedFirst: {
    zh: '正在为您转接人工客服，您是下一位，预计等待约 {minutes} 分钟。等待期间回复“取消”可以回到机器人服务。',
    en: 'I\'m connecting you to a human agent — you\'re next; the expected wait is about {minutes} min. Reply "back to bot" to stop waiting.',
  },
  noAgents: {
    zh: '现在没有人工客服在线（服务时间 {serviceHours}）。您可以直接留言，客服上线后会第一时间处理并回复您。请发送您的留言：',
    en: 'No agent is online right now (service hours {serviceHours}). Leave a message and the next shift will handle it and get back to you. Please type your message:',
  },
  messageTaken: {
    zh: '留言已收到，工单号 {ticketId}。客服上线后会尽快联系您。',
    en: "Got it — your message is ticket {ticketId}. An agent will get back to you as soon as they're on.",
  },
  messageDropped: {
    zh: '好的，不留言了。还有什么可以帮您的吗？',
    en: 'All right, no message then. Anything else I can help with?',
  },
  waitCancelled: {
    zh: '好的，已取消排队，我继续为您服务～',
    en: "OK, you've left the queue — I'm here to help again.",
  },
  ratingThanks: {
    zh: '感谢您的评价！还有其他可以帮您的吗？',
    en: 'Thanks for your rating! Anything else I can help with?',
  },
} as const satisfies Record<string, Record<Language, string>>;

export function handoffSay(
  key: keyof typeof handoffReplies,
  language: Language,
  values: Record<string, string | number> = {},
): string {
  return handoffReplies[key][language].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
