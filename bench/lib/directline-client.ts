import { ACTIVITY_PAGE_SIZE } from '../../src/channels/directline/activity-log';
import { JsonClient, TransportError, type JsonResponse } from './http-client';
import type { ActivityView } from './reply-check';

/** Either the value, or why not: `http 503`, `socket`, `timeout`, `bad answer`, with a line of detail. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; kind: string; detail: string };

const PREFIX = '/v3/directline';
/** Pages a single read may follow; a benchmark conversation never holds this many. */
const MAX_PAGES = 50;

function conversationPath(conversationId: string): string {
  return `${PREFIX}/conversations/${encodeURIComponent(conversationId)}`;
}

async function call<T>(
  send: () => Promise<JsonResponse>,
  pick: (body: Record<string, unknown>) => T | undefined,
): Promise<Outcome<T>> {
  let response: JsonResponse;
  try {
    response = await send();
  } catch (error) {
    if (error instanceof TransportError) return { ok: false, kind: error.kind, detail: error.message };
    throw error;
  }
  if (response.status < 200 || response.status > 299) {
    return { ok: false, kind: `http ${response.status}`, detail: response.body.slice(0, 200) };
  }
  let value: T | undefined;
  try {
    value = pick(JSON.parse(response.body) as Record<string, unknown>);
  } catch {
    value = undefined;
  }
  return value === undefined
    ? { ok: false, kind: 'bad answer', detail: response.body.slice(0, 200) }
    : { ok: true, value };
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** The calls a shop's page makes: its backend gets a token with the secret, the browser does the rest. */
export class DirectLineClient {
  constructor(
    readonly http: JsonClient,
    private readonly secret: string,
  ) {}

  generateToken(userId: string): Promise<Outcome<string>> {
    return call(
      () =>
        this.http.request('POST', `${PREFIX}/tokens/generate`, {
          bearer: this.secret,
          body: { user: { id: userId } },
        }),
      (body) => text(body.token),
    );
  }

  startConversation(token: string): Promise<Outcome<{ conversationId: string; token: string }>> {
    return call(
      () => this.http.request('POST', `${PREFIX}/conversations`, { bearer: token, body: {} }),
      (body) => {
        const conversationId = text(body.conversationId);
        const issued = text(body.token);
        return conversationId && issued ? { conversationId, token: issued } : undefined;
      },
    );
  }

  /**
   * Resolves when the bot's turn on the message is over (the server answers only then): the turn latency.
   * The body is what Web Chat posts, its `clientActivityID` included, so the server takes the path real
   * shoppers' messages take (the one that makes a retried message count once).
   */
  postMessage(
    conversationId: string,
    bearer: string,
    message: { userId: string; text: string; clientActivityId: string },
  ): Promise<Outcome<string>> {
    return call(
      () =>
        this.http.request('POST', `${conversationPath(conversationId)}/activities`, {
          bearer,
          body: {
            type: 'message',
            from: { id: message.userId },
            text: message.text,
            channelData: { clientActivityID: message.clientActivityId },
          },
        }),
      (body) => text(body.id),
    );
  }

  /** Everything after `watermark`, following pages; the new watermark comes with it. */
  async readActivities(
    conversationId: string,
    bearer: string,
    watermark: string,
  ): Promise<Outcome<{ activities: ActivityView[]; watermark: string; requests: number }>> {
    const activities: ActivityView[] = [];
    let mark = watermark;
    for (let page = 1; page <= MAX_PAGES; page++) {
      const read = await call(
        () =>
          this.http.request(
            'GET',
            `${conversationPath(conversationId)}/activities?watermark=${encodeURIComponent(mark)}`,
            { bearer },
          ),
        (body) =>
          Array.isArray(body.activities) && typeof body.watermark === 'string'
            ? { activities: body.activities as ActivityView[], watermark: body.watermark }
            : undefined,
      );
      if (!read.ok) return read;
      activities.push(...read.value.activities);
      // A short page is the last one: no second request just to learn that nothing follows.
      if (read.value.activities.length < ACTIVITY_PAGE_SIZE || read.value.watermark === mark) {
        return { ok: true, value: { activities, watermark: read.value.watermark, requests: page } };
      }
      mark = read.value.watermark;
    }
    return { ok: false, kind: 'bad answer', detail: `more than ${MAX_PAGES} pages of activities` };
  }
}
