import type { ChildProcess } from 'node:child_process';
import { ConnectionStatus, DirectLine, type Activity as ClientActivity } from 'botframework-directlinejs';
import { WebSocket as NodeWebSocket } from 'ws';
import XMLHttpRequestPolyfill from 'xhr2';
import { startRoundRobinProxy, type RoundRobinProxy } from '../../bench/lib/round-robin-proxy';
import { agentsEnv, loginAgent, type TestAgent } from '../helpers/handoff';
import { startKefuProcess, type KefuProcess } from '../helpers/kefu-process';
import { describeRedis, useRedis } from '../helpers/redis';
import { getJson, postJson, waitFor } from '../helpers/server';

// The official client is written for browsers: give it XMLHttpRequest and WebSocket, then use it unmodified.
globalThis.XMLHttpRequest = XMLHttpRequestPolyfill;
globalThis.WebSocket = NodeWebSocket as unknown as typeof WebSocket;

type Received = ClientActivity & { text?: string; replyToId?: string };

const ann: TestAgent = { username: 'ann', displayName: '李娜 Ann', password: 'ann-password-1' };

/** The two ways the shopper's instance goes: a crash, and a stop for a deploy (rolling restart). */
const endings: { how: string; end: (instance: KefuProcess) => Promise<void>; exit: Partial<ChildProcess> }[] =
  [
    { how: 'killed (SIGKILL)', end: (instance) => instance.kill(), exit: { signalCode: 'SIGKILL' } },
    { how: 'stopped for a deploy (SIGTERM)', end: (instance) => instance.stop(), exit: { exitCode: 0 } },
  ];

for (const { how, end, exit } of endings)
  describeRedis(`an instance ${how} while a shopper and an agent are chatting`, () => {
    const redis = useRedis('instance-gone');
    let shopperSide: KefuProcess;
    let agentSide: KefuProcess;
    let balancer: RoundRobinProxy;
    beforeAll(async () => {
      const env = {
        REDIS_URL: redis.url,
        KEY_PREFIX: redis.prefix,
        DIRECTLINE_SECRET: 'a-secret-both-instances-share',
        KEFU_AGENTS: await agentsEnv([ann]),
        // Agents are at work whatever the hour the test runs.
        SERVICE_HOURS: '00:00-24:00',
      };
      [shopperSide, agentSide] = await Promise.all([startKefuProcess(env), startKefuProcess(env)]);
      balancer = await startRoundRobinProxy([
        { host: '127.0.0.1', port: shopperSide.port },
        { host: '127.0.0.1', port: agentSide.port },
      ]);
      // Sticky sessions: the shopper's page, requests and stream all land on the first instance.
      balancer.pin(0);
    }, 60_000);
    afterAll(async () => {
      await balancer?.close();
      await Promise.all([shopperSide?.stop(), agentSide?.stop()]);
    });

    it('lets the shopper’s client reconnect through the other instance, and the chat goes on with nothing lost', async () => {
      const base = `http://127.0.0.1:${balancer.port}`;
      const agentToken = await loginAgent(agentSide.base, ann);
      const { token } = (await postJson(`${base}/demo/token`)).body as { token: string };
      const client = new DirectLine({
        token,
        domain: `${base}/v3/directline`,
        webSocket: true,
        random: () => 0,
      });
      const received: Received[] = [];
      const statuses: ConnectionStatus[] = [];
      const subscriptions = [
        client.activity$.subscribe((activity) => received.push(activity as Received)),
        client.connectionStatus$.subscribe((status) => statuses.push(status)),
      ];
      const send = (text: string): Promise<string> =>
        client.postActivity({ type: 'message', from: { id: 'shopper', name: '顾客' }, text }).toPromise();
      const fromAgent = (text: string) =>
        waitFor(
          `“${text}” at the shopper`,
          () => received.find((a) => a.type === 'message' && a.text === text),
          20_000,
        );
      const agentSays = async (text: string) => {
        const sent = await postJson(
          `${agentSide.base}/api/agent/conversations/${conversationId}/messages`,
          { text },
          agentToken,
        );
        expect(sent.status).toBe(200);
      };
      let conversationId = '';
      try {
        const askedId = await send('我要转人工');
        const queued = await waitFor('the queue message', () =>
          received.find((a) => a.type === 'message' && a.replyToId === askedId),
        );
        expect(queued.text).toMatch(/正在为您转接人工客服/);
        conversationId = queued.conversation?.id ?? '';
        expect(
          (
            await postJson(
              `${agentSide.base}/api/agent/conversations/${conversationId}/accept`,
              {},
              agentToken,
            )
          ).status,
        ).toBe(200);
        await agentSays('您好，我是李娜。');
        await fromAgent('您好，我是李娜。');
        expect(balancer.handedOut[1]).toBe(0); // so far nothing of the shopper's went to the second instance

        await end(shopperSide);
        expect(shopperSide.process).toMatchObject(exit);
        // Said while the shopper's stream is down: it waits in the shared log for the reconnect.
        await agentSays('请问您的订单号是多少？');
        const asked = await fromAgent('请问您的订单号是多少？');
        expect(asked.from.name).toBe('李娜 Ann');
        expect(balancer.handedOut[1]).toBeGreaterThan(0);
        expect(statuses).toContain(ConnectionStatus.Connecting);
        expect(statuses[statuses.length - 1]).toBe(ConnectionStatus.Online);

        const replyId = await send('20231102558736');
        await waitFor('the shopper’s answer at the agent', async () => {
          const transcript = (
            await getJson(`${agentSide.base}/api/agent/conversations/${conversationId}`, agentToken)
          ).body.transcript as { text: string }[];
          return transcript.some((record) => record.text === '20231102558736') ? true : undefined;
        });
        await agentSays('已为您催件，请稍候。');
        await fromAgent('已为您催件，请稍候。');
        // The bot stays out of an agent's chat, on the surviving instance too.
        expect(received.filter((a) => a.type === 'message' && a.replyToId === replyId)).toEqual([]);

        const messages = received.filter((a) => a.type === 'message').map((a) => a.text);
        for (const text of ['您好，我是李娜。', '请问您的订单号是多少？', '已为您催件，请稍候。']) {
          expect(messages.filter((m) => m === text)).toHaveLength(1);
        }
        expect(agentSide.alive()).toBe(true);
      } finally {
        subscriptions.forEach((subscription) => subscription.unsubscribe());
        client.end();
      }
    }, 90_000);
  });
