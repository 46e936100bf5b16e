import type { z } from 'zod';
import { channelErrors } from '../channels/channel-errors';

/** Parses a body, query or params with its schema; a mismatch is a 400 naming the fields at fault. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  value: unknown,
  code = 'invalid_request',
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const detail = result.error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : 'body'}: ${issue.message}`)
    .join('; ');
  throw channelErrors.invalid(code, detail);
}
