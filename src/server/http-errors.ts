import { bilingual, Refusal } from '../refusal';

/** The one shape of every error a client sees: `{"error": {"code", "message"}}`, never a stack trace. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** A refusal raised by the server's own routes (the other layers raise their own Refusal subclasses). */
export class HttpError extends Refusal {}

export function errorBody(code: string, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Redis reconnects within a few seconds of coming back (the client's back-off tops out at 3 s). */
const STORAGE_RETRY_AFTER_SECONDS = 3;

/** Redis cannot be reached: nothing of the request was kept (or a retry is recognised), so send it again. */
export function storageUnavailable(): HttpError {
  return new HttpError(
    503,
    'storage_unavailable',
    bilingual(
      `Our message store is briefly unavailable; please send again in ${STORAGE_RETRY_AFTER_SECONDS} s.`,
      `消息存储暂时不可用，请 ${STORAGE_RETRY_AFTER_SECONDS} 秒后重新发送。`,
    ),
    { 'retry-after': String(STORAGE_RETRY_AFTER_SECONDS) },
  );
}
