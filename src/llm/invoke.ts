import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseMessage } from '@langchain/core/messages';

/** A model, or how to get one: the configured provider is loaded on first use (see createShopBot). */
export type ModelSource = BaseChatModel | (() => Promise<BaseChatModel>);

export class ModelTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`language model gave no answer within ${timeoutMs} ms`);
    this.name = 'ModelTimeoutError';
  }
}

/**
 * Calls the model and returns its text, or throws ModelTimeoutError after `timeoutMs`. The abort signal
 * stops the HTTP request of real providers; the race is what bounds the wait, since not every model (nor
 * every fake in tests) honours the signal promptly.
 */
export async function invokeWithTimeout(
  source: ModelSource,
  messages: BaseMessage[],
  timeoutMs: number,
): Promise<string> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new ModelTimeoutError(timeoutMs));
    }, timeoutMs);
  });
  try {
    const call = (typeof source === 'function' ? source() : Promise.resolve(source)).then((model) =>
      model.invoke(messages, { signal: controller.signal }),
    );
    // A late rejection after the time-out must not surface as an unhandled rejection.
    call.catch(() => undefined);
    const message = await Promise.race([call, timeout]);
    return message.text;
  } finally {
    clearTimeout(timer);
  }
}
