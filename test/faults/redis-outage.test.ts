import { readFileSync } from 'node:fs';
import { WebSocket } from 'ws';
import { startKefuProcess, type KefuProcess } from '../helpers/kefu-process';
import {
  describeWithRedisServer,
  startRestartableRedis,
  type RestartableRedis,
} from '../helpers/restartable-redis';
import { freePort, startKefu, stopProcess } from '../../bench/lib/processes';
import { startScriptNodeFlags } from '../../bench/lib/start-flags';
import { openActivityStream } from '../helpers/directline';
import { waitFor } from '../helpers/server';

const SECRET = 'redis-outage-test-direct-line-secret';

interface Activity {
  id: string;
  type: string;
  text?: string;
  replyToId?: string;
  from: { role?: string };
}

/** A Direct Line shopper as Web Chat is one: every message carries its own clientActivityID. */
class Shopper {
  private sent = 0;
  constructor(
    private readonly base: string,
    readonly conversationId: string,
    private readonly token: string,
    readonly streamUrl: string,
  ) {}

  static async start(base: string): Promise<Shopper> {
    const generated = await fetch(`${base}/v3/directline/tokens/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${SECRET}` },
    });
    const { token, conversationId } = (await generated.json()) as { token: string; conversationId: string };
    const started = await fetch(`${base}/v3/directline/conversations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(started.status).toBe(201);
    const { streamUrl } = (await started.json()) as { streamUrl: string };
    return new Shopper(base, conversationId, token, streamUrl);
  }

  /** A new message's client id; a retry passes the one it got before. */
  nextClientId(): string {
    this.sent += 1;
    return `wc-${this.conversationId}-${this.sent}`;
  }

  async post(text: string, clientActivityID: string) {
    const response = await fetch(
      `${this.base}/v3/directline/conversations/${this.conversationId}/activities`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          type: 'message',
          text,
          from: { id: 'me' },
          channelData: { clientActivityID },
        }),
      },
    );
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      body: (await response.json()) as { id?: string; error?: { code: string; message: string } },
    };
  }

  async activities(): Promise<{ status: number; activities: Activity[] }> {
    const response = await fetch(
      `${this.base}/v3/directline/conversations/${this.conversationId}/activities`,
      {
        headers: { authorization: `Bearer ${this.token}` },
      },
    );
    const body = (await response.json()) as { activities?: Activity[] };
    return { status: response.status, activities: body.activities ?? [] };
  }

  /** The bot's messages that answer one shopper activity. */
  async answersTo(id: string): Promise<string[]> {
    const { activities } = await this.activities();
    return activities.filter((a) => a.type === 'message' && a.replyToId === id).map((a) => a.text ?? '');
  }
}

/** A Redis of the suite's own and a kefu process on it, started before the suite's tests and stopped after. */
function kefuOnOwnRedis(keyPrefix: string): { redis: () => RestartableRedis; kefu: () => KefuProcess } {
  let redis: RestartableRedis | undefined;
  let kefu: KefuProcess | undefined;
  beforeAll(async () => {
    redis = await startRestartableRedis();
    kefu = await startKefuProcess({
      REDIS_URL: redis.url,
      KEY_PREFIX: `${keyPrefix}-${process.pid}:`,
      DIRECTLINE_SECRET: SECRET,
    });
  }, 60_000);
  afterAll(async () => {
    await kefu?.stop();
    await redis?.dispose();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the suite did not start');
    return value;
  };
  return { redis: () => started(redis), kefu: () => started(kefu) };
}

describeWithRedisServer(
  'Redis stopped in the middle of a conversation (real kefu process, real Redis)',
  () => {
    const suite = kefuOnOwnRedis('kefu-outage');

    it('answers 503 with Retry-After while Redis is down, stays up, and continues the conversation without loss or duplicates when it is back', async () => {
      const redis = suite.redis();
      const kefu = suite.kefu();
      const shopper = await Shopper.start(kefu.base);
      // Web Chat's stream stays open through the outage; what the bot says afterwards must still reach it.
      const { socket: stream, activities: streamed } = await openActivityStream<Activity>(shopper.streamUrl);
      const first = await shopper.post('我的快递到哪了 订单号20231102558736', shopper.nextClientId());
      expect(first.status).toBe(200);
      expect((await shopper.answersTo(first.body.id!)).join('\n')).toContain('后4位');

      await redis.kill();
      // The verification step the bot is waiting for is in Redis: it must be refused, not answered wrongly.
      const digits = shopper.nextClientId();
      const refused = await shopper.post('5678', digits);
      expect(refused.status).toBe(503);
      expect(refused.body.error?.code).toBe('storage_unavailable');
      // One message for readers of either language.
      expect(refused.body.error?.message).toMatch(/please send again in \d+ s/);
      expect(refused.body.error?.message).toMatch(/请 \d+ 秒后重新发送/);
      expect(Number(refused.retryAfter)).toBeGreaterThan(0);
      const health = await fetch(`${kefu.base}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'degraded', redis: 'down' });
      expect((await shopper.activities()).status).toBe(503);
      // A new shopper meets the same clear refusal, and a burst of retries does not bring the process down.
      const newcomer = await fetch(`${kefu.base}/v3/directline/tokens/generate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${SECRET}` },
      });
      expect(newcomer.status).toBe(503);
      const burst = await Promise.all(Array.from({ length: 50 }, () => shopper.post('5678', digits)));
      expect(new Set(burst.map((response) => response.status))).toEqual(new Set([503]));
      expect(kefu.alive()).toBe(true);

      await redis.restart();
      await waitFor(
        'kefu to reconnect to Redis',
        async () => ((await fetch(`${kefu.base}/healthz`)).status === 200 ? true : undefined),
        15_000,
      );
      // Web Chat retries with the same client id; so does a shopper pressing "retry" twice.
      const retried = await shopper.post('5678', digits);
      expect(retried.status).toBe(200);
      const answer = (await shopper.answersTo(retried.body.id!)).join('\n');
      expect(answer).toContain('SF1234567890123');
      const onStream = await waitFor('the answer on the stream opened before the outage', () =>
        streamed.find((a) => a.type === 'message' && a.replyToId === retried.body.id),
      );
      expect(onStream.text).toContain('SF1234567890123');
      expect(stream.readyState).toBe(WebSocket.OPEN);
      stream.close();
      const twice = await shopper.post('5678', digits);
      expect(twice.body.id).toBe(retried.body.id);

      const after = await shopper.post('谢谢', shopper.nextClientId());
      expect(after.status).toBe(200);
      const { activities } = await shopper.activities();
      const said = activities
        .filter((a) => a.type === 'message' && a.from.role === 'user')
        .map((a) => a.text);
      expect(said).toEqual(['我的快递到哪了 订单号20231102558736', '5678', '谢谢']);
      // Every shopper message was answered, the retried one once.
      for (const activity of activities.filter((a) => a.type === 'message' && a.from.role === 'user')) {
        expect((await shopper.answersTo(activity.id)).length).toBeGreaterThan(0);
      }
      expect((await shopper.answersTo(retried.body.id!)).join('\n')).toBe(answer);
      expect(kefu.alive()).toBe(true);
    }, 60_000);
  },
);

describeWithRedisServer('Redis that stops answering but keeps the connection open (SIGSTOP)', () => {
  const suite = kefuOnOwnRedis('kefu-frozen');

  it('answers 503 within seconds instead of hanging, and goes on without loss or duplicates once Redis answers again', async () => {
    const redis = suite.redis();
    const kefu = suite.kefu();
    const shopper = await Shopper.start(kefu.base);
    const first = await shopper.post('我的快递到哪了 订单号20231102558736', shopper.nextClientId());
    expect(first.status).toBe(200);

    redis.freeze();
    const digits = shopper.nextClientId();
    const asked = Date.now();
    const refused = await shopper.post('5678', digits);
    const waited = Date.now() - asked;
    expect(refused.status).toBe(503);
    expect(refused.body.error?.code).toBe('storage_unavailable');
    // The watchdog's PING times out after 5 s and it checks every second: well under the 15 s a client
    // would give up after, and not before Redis had a fair chance to answer.
    expect(waited).toBeGreaterThanOrEqual(3000);
    expect(waited).toBeLessThan(9000);
    expect(kefu.alive()).toBe(true);

    redis.thaw();
    await waitFor(
      'kefu to be back on Redis',
      async () => ((await fetch(`${kefu.base}/healthz`)).status === 200 ? true : undefined),
      15_000,
    );
    const retried = await waitFor('the retried message to be taken', async () => {
      const response = await shopper.post('5678', digits);
      return response.status === 200 ? response : undefined;
    });
    const { activities } = await shopper.activities();
    const said = activities.filter((a) => a.type === 'message' && a.from.role === 'user').map((a) => a.text);
    expect(said).toEqual(['我的快递到哪了 订单号20231102558736', '5678']);
    // Answered once: the tracking reply (and the stale-parcel note that comes with it) not twice.
    const answers = await shopper.answersTo(retried.body.id!);
    expect(answers.filter((text) => text.includes('SF1234567890123'))).toHaveLength(1);
    expect(new Set(answers).size).toBe(answers.length);
    expect(kefu.alive()).toBe(true);
  }, 60_000);
});

describeWithRedisServer('Redis not running yet when kefu starts', () => {
  let redis: RestartableRedis | undefined;
  afterAll(async () => {
    await redis?.dispose();
  });

  it('listens anyway, answers 503 and /healthz degraded with a log line saying why, and serves once Redis is up', async () => {
    redis = await startRestartableRedis();
    await redis.kill();
    const port = await freePort();
    const kefu = startKefu({
      name: 'kefu-before-redis',
      port,
      settings: {
        REDIS_URL: redis.url,
        KEY_PREFIX: `kefu-before-redis-${process.pid}:`,
        DIRECTLINE_SECRET: SECRET,
        LOG_LEVEL: 'warn',
        LOG_PRETTY: 'false',
      },
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      // Run as `npm start` runs it, with the node flags of package.json's start script.
      const commandLine = readFileSync(`/proc/${kefu.child.pid}/cmdline`, 'utf8').split('\0');
      expect(commandLine).toEqual(expect.arrayContaining(startScriptNodeFlags()));
      // It waits a few seconds for Redis, then listens rather than hanging without a port.
      const health = await waitFor(
        'kefu to listen',
        async () => {
          if (kefu.child.exitCode !== null) throw new Error(`kefu exited: ${kefu.log.notable.join(' | ')}`);
          return fetch(`${base}/healthz`).catch(() => undefined);
        },
        20_000,
      );
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'degraded', redis: 'down' });
      expect(kefu.log.notable.join('\n')).toContain('redis is not reachable yet');
      const refused = await fetch(`${base}/v3/directline/tokens/generate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${SECRET}` },
      });
      expect(refused.status).toBe(503);
      expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('storage_unavailable');

      await redis.restart();
      await waitFor(
        'kefu to connect to Redis',
        async () => ((await fetch(`${base}/healthz`)).status === 200 ? true : undefined),
        20_000,
      );
      const shopper = await Shopper.start(base);
      const asked = await shopper.post('怎么开发票', shopper.nextClientId());
      expect(asked.status).toBe(200);
      expect((await shopper.answersTo(asked.body.id!)).join('\n')).toContain('发票');
      expect(kefu.child.exitCode).toBeNull();
    } finally {
      await stopProcess(kefu.child);
    }
  }, 60_000);
});
