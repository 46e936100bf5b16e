import { z } from 'zod';

/** What the Direct Line endpoint accepts, checked at the edge before anything else sees it. */

const id = z.string().min(1).max(256);

export const channelAccountSchema = z.object({
  id: id.optional(),
  name: z.string().max(256).optional(),
  role: z.string().max(32).optional(),
});

/** `tokens/generate` and `POST conversations`: both may name the user; both may come with no body. */
export const startBodySchema = z
  .object({
    user: channelAccountSchema.optional(),
    locale: z.string().max(35).optional(),
  })
  .optional();
export type StartBody = z.infer<typeof startBodySchema>;

const attachmentSchema = z.object({
  contentType: z.string().min(1).max(256),
  contentUrl: z.string().max(4096).optional(),
  content: z.unknown().optional(),
  name: z.string().max(256).optional(),
  thumbnailUrl: z.string().max(4096).optional(),
});

/** An activity a Direct Line client posts (Web Chat sends message, event and typing activities). */
export const incomingActivitySchema = z
  .object({
    type: z.enum(['message', 'event', 'typing']),
    text: z.string().optional(),
    textFormat: z.enum(['plain', 'markdown', 'xml']).optional(),
    locale: z.string().max(35).optional(),
    localTimezone: z.string().max(64).optional(),
    from: channelAccountSchema.optional(),
    name: z.string().max(256).optional(),
    value: z.unknown().optional(),
    replyToId: z.string().max(256).optional(),
    channelData: z.record(z.string(), z.unknown()).optional(),
    entities: z
      .array(z.looseObject({ type: z.string().max(128) }))
      .max(20)
      .optional(),
    attachments: z.array(attachmentSchema).max(10).optional(),
  })
  .refine(
    (activity) =>
      activity.type !== 'message' ||
      (activity.text ?? '').trim() !== '' ||
      (activity.attachments?.length ?? 0) > 0 ||
      activity.value !== undefined,
    { message: 'a message needs text, attachments or a value', path: ['text'] },
  )
  .refine((activity) => activity.type !== 'event' || activity.name !== undefined, {
    message: 'an event needs a name',
    path: ['name'],
  });
export type IncomingActivity = z.infer<typeof incomingActivitySchema>;

/** `?watermark=`: empty or absent means "from the start". */
export const watermarkQuerySchema = z.object({
  watermark: z
    .string()
    .regex(/^\d{0,15}$/, 'a watermark is the number the last response gave')
    .optional()
    .transform((value) => (value ? Number(value) : 0)),
});

export const streamQuerySchema = watermarkQuerySchema.extend({ t: z.string().min(1).max(4096) });

export const uploadQuerySchema = z.object({ userId: z.string().max(256).optional() });

export const conversationParamsSchema = z.object({ conversationId: id });
export const attachmentParamsSchema = conversationParamsSchema.extend({
  attachmentId: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
});
