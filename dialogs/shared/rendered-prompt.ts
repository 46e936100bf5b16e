import { MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { TextPrompt, type PromptOptions, type PromptValidator } from 'botbuilder-dialogs';
import type { Language } from '../../src/nlu/types';

/**
 * What a prompt keeps instead of a text that holds personal data: which text, and the order it is about.
 * botbuilder stores a prompt's options with the dialog (on Redis for weeks) to ask again after an
 * interruption, so the address, phone or e-mail in the text is built from the order and the dialog's own
 * values each time the question is shown, and never stored with the prompt.
 */
export interface PromptText {
  text: string;
  language: Language;
  orderId?: string;
}

export interface RenderedPromptOptions extends PromptOptions {
  /** Built into `prompt` (which then holds only buttons, or nothing) whenever the question is shown. */
  render?: PromptText;
}

export type PromptRenderer = (context: TurnContext, text: PromptText) => Promise<string>;

/** A TextPrompt whose text can be built when it is sent, on the first ask and on every re-prompt. */
export class RenderedPrompt extends TextPrompt {
  constructor(
    dialogId: string,
    private readonly renderText: PromptRenderer,
    validator?: PromptValidator<string>,
  ) {
    super(dialogId, validator);
  }

  protected override async onPrompt(
    context: TurnContext,
    state: Record<string, unknown>,
    options: RenderedPromptOptions,
    isRetry: boolean,
  ): Promise<void> {
    // A retry prompt of its own is sent as it is: none of them holds personal data.
    if (options.render === undefined || (isRetry && options.retryPrompt !== undefined)) {
      return super.onPrompt(context, state, options, isRetry);
    }
    const text = await this.renderText(context, options.render);
    const prompt: string | Partial<Activity> =
      typeof options.prompt === 'object' ? { ...options.prompt, text, speak: text } : text;
    // A copy: `options` is the object stored with the dialog.
    return super.onPrompt(context, state, { ...options, prompt }, isRetry);
  }
}

/**
 * The `prompt` (and `render`) options of a question, with buttons when `buttons` is given: a plain text is
 * stored as botbuilder does; a PromptText is stored in its place and the text built when the prompt is sent.
 */
export function promptWith(
  text: string | PromptText,
  buttons?: string[],
): Pick<RenderedPromptOptions, 'prompt' | 'render'> {
  if (typeof text === 'string') {
    return { prompt: buttons ? MessageFactory.suggestedActions(buttons, text, text) : text };
  }
  return { ...(buttons && { prompt: MessageFactory.suggestedActions(buttons) }), render: text };
}
