import { bilingual, Refusal } from '../refusal';

/**
 * A request a channel refuses: the server turns it into `{"error": {code, message}}` with this status.
 * Defined here rather than taken from the server, because channels sit below the server (DESIGN §9).
 */
export class ChannelRefusal extends Refusal {}

/**
 * The refusals a shopper's client can meet, each with a stable code for programs and a message in both
 * languages for the people reading it (a Web Chat developer in Shenzhen or in Dublin).
 */
function refusal(status: number, code: string, en: string, zh: string, headers?: Record<string, string>) {
  return new ChannelRefusal(status, code, bilingual(en, zh), headers);
}

export const channelErrors = {
  missingAuthorization: () =>
    refusal(
      401,
      'unauthorized',
      'Send a Direct Line token or secret as "Authorization: Bearer ...".',
      '请在 "Authorization: Bearer ..." 中提供 Direct Line 令牌或密钥。',
    ),
  secretRequired: () =>
    refusal(
      403,
      'secret_required',
      'Generating a token needs the Direct Line secret.',
      '生成令牌需要 Direct Line 密钥。',
    ),
  tokenExpired: () =>
    refusal(
      403,
      'token_expired',
      'The token has expired; start again with a new one.',
      '令牌已过期，请用新令牌重新开始。',
    ),
  tokenInvalid: () => refusal(403, 'token_invalid', 'The token is not valid.', '令牌无效。'),
  wrongConversation: () =>
    refusal(
      403,
      'wrong_conversation',
      'This token belongs to another conversation.',
      '此令牌属于另一个会话。',
    ),
  messageTooLong: (max: number) =>
    refusal(
      413,
      'message_too_long',
      `The message is too long: at most ${max} characters.`,
      `消息太长：最多 ${max} 个字。`,
    ),
  bodyTooLarge: (maxBytes: number) =>
    refusal(
      413,
      'body_too_large',
      `The request is too large: at most ${maxBytes} bytes.`,
      `请求太大：最多 ${maxBytes} 字节。`,
    ),
  attachmentTooLarge: (maxBytes: number) =>
    refusal(
      413,
      'attachment_too_large',
      `The file is too large: at most ${Math.floor(maxBytes / 1024)} KB.`,
      `文件太大：最多 ${Math.floor(maxBytes / 1024)} KB。`,
    ),
  attachmentTypeRefused: (allowed: readonly string[]) =>
    refusal(
      415,
      'attachment_type_refused',
      `This kind of file cannot be sent; allowed: ${allowed.join(', ')}.`,
      `不支持此类文件；可发送：${allowed.join('、')}。`,
    ),
  tooManyActivities: (retryAfterSeconds: number) =>
    refusal(
      429,
      'rate_limited',
      `Too many messages; please wait ${retryAfterSeconds} s.`,
      `消息发送过于频繁，请 ${retryAfterSeconds} 秒后再试。`,
      { 'retry-after': String(retryAfterSeconds) },
    ),
  tooManyStreams: (max: number) =>
    refusal(
      429,
      'too_many_streams',
      `This conversation has ${max} streams open already; close one first.`,
      `此会话已打开 ${max} 个连接，请先关闭一个。`,
    ),
  tooManyFromAddress: (retryAfterSeconds: number) =>
    refusal(
      429,
      'rate_limited_address',
      `Too many requests from your network; please wait ${retryAfterSeconds} s.`,
      `您所在网络的请求过于频繁，请 ${retryAfterSeconds} 秒后再试。`,
      { 'retry-after': String(retryAfterSeconds) },
    ),
  invalid: (code: string, detail: string) =>
    refusal(400, code, `The request is not valid: ${detail}.`, `请求格式不正确：${detail}。`),
  notFound: (what: string) =>
    refusal(404, 'not_found', `No such ${what}.`, `找不到该${what === 'attachment' ? '附件' : '会话'}。`),
};
