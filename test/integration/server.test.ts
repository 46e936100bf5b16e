import { loadConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/server/start';
import { REDIS_CLIENT_NAME } from '../../src/storage/redis-client';
import { sharedNlu } from '../helpers/bot';
import { testLogger } from '../helpers/quiet-logger';
import { describeRedis, useRedis } from '../helpers/redis';

async function start(env: NodeJS.ProcessEnv = {}): Promise<{ server: RunningServer; base: string }> {
  const server = await startServer(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', ...env }),
    testLogger(),
    undefined,
    {
      nlu: sharedNlu(),
    },
  );
  return { server, base: `http://127.0.0.1:${server.port}` };
}

describe('HTTP server (memory)', () => {
  let server: RunningServer;
  let base: string;
  beforeAll(async () => ({ server, base } = await start()));
  afterAll(() => server.shutdown());

  it('answers /healthz', async () => {
    const response = await fetch(`${base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', redis: 'off' });
  });

  it('answers unknown paths with a JSON 404', async () => {
    const response = await fetch(`${base}/no/such/thing?x=1`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toEqual({
      error: { code: 'not_found', message: 'No route for GET /no/such/thing' },
    });
  });
});

describe('graceful shutdown', () => {
  it('lets an in-flight request finish, then refuses new connections', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let arrived!: () => void;
    const hasArrived = new Promise<void>((resolve) => (arrived = resolve));
    // A route only this test has, that holds its request until the test lets go.
    const server = await startServer(
      loadConfig({ PORT: '0', HOST: '127.0.0.1' }),
      testLogger(),
      (app) =>
        app.get('/slow', async () => {
          arrived();
          await released;
          return { done: true };
        }),
      { nlu: sharedNlu() },
    );
    const base = `http://127.0.0.1:${server.port}`;
    const inFlight = fetch(`${base}/slow`);
    await hasArrived;

    const shutdown = server.shutdown();
    let shutdownFinished = false;
    void shutdown.then(() => (shutdownFinished = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(shutdownFinished).toBe(false); // still waiting for /slow

    release();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ done: true });
    await shutdown;
    expect(shutdownFinished).toBe(true);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });
});

describeRedis('HTTP server (Redis)', () => {
  const redis = useRedis('server');

  it('connects to REDIS_URL, reports it healthy, and closes the connection on shutdown', async () => {
    const { server, base } = await start({ REDIS_URL: redis.url, KEY_PREFIX: redis.prefix });
    const response = await fetch(`${base}/healthz`);
    expect(await response.json()).toEqual({ status: 'ok', redis: 'up' });
    // Counted by name, not by connected_clients: suites running beside this one connect to the same Redis.
    const kefuConnections = async () =>
      (await redis.client.clientList()).filter((client) => client.name === REDIS_CLIENT_NAME).length;
    expect(await kefuConnections()).toBeGreaterThanOrEqual(1);
    await server.shutdown();
    expect(await kefuConnections()).toBe(0);
  });
});
