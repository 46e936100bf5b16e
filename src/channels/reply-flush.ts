import type { TurnContext } from 'botbuilder';

/**
 * A channel that writes a turn's replies in the background (Direct Line: each reply is a Redis round trip,
 * and waiting for one before the bot goes on made a two-reply turn pay for two) leaves here how to wait for
 * them. The bot waits before it saves its state: a turn whose replies could not be written must not be
 * remembered as answered, or the shopper's retry would find the conversation a step further on.
 */
const FLUSH = Symbol('kefu.flushReplies');

export function setReplyFlush(context: TurnContext, flush: () => Promise<void>): void {
  context.turnState.set(FLUSH, flush);
}

/** Resolves once every reply sent so far this turn is written; throws if one could not be. */
export async function repliesWritten(context: TurnContext): Promise<void> {
  const flush = context.turnState.get(FLUSH) as (() => Promise<void>) | undefined;
  if (flush) await flush();
}
