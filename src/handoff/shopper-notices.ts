import { ActionTypes, ActivityTypes, type Activity, type ChannelAccount } from 'botbuilder';
import type { Language } from '../nlu/types';

/** What the shopper is told when agents join, hand over and leave, in the shopper's language. */

const LOCALES: Record<Language, string> = { zh: 'zh-CN', en: 'en-US' };

const NOTICES = {
  joined: {
    zh: '人工客服 {name} 已接入，正在为您服务。',
    en: '{name} from our customer-service team has joined the chat.',
  },
  transferred: {
    zh: '已为您转接给客服 {name}，请稍候。',
    en: 'You have been transferred to {name}, who will continue from here.',
  },
  closed: {
    zh: '客服已离开对话。请为本次服务打分：1–5 分（5 分最满意）。',
    en: 'The agent has left the chat. How would you rate this chat, from 1 to 5 (5 = excellent)?',
  },
} satisfies Record<string, Record<Language, string>>;

/** Said by the bot, not by an agent: the agent is gone, and the next one is not known yet. */
const REQUEUED = {
  othersOnline: {
    zh: '抱歉，刚才为您服务的客服已下线。正在为您转接其他客服，您的排队顺序不变，请稍候。回复“取消”可以回到机器人服务。',
    en: 'Sorry, the agent who was helping you has gone offline. We are passing you to another agent and you keep your place in the queue; please hold on. Reply "back to bot" to stop waiting.',
  },
  noneOnline: {
    zh: '抱歉，刚才为您服务的客服已下线，目前暂无其他客服在线。您的排队顺序不变，下一位上线的客服会为您服务。回复“取消”可以回到机器人服务。',
    en: 'Sorry, the agent who was helping you has gone offline, and no other agent is online right now. You keep your place in the queue and the next agent on duty will take over. Reply "back to bot" to stop waiting.',
  },
} satisfies Record<string, Record<Language, string>>;

const RATING_LABELS: Record<Language, string[]> = {
  zh: ['1 很不满意', '2 不满意', '3 一般', '4 满意', '5 非常满意'],
  en: ['1 Very poor', '2 Poor', '3 OK', '4 Good', '5 Excellent'],
};

function fill(template: string, name: string): string {
  return template.replace('{name}', name);
}

/** An agent's message as the shopper sees it: from.name is the agent's display name (DESIGN.md §6). */
export function agentMessage(agent: ChannelAccount, text: string, language: Language): Partial<Activity> {
  return { type: ActivityTypes.Message, text, textFormat: 'plain', from: agent, locale: LOCALES[language] };
}

export function joinedNotice(agent: ChannelAccount, language: Language): Partial<Activity> {
  return agentMessage(agent, fill(NOTICES.joined[language], agent.name), language);
}

export function transferredNotice(agent: ChannelAccount, language: Language): Partial<Activity> {
  return agentMessage(agent, fill(NOTICES.transferred[language], agent.name), language);
}

/**
 * "Your agent went offline; you are being passed to another one, in your old place." From the bot (no
 * `from`: the channel's bot account), since no agent is serving the shopper any more.
 */
export function requeuedNotice(language: Language, othersOnline: boolean): Partial<Activity> {
  const text = REQUEUED[othersOnline ? 'othersOnline' : 'noneOnline'][language];
  return { type: ActivityTypes.Message, text, textFormat: 'plain', locale: LOCALES[language] };
}

/**
 * "The agent has left; how would you rate this chat?" with 1–5 buttons. Each button sends its digit
 * ("1" … "5"), so the bot reads the rating the same whether the shopper taps or types it.
 */
export function ratingRequest(agent: ChannelAccount, language: Language): Partial<Activity> {
  return {
    ...agentMessage(agent, NOTICES.closed[language], language),
    suggestedActions: {
      to: [],
      actions: RATING_LABELS[language].map((title, index) => ({
        type: ActionTypes.ImBack,
        title,
        value: String(index + 1),
      })),
    },
    channelData: { kefu: { ratingRequest: true } },
  };
}
