import type { IncomingMessage } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { runPhase } from '../../bench/lib/load-generator';
import type { PhaseSpec } from '../../bench/lib/phase';
import { startTestServer, type TestServer } from '../helpers/server';

const SECRET = 'bench-test-secret-0123456789abcdef';

/**
 * bench:server takes its per-turn readings (server CPU, Redis commands) when the load generator says the
 * traffic is over; the read-back of the logs that follows is the benchmark's own check and must not be
 * counted as load. This runs the generator in-process against a real server and counts what reaches it.
 */
describe('the load generator', () => {
  let server: TestServer;
  let requests = 0;
  let readBacks = 0;

  beforeAll(async () => {
    server = await startTestServer(
      {
        DIRECTLINE_SECRET: SECRET,
        RATE_LIMIT_PER_MINUTE: '10000',
        RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
        DEMO_PAGE: 'false',
      },
      (app) => {
        app.server.on('request', (request: IncomingMessage) => {
          requests += 1;
          // The read-back reads with the secret, as a shop's backend may; shoppers read with their token.
          if (request.method === 'GET' && request.headers.authorization === `Bearer ${SECRET}`)
            readBacks += 1;
        });
      },
    );
  });

  afterAll(async () => {
    await server.server.shutdown();
  });

  it('says when the traffic is over and reads the logs back only after it is told to go on', async () => {
    const spec: PhaseSpec = {
      host: '127.0.0.1',
      port: server.server.port,
      mode: 'kefu',
      secret: SECRET,
      conversations: 4,
      durationMs: 800,
      pacing: { kind: 'closed' },
      idPrefix: 'bench-test',
      verifyLog: true,
      verifyMax: 1000,
      requestTimeoutMs: 10_000,
      maxTurns: 10_000,
    };
    let atTrafficDone: { requests: number; readBacks: number } | undefined;
    let afterWaiting = -1;
    const result = await runPhase(spec, async () => {
      atTrafficDone = { requests, readBacks };
      await sleep(300);
      afterWaiting = requests;
    });

    expect(result.turns).toBeGreaterThan(0);
    expect(result.errors).toEqual({});
    expect(atTrafficDone).toEqual({ requests: expect.any(Number), readBacks: 0 });
    // Nothing reached the server while the orchestrator took its readings.
    expect(afterWaiting).toBe(atTrafficDone!.requests);
    // The read-back came after, one read or more per conversation checked, and found nothing missing.
    const verification = result.verification!;
    expect(verification.conversations).toBeGreaterThan(0);
    expect(readBacks).toBeGreaterThanOrEqual(verification.conversations);
    expect(requests - atTrafficDone!.requests).toBe(readBacks);
    expect(verification.lost + verification.duplicated + verification.unanswered).toBe(0);
  });
});
