import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { channelErrors } from '../../channels/channel-errors';
import type { ActivityLog } from '../../channels/directline/activity-log';
import type { StoredAttachment } from '../../channels/directline/attachment-store';
import type { DirectLineService, ShopperAccount } from '../../channels/directline/conversation-service';
import {
  attachmentParamsSchema,
  conversationParamsSchema,
  incomingActivitySchema,
  startBodySchema,
  streamQuerySchema,
  uploadQuerySchema,
  watermarkQuerySchema,
} from '../../channels/directline/schemas';
import type { DirectLineTokens, TokenClaims } from '../../channels/directline/tokens';
import { MAX_STREAMS_PER_CONVERSATION, StreamCounter } from '../../channels/directline/stream-counter';
import { streamActivities } from '../../channels/directline/websocket-stream';
import type { Logger } from '../../log/logger';
import { Refusal } from '../../refusal';
import { parseWith } from '../validate';
import { bearerOf } from '../bearer';
import { randomId } from '../../random-id';

export interface DirectLineRouteOptions {
  service: DirectLineService;
  tokens: DirectLineTokens;
  activityLog: ActivityLog;
  logger: Logger;
  maxAttachmentBytes: number;
  maxAttachmentsPerMessage?: number;
}

/** What a shopper may upload: pictures of the item (no SVG: it can carry script) and PDF receipts. */
export const ALLOWED_ATTACHMENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/webp',
  'application/pdf',
];

const PREFIX = '/v3/directline';

/** Who is calling: the secret (any conversation) or a token (its own conversation only). */
type Caller = { kind: 'secret' } | { kind: 'token'; claims: TokenClaims };

function newUserId(): string {
  // "dl_" marks a user id Direct Line made up, as the real service does.
  return `dl_${randomId(9, 'base64url')}`;
}

/** The Direct Line 3.0 subset the official clients use (DESIGN §5). */
export async function registerDirectLineRoutes(
  app: FastifyInstance,
  options: DirectLineRouteOptions,
): Promise<void> {
  const { service, tokens } = options;
  const streams = new StreamCounter();
  const maxFiles = options.maxAttachmentsPerMessage ?? 5;
  await app.register(multipart, {
    limits: { fileSize: options.maxAttachmentBytes, files: maxFiles + 1, fields: 0, parts: maxFiles + 1 },
  });

  const authenticate = (request: FastifyRequest, conversationId?: string): Caller => {
    const bearer = bearerOf(request);
    if (bearer === undefined) throw channelErrors.missingAuthorization();
    if (tokens.isSecret(bearer)) return { kind: 'secret' };
    const check = tokens.verify(bearer);
    if (!check.ok)
      throw check.problem === 'expired' ? channelErrors.tokenExpired() : channelErrors.tokenInvalid();
    if (conversationId !== undefined && check.claims.conv !== conversationId) {
      throw channelErrors.wrongConversation();
    }
    return { kind: 'token', claims: check.claims };
  };

  const conversationInfo = (
    request: FastifyRequest,
    conversationId: string,
    userId: string,
    watermark: number,
  ) => {
    const issued = tokens.issue(conversationId, userId);
    const stream = tokens.issue(conversationId, userId, 'stream');
    const wsBase = `${request.protocol === 'https' ? 'wss' : 'ws'}://${request.host}`;
    const query = new URLSearchParams({ watermark: String(watermark), t: stream.token });
    return {
      conversationId,
      token: issued.token,
      expires_in: issued.expiresIn,
      streamUrl: `${wsBase}${PREFIX}/conversations/${encodeURIComponent(conversationId)}/stream?${query}`,
    };
  };

  /** The shopper an activity comes from: the token's user, or with the secret whoever the client names. */
  const shopperOf = (caller: Caller, named: string | undefined, name?: string): ShopperAccount => {
    if (caller.kind === 'token') return { id: caller.claims.user, name };
    return { id: named ?? newUserId(), name };
  };

  app.post(`${PREFIX}/tokens/generate`, async (request) => {
    const bearer = bearerOf(request);
    const bySecret = bearer !== undefined && tokens.isSecret(bearer);
    if (tokens.secretConfigured && !bySecret) {
      throw bearer === undefined ? channelErrors.missingAuthorization() : channelErrors.secretRequired();
    }
    const body = parseWith(startBodySchema, request.body ?? undefined, 'invalid_body');
    // A user id in the token is trusted by the bot (it shows that customer's orders), so only a caller
    // holding the secret — the shop's own backend — may choose it.
    const userId = bySecret && body?.user?.id ? body.user.id : newUserId();
    const conversationId = service.newConversationId();
    const issued = tokens.issue(conversationId, userId);
    return { conversationId, token: issued.token, expires_in: issued.expiresIn };
  });

  app.post(`${PREFIX}/tokens/refresh`, async (request) => {
    const caller = authenticate(request);
    if (caller.kind !== 'token') throw channelErrors.tokenInvalid();
    const issued = tokens.issue(caller.claims.conv, caller.claims.user);
    return { conversationId: caller.claims.conv, token: issued.token, expires_in: issued.expiresIn };
  });

  app.post(`${PREFIX}/conversations`, async (request, reply) => {
    const caller = authenticate(request);
    const body = parseWith(startBodySchema, request.body ?? undefined, 'invalid_body');
    const conversationId = caller.kind === 'token' ? caller.claims.conv : service.newConversationId();
    const shopper = shopperOf(caller, body?.user?.id, body?.user?.name);
    const created = await service.start(conversationId, shopper, body?.locale);
    return reply.status(created ? 201 : 200).send(conversationInfo(request, conversationId, shopper.id, 0));
  });

  app.get(`${PREFIX}/conversations/:conversationId`, async (request) => {
    const { conversationId } = parseWith(conversationParamsSchema, request.params, 'invalid_conversation');
    const caller = authenticate(request, conversationId);
    const { watermark } = parseWith(watermarkQuerySchema, request.query, 'invalid_watermark');
    const userId = caller.kind === 'token' ? caller.claims.user : newUserId();
    return conversationInfo(request, conversationId, userId, watermark);
  });

  app.post(`${PREFIX}/conversations/:conversationId/activities`, async (request) => {
    const { conversationId } = parseWith(conversationParamsSchema, request.params, 'invalid_conversation');
    const caller = authenticate(request, conversationId);
    const activity = parseWith(incomingActivitySchema, request.body, 'invalid_activity');
    const logged = await service.post(
      conversationId,
      shopperOf(caller, activity.from?.id, activity.from?.name),
      activity,
    );
    return { id: logged.id };
  });

  app.get(`${PREFIX}/conversations/:conversationId/activities`, async (request) => {
    const { conversationId } = parseWith(conversationParamsSchema, request.params, 'invalid_conversation');
    authenticate(request, conversationId);
    const { watermark } = parseWith(watermarkQuerySchema, request.query, 'invalid_watermark');
    const page = await service.read(conversationId, watermark);
    return { activities: page.activities, watermark: String(page.watermark) };
  });

  app.post(`${PREFIX}/conversations/:conversationId/upload`, async (request) => {
    const { conversationId } = parseWith(conversationParamsSchema, request.params, 'invalid_conversation');
    const caller = authenticate(request, conversationId);
    const { userId } = parseWith(uploadQuerySchema, request.query, 'invalid_query');
    if (!request.isMultipart()) throw channelErrors.invalid('invalid_upload', 'send multipart/form-data');
    let template: unknown = { type: 'message' };
    const files: StoredAttachment[] = [];
    try {
      for await (const part of request.parts()) {
        if (part.type !== 'file') continue;
        const bytes = await part.toBuffer();
        if (part.fieldname === 'activity') {
          template = JSON.parse(bytes.toString('utf8'));
          continue;
        }
        if (!ALLOWED_ATTACHMENT_TYPES.includes(part.mimetype)) {
          throw channelErrors.attachmentTypeRefused(ALLOWED_ATTACHMENT_TYPES);
        }
        files.push({ contentType: part.mimetype, name: part.filename || 'file', bytes });
      }
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE')
        throw channelErrors.attachmentTooLarge(options.maxAttachmentBytes);
      if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT') {
        throw channelErrors.invalid('too_many_attachments', `at most ${maxFiles} files`);
      }
      if (error instanceof SyntaxError)
        throw channelErrors.invalid('invalid_activity', 'the activity part is not JSON');
      if (error instanceof Refusal) throw error;
      // Anything else here is the parser choking on the client's bytes (no boundary, a body cut short):
      // their mistake, not ours, so a 400 rather than a 500.
      throw channelErrors.invalid('invalid_upload', 'the multipart body is malformed');
    }
    if (files.length === 0) throw channelErrors.invalid('invalid_upload', 'no file was sent');
    // The template describes the files that follow; their URLs are ours, not the client's blob: URLs.
    const activity = parseWith(
      incomingActivitySchema,
      { ...(template as object), type: 'message', attachments: undefined },
      'invalid_activity',
    );
    const base = `${request.protocol}://${request.host}${PREFIX}/conversations/${encodeURIComponent(conversationId)}`;
    const logged = await service.upload(
      conversationId,
      shopperOf(caller, userId ?? activity.from?.id, activity.from?.name),
      activity,
      files,
      (attachmentId) => `${base}/attachments/${attachmentId}`,
    );
    return { id: logged.id };
  });

  // No token here: Web Chat shows the picture with <img src>, which sends no header. The id is 128 random
  // bits, as unguessable as a token.
  app.get(`${PREFIX}/conversations/:conversationId/attachments/:attachmentId`, async (request, reply) => {
    const { conversationId, attachmentId } = parseWith(
      attachmentParamsSchema,
      request.params,
      'invalid_attachment',
    );
    const file = await service.attachment(conversationId, attachmentId);
    if (!file) throw channelErrors.notFound('attachment');
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=86400')
      .send(file.bytes);
  });

  app.get(
    `${PREFIX}/conversations/:conversationId/stream`,
    {
      websocket: true,
      // Checked before the upgrade, so a refused client gets a JSON 403 instead of a socket.
      preValidation: async (request) => {
        const { conversationId } = parseWith(
          conversationParamsSchema,
          request.params,
          'invalid_conversation',
        );
        const { t } = parseWith(streamQuerySchema, request.query, 'invalid_stream_query');
        const check = tokens.verify(t, 'stream');
        if (!check.ok)
          throw check.problem === 'expired' ? channelErrors.tokenExpired() : channelErrors.tokenInvalid();
        if (check.claims.conv !== conversationId) throw channelErrors.wrongConversation();
        if (streams.full(conversationId)) throw channelErrors.tooManyStreams(MAX_STREAMS_PER_CONVERSATION);
      },
    },
    (socket, request) => {
      const { conversationId } = conversationParamsSchema.parse(request.params);
      const { watermark } = streamQuerySchema.parse(request.query);
      // Checked again here: upgrades that passed the check together must not all get in.
      if (!streams.take(conversationId)) {
        socket.close(1008, 'too many streams');
        return;
      }
      socket.once('close', () => streams.release(conversationId));
      void streamActivities(socket, {
        activityLog: options.activityLog,
        conversationId,
        watermark,
        logger: options.logger,
      });
    },
  );
}
