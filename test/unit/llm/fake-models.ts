import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';

/**
 * A chat model that records every prompt and answers with `respond` (which may wait or throw), for tests
 * that need to see what reached the model or make it slow or fail. Nothing leaves the process.
 */
export class RecordingChatModel extends BaseChatModel {
  readonly prompts: BaseMessage[][] = [];

  constructor(private readonly respond: (messages: BaseMessage[], call: number) => Promise<string> | string) {
    super({});
  }

  _llmType(): string {
    return 'recording-fake';
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.prompts.push(messages);
    const text = await this.respond(messages, this.prompts.length - 1);
    return { generations: [{ text, message: new AIMessage(text) }] };
  }

  /** The text of every message of the last prompt, joined: what the model was shown. */
  lastPromptText(): string {
    return (this.prompts.at(-1) ?? []).map((message) => message.text).join('\n');
  }

  /** The text of the last prompt's message of one kind ('system' | 'human'). */
  lastMessage(type: 'system' | 'human'): string {
    return (this.prompts.at(-1) ?? []).find((message) => message.getType() === type)?.text ?? '';
  }
}

/** The id cited in the model's last prompt's first source: what a well-behaved model would cite. */
export function firstSourceId(messages: BaseMessage[]): string {
  const system = messages.find((message) => message.getType() === 'system')?.text ?? '';
  const match = /^1\. \[([a-z0-9-]+)\]/mu.exec(system);
  if (!match) throw new Error(`no sources in the prompt:\n${system}`);
  return match[1];
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
