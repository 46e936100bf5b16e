import { Refusal } from '../refusal';

/** The one shape of every error a client sees: `{"error": {"code", "message"}}`, never a stack trace. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** A refusal raised by the server's own routes (the other layers raise their own Refusal subclasses). */
export class HttpError extends Refusal {}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}
