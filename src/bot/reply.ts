import { ActivityTypes, MessageFactory, type TurnContext } from 'botbuilder';
import type { Language } from '../nlu/types';
import type { ConversationData, PendingChoice } from './conversation-state';

/** Collects what the bot says in one turn, so the transcript and the channel see the same thing. */
export class TurnReply {
  readonly lines: string[] = [];

  constructor(
    private readonly context: TurnContext,
    readonly language: Language,
    private readonly state: ConversationData,
  ) {}

  async text(text: string): Promise<void> {
    this.lines.push(text);
    await this.context.sendActivity(MessageFactory.text(text, text));
  }

  /** A message with quick-reply buttons; a click comes back as the button's label and triggers its action. */
  async choices(text: string, choices: PendingChoice[]): Promise<void> {
    this.lines.push(text);
    this.state.choices = choices;
    const activity = MessageFactory.suggestedActions(
      choices.map((choice) => choice.label),
      text,
      text,
    );
    await this.context.sendActivity(activity);
  }

  async event(name: string, value: unknown): Promise<void> {
    await this.context.sendActivity({ type: ActivityTypes.Event, name, value });
  }
}
