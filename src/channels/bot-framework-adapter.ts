import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ShowTypingMiddleware,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { KefuConfig } from '../config';
import type { Logger } from '../log/logger';
import { turnFailedReply } from './turn-failed-reply';

export type BotFrameworkSettings = Pick<
  KefuConfig,
  'microsoftAppId' | 'microsoftAppPassword' | 'microsoftAppTenantId' | 'microsoftAppType'
>;

/**
 * CloudAdapter with its authenticate-and-run step callable from a route. `CloudAdapter.process` would print
 * errors to the console and send their text to the caller; the route keeps them in our log and JSON shape.
 */
export class BotFrameworkAdapter extends CloudAdapter {
  handle(
    authorization: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}

/**
 * botbuilder's CloudAdapter for `/api/messages`: Azure Bot Service channels (Teams, Slack, Telegram, LINE …)
 * and the Bot Framework Emulator. With MICROSOFT_APP_ID the channel's JWT is checked on every request;
 * without it anyone can post activities and the bot answers to whatever serviceUrl they name, which is
 * what the Emulator needs and nothing a public deployment should run with.
 */
export function createBotFrameworkAdapter(
  settings: BotFrameworkSettings,
  logger: Logger,
): BotFrameworkAdapter {
  const authentication = new ConfigurationBotFrameworkAuthentication({
    MicrosoftAppId: settings.microsoftAppId ?? '',
    MicrosoftAppPassword: settings.microsoftAppPassword ?? '',
    MicrosoftAppTenantId: settings.microsoftAppTenantId ?? '',
    MicrosoftAppType: settings.microsoftAppType,
  });
  if (!settings.microsoftAppId) {
    logger.warn(
      'MICROSOFT_APP_ID is not set: /api/messages accepts activities without checking their JWT (fine for the Bot Framework Emulator, not for production)',
    );
  }
  const adapter = new BotFrameworkAdapter(authentication);
  adapter.use(new ShowTypingMiddleware());
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    logger.error(
      {
        err: error,
        channelId: context.activity.channelId,
        conversationId: context.activity.conversation?.id,
      },
      'bot framework turn failed',
    );
    try {
      await context.sendActivity(turnFailedReply(context.activity));
    } catch (sendError) {
      logger.warn({ err: sendError }, 'could not tell the shopper about the failed turn');
    }
  };
  return adapter;
}
