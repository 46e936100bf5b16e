import type { Activity, ConversationReference } from 'botbuilder';
import type { ShopperMessenger } from '../handoff/agent-hub';
import type { BotFrameworkAdapter } from './bot-framework-adapter';
import { DIRECT_LINE_CHANNEL_ID, type DirectLineService } from './directline/conversation-service';

export interface ChannelMessengerOptions {
  /** A getter, because the Direct Line service is built after the bot, which is built after the hub. */
  directLine: () => DirectLineService;
  botFramework: BotFrameworkAdapter;
  /** MICROSOFT_APP_ID; empty for the Emulator and unauthenticated development. */
  appId?: string;
}

/**
 * Our own Direct Line endpoint, as opposed to Azure's Direct Line channel, which also says `directline` but
 * comes through /api/messages with an https serviceUrl and must be answered through the Bot Connector.
 */
function isOwnDirectLine(reference: Partial<ConversationReference>): boolean {
  return reference.channelId === DIRECT_LINE_CHANNEL_ID && !/^https?:/i.test(reference.serviceUrl ?? '');
}

/**
 * Reaches a shopper outside a turn, on the channel they came from: kefu's Direct Line conversations get the
 * activity appended to their log (any instance's clients receive it from there); every other channel is
 * answered through the CloudAdapter's continueConversationAsync, i.e. the Bot Connector at the
 * reference's serviceUrl.
 */
export class ChannelMessenger implements ShopperMessenger {
  constructor(private readonly options: ChannelMessengerOptions) {}

  async send(reference: Partial<ConversationReference>, activity: Partial<Activity>): Promise<void> {
    if (isOwnDirectLine(reference)) {
      await this.options.directLine().sendProactive(reference, activity);
      return;
    }
    if (!/^https?:/i.test(reference.serviceUrl ?? '')) {
      throw new Error(`no way to reach channel "${reference.channelId ?? '?'}" outside a turn`);
    }
    await this.options.botFramework.continueConversationAsync(
      this.options.appId ?? '',
      reference,
      async (context) => {
        // botbuilder sends as the bot (from = the reference's bot account). The id must stay the bot's — the
        // channel knows no other sender — but the name can be the agent's, for channels that show it.
        const name = activity.from?.name;
        if (name) {
          context.onSendActivities(async (_context, outgoing, next) => {
            for (const sent of outgoing) if (sent.from) sent.from = { ...sent.from, name };
            return next();
          });
        }
        await context.sendActivity(activity);
      },
    );
  }
}
