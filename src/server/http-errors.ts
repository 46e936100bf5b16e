/** The one shape of every error a client sees: `{"error": {"code", "message"}}`, never a stack trace. */
export interface ErrorBody {
  error: { code: string; message: string };
}

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}
