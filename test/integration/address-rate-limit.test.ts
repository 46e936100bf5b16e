import { describeRedis, useRedis } from '../helpers/redis';
import { useTwoInstances } from '../helpers/two-instances';
import { getJson, startTestServer, type TestServer } from '../helpers/server';

/** POST with a claimed client address, as a load balancer would forward it. */
async function postFrom(url: string, address: string, token?: string) {
  const headers: Record<string, string> = { 'x-forwarded-for': address, 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, { method: 'POST', headers, body: '{}' });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

describe('Rate limit per client address (RATE_LIMIT_PER_IP_PER_MINUTE)', () => {
  describe('behind a trusted proxy (TRUST_PROXY=loopback)', () => {
    let test: TestServer;
    beforeAll(async () => {
      test = await startTestServer({ RATE_LIMIT_PER_IP_PER_MINUTE: '5', TRUST_PROXY: 'loopback' });
    });
    afterAll(() => test.server.shutdown());

    it('counts one address across new conversations, refuses the sixth with 429 and Retry-After, and lets other addresses on', async () => {
      const directLine = `${test.base}/v3/directline`;
      const statuses: number[] = [];
      let token = '';
      let conversationId = '';
      // A client that opens a fresh conversation per request would slip past the per-conversation limit.
      for (let i = 0; i < 3; i++) {
        const generated = await postFrom(`${directLine}/tokens/generate`, '203.0.113.7');
        statuses.push(generated.status);
        token = String(generated.body.token);
        conversationId = String(generated.body.conversationId);
        statuses.push((await postFrom(`${directLine}/conversations`, '203.0.113.7', token)).status);
      }
      expect(statuses).toEqual([200, 201, 200, 201, 200, 429]);

      const refused = await postFrom(`${directLine}/tokens/generate`, '203.0.113.7');
      expect(refused.status).toBe(429);
      expect(refused.body).toMatchObject({ error: { code: 'rate_limited_address' } });
      const { message } = refused.body.error as { message: string };
      expect(message).toMatch(/Too many requests from your network; please wait \d+ s/);
      expect(message).toMatch(/请求过于频繁/);
      expect(Number(refused.retryAfter)).toBeGreaterThanOrEqual(1);
      expect(Number(refused.retryAfter)).toBeLessThanOrEqual(60);

      // Reading is not counted: a refused address can still fetch what the bot said.
      const read = await getJson(`${directLine}/conversations/${conversationId}/activities`, token);
      expect(read.status).toBe(200);
      expect((await postFrom(`${directLine}/tokens/generate`, '203.0.113.8')).status).toBe(200);
      expect((await postFrom(`${test.base}/demo/token`, '203.0.113.8')).status).toBe(200);
    });
  });

  describe('with clients reaching kefu directly (TRUST_PROXY unset)', () => {
    let test: TestServer;
    beforeAll(async () => {
      test = await startTestServer({ RATE_LIMIT_PER_IP_PER_MINUTE: '3' });
    });
    afterAll(() => test.server.shutdown());

    it('ignores X-Forwarded-For, so a client cannot pick a new address for each request', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push(
          (await postFrom(`${test.base}/v3/directline/tokens/generate`, `198.51.100.${i}`)).status,
        );
      }
      expect(statuses).toEqual([200, 200, 200, 429]);
    });
  });

  describe('a bad TRUST_PROXY', () => {
    it('stops the start with the setting named', async () => {
      await expect(startTestServer({ TRUST_PROXY: 'my-proxy.example.com' })).rejects.toThrow(
        /TRUST_PROXY \(trustProxy\).*an IP address or CIDR range/s,
      );
    });
  });
});

describeRedis('Rate limit per client address on Redis', () => {
  const redis = useRedis('ip-limit');
  const servers = useTwoInstances(redis, () => ({
    RATE_LIMIT_PER_IP_PER_MINUTE: '4',
    TRUST_PROXY: 'loopback',
  }));

  it('is one allowance for an address across instances, not one per instance', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      const server = i % 2 === 0 ? servers.first : servers.second;
      statuses.push((await postFrom(`${server.base}/v3/directline/tokens/generate`, '192.0.2.44')).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 429]);
  });
});
