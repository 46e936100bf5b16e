import { AuthenticationError } from 'botframework-connector';
import type { Activity, TurnContext } from 'botbuilder';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { BotFrameworkAdapter } from '../../channels/bot-framework-adapter';
import { channelErrors } from '../../channels/channel-errors';
import type { RateLimiter } from '../../channels/directline/rate-limiter';
import type { Logger } from '../../log/logger';
import { HttpError } from '../http-errors';
import { parseWith } from '../validate';

export interface BotFrameworkRouteOptions {
  adapter: BotFrameworkAdapter;
  bot: { run(context: TurnContext): Promise<void> };
  rateLimiter: RateLimiter;
  maxMessageLength: number;
  logger: Logger;
  /** Times and counts the turn of a shopper message. */
  measureTurn?: <T>(channelId: string, conversationId: string, work: () => Promise<T>) => Promise<T>;
}

/** The fields kefu relies on; the rest of the Bot Framework activity is passed through untouched. */
const botFrameworkActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: z.string().max(256).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  conversation: z.looseObject({ id: z.string().min(1).max(512) }),
  from: z.looseObject({ id: z.string().max(512) }).optional(),
  recipient: z.looseObject({ id: z.string().max(512) }).optional(),
  text: z.string().optional(),
});

/** `POST /api/messages`: the Bot Framework channel endpoint, through botbuilder's CloudAdapter. */
export function registerBotFrameworkRoutes(app: FastifyInstance, options: BotFrameworkRouteOptions): void {
  app.post('/api/messages', async (request, reply) => {
    const activity = parseWith(botFrameworkActivitySchema, request.body, 'invalid_activity');
    if (activity.text !== undefined && [...activity.text].length > options.maxMessageLength) {
      throw channelErrors.messageTooLong(options.maxMessageLength);
    }
    const rate = await options.rateLimiter.hit(`${activity.channelId}:${activity.conversation.id}`);
    if (!rate.allowed) throw channelErrors.tooManyActivities(rate.retryAfterSeconds);

    let invokeResponse;
    try {
      const handle = () =>
        options.adapter.handle(
          request.headers.authorization ?? '',
          activity as unknown as Activity,
          (context) => options.bot.run(context),
        );
      invokeResponse =
        options.measureTurn && activity.type === 'message'
          ? await options.measureTurn(activity.channelId, activity.conversation.id, handle)
          : await handle();
    } catch (error) {
      if (error instanceof AuthenticationError) {
        options.logger.info({ channelId: activity.channelId }, 'bot framework request refused: bad JWT');
        throw new HttpError(
          401,
          'unauthorized',
          'The Bot Framework token is missing or not valid. Bot Framework 令牌缺失或无效。',
        );
      }
      throw error;
    }
    if (invokeResponse) return reply.status(invokeResponse.status).send(invokeResponse.body ?? {});
    return reply.status(200).send({});
  });
}
