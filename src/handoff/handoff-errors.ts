import { bilingual, Refusal } from '../refusal';

/**
 * A refusal of an agent operation: the server turns it into `{"error": {code, message}}` with this status.
 * Defined here rather than taken from the server, because the handoff sits below the server (DESIGN §9).
 */
export class HandoffError extends Refusal {}

/** Each with a stable code for programs and a message in both languages for the agent reading it. */
function refusal(status: number, code: string, en: string, zh: string, headers?: Record<string, string>) {
  return new HandoffError(status, code, bilingual(en, zh), headers);
}

export const handoffErrors = {
  missingToken: () =>
    refusal(
      401,
      'unauthorized',
      'Log in and send the agent token as "Authorization: Bearer ...".',
      '请先登录，并在 "Authorization: Bearer ..." 中提供客服令牌。',
    ),
  tokenInvalid: () =>
    refusal(401, 'token_invalid', 'This is not a valid agent token.', '这不是有效的客服令牌。'),
  tokenExpired: () =>
    refusal(
      401,
      'token_expired',
      'Your session has expired; please log in again.',
      '登录已过期，请重新登录。',
    ),
  badCredentials: () =>
    refusal(401, 'invalid_credentials', 'Wrong username or password.', '用户名或密码错误。'),
  loginRateLimited: (retryAfterSeconds: number) =>
    refusal(
      429,
      'rate_limited',
      `Too many login attempts; try again in ${retryAfterSeconds} s.`,
      `登录尝试过于频繁，请 ${retryAfterSeconds} 秒后再试。`,
      { 'retry-after': String(retryAfterSeconds) },
    ),
  conversationNotFound: () =>
    refusal(404, 'not_found', 'No handoff for this conversation.', '该会话没有转人工记录。'),
  customerNotFound: () => refusal(404, 'not_found', 'No such customer.', '找不到该顾客。'),
  agentNotFound: () =>
    refusal(404, 'agent_not_found', 'No agent with that username.', '没有该用户名的客服。'),
  alreadyTaken: () =>
    refusal(
      409,
      'already_assigned',
      'Another agent has already taken this conversation, or it is no longer waiting.',
      '该会话已被其他客服接入，或已不在排队中。',
    ),
  notOnline: () =>
    refusal(
      409,
      'not_online',
      'You are offline (logged out, or your console lost its connection): set yourself online to take chats.',
      '您当前处于离线状态（已退出登录，或客服台连接中断）：请先切换为在线，再接入会话。',
    ),
  atCapacity: (max: number) =>
    refusal(
      409,
      'at_capacity',
      `That would be more than ${max} chats at once; close one first.`,
      `同时接待的会话不能超过 ${max} 个，请先结束一个会话。`,
    ),
  targetAtCapacity: () =>
    refusal(
      409,
      'agent_at_capacity',
      'That agent already has as many chats as they can take.',
      '该客服当前接待量已满。',
    ),
  targetUnavailable: () =>
    refusal(
      409,
      'agent_unavailable',
      'That agent is not online; transfer to someone who is.',
      '该客服不在线，请转接给在线的客服。',
    ),
  sameAgent: () => refusal(400, 'same_agent', 'The conversation is already yours.', '该会话已经由您接待。'),
  notAssigned: () =>
    refusal(
      409,
      'not_assigned',
      'Accept the conversation first; it is not being served by an agent now.',
      '请先接入该会话；它当前没有客服在接待。',
    ),
  notYours: () =>
    refusal(
      403,
      'not_your_conversation',
      'Another agent is serving this conversation.',
      '该会话由其他客服接待中。',
    ),
  emptyText: () => refusal(400, 'empty_text', 'Write something first.', '请输入内容。'),
  textTooLong: (max: number) =>
    refusal(
      413,
      'message_too_long',
      `The message is too long: at most ${max} characters.`,
      `消息太长：最多 ${max} 个字。`,
    ),
  deliveryFailed: () =>
    refusal(
      502,
      'delivery_failed',
      'The message could not be delivered to the shopper; please try again.',
      '消息未能送达顾客，请重试。',
    ),
};
