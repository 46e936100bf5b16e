import {
  agentsEnv,
  directLineReference,
  handoffContext,
  loginAgent,
  openAgentStream,
  startShopperConversation,
  type TestAgent,
} from '../helpers/handoff';
import { openActivityStream } from '../helpers/directline';
import { describeRedis, useRedis } from '../helpers/redis';
import { useTwoInstances } from '../helpers/two-instances';
import { getJson, postJson, waitFor } from '../helpers/server';

const ann: TestAgent = { username: 'ann', displayName: '李娜 Ann', password: 'ann-password-1' };
const racers: TestAgent[] = Array.from({ length: 4 }, (_, index) => ({
  username: `racer${index}`,
  displayName: `Racer ${index}`,
  password: `racer-password-${index}`,
}));
const ALWAYS_OPEN = { serviceHours: { open: '00:00', close: '23:59' }, utcOffsetMinutes: 0 };

interface StreamedActivity {
  type: string;
  text?: string;
  from?: { name?: string };
  suggestedActions?: { actions: { value: string }[] };
}

describeRedis('the agent side on two instances sharing one Redis', () => {
  const redis = useRedis('agents');
  const servers = useTwoInstances(
    redis,
    async () => ({
      DIRECTLINE_SECRET: 'shared-secret-of-two-instances',
      KEFU_AGENTS: await agentsEnv([ann, ...racers]),
    }),
    { handoff: { policy: ALWAYS_OPEN, loginsPerAddressPerMinute: 1000 } },
  );

  it('lets an agent on one instance serve a shopper on the other, messages crossing both ways', async () => {
    const { first: shopperSide, second: agentSide } = servers;
    const shopper = await startShopperConversation(shopperSide.base);
    const { conversationId } = shopper;

    // The shopper watches their conversation on the shopper-side instance.
    const info = await getJson(
      `${shopperSide.base}/v3/directline/conversations/${conversationId}`,
      shopper.token,
    );
    const { socket: shopperSocket, activities: streamed } = await openActivityStream<StreamedActivity>(
      info.body.streamUrl as string,
    );

    // The agent logs in on the other instance; the shopper side sees them as available.
    const token = await loginAgent(agentSide.base, ann);
    expect(await shopperSide.server.channels.handoff.agentsAvailable(new Date())).toBe(true);
    const agentStream = await openAgentStream(agentSide.base, token);

    try {
      // The bot on the shopper side escalates.
      const place = await shopperSide.server.channels.handoff.enqueue(
        handoffContext(conversationId),
        directLineReference(conversationId, shopper.userId),
        new Date(),
      );
      expect(place.position).toBeGreaterThanOrEqual(1);
      await waitFor('the queued shopper in the agent’s console', () =>
        agentStream.frames.find(
          (frame) =>
            frame.type === 'queue' &&
            (frame.queue as { conversationId: string }[]).some(
              (entry) => entry.conversationId === conversationId,
            ),
        ),
      );

      const accepted = await postJson(
        `${agentSide.base}/api/agent/conversations/${conversationId}/accept`,
        {},
        token,
      );
      expect(accepted.status).toBe(200);

      // Agent → shopper: sent on the agent side, streamed to the shopper on the shopper side.
      const sent = await postJson(
        `${agentSide.base}/api/agent/conversations/${conversationId}/messages`,
        { text: '您好，我是李娜。' },
        token,
      );
      expect(sent.status).toBe(200);
      const reply = await waitFor('the agent’s message at the shopper', () =>
        streamed.find((activity) => activity.text === '您好，我是李娜。'),
      );
      expect(reply).toMatchObject({ type: 'message', from: { name: '李娜 Ann' } });

      // Shopper → agent: posted on the shopper side, where the bot forwards it; the agent side's console gets it.
      const posted = await postJson(
        `${shopperSide.base}/v3/directline/conversations/${conversationId}/activities`,
        { type: 'message', text: '我的快递四天没动了', from: { id: shopper.userId } },
        shopper.token,
      );
      expect(posted.status).toBe(200);
      const forwarded = await waitFor('the shopper’s message in the agent’s console', () =>
        agentStream.frames.find(
          (frame) =>
            frame.type === 'message' &&
            frame.conversationId === conversationId &&
            (frame.record as { role: string }).role === 'shopper',
        ),
      );
      expect(forwarded).toMatchObject({ record: { role: 'shopper', text: '我的快递四天没动了' } });

      // The agent's token from one instance is good on the other; the context shows the whole exchange.
      const context = await getJson(`${shopperSide.base}/api/agent/conversations/${conversationId}`, token);
      expect(context.status).toBe(200);
      expect((context.body.transcript as { text: string }[]).map((record) => record.text)).toEqual(
        expect.arrayContaining(['您好，我是李娜。', '我的快递四天没动了']),
      );

      // Closing on the agent side asks the shopper on the shopper side for a rating.
      const closed = await postJson(
        `${agentSide.base}/api/agent/conversations/${conversationId}/close`,
        { resolution: '已联系快递加急' },
        token,
      );
      expect(closed.status).toBe(200);
      const rating = await waitFor('the rating question at the shopper', () =>
        streamed.find((activity) => activity.suggestedActions !== undefined),
      );
      expect(rating.text).toContain('请为本次服务打分');
      expect(rating.suggestedActions?.actions).toHaveLength(5);
      expect(await shopperSide.server.channels.handoff.sessionOf(conversationId)).toMatchObject({
        state: 'closed',
        ratingPending: true,
      });
    } finally {
      agentStream.close();
      shopperSocket.close();
    }
  });

  it('gives one conversation to exactly one of 50 accepts spread over both instances', async () => {
    const { first: shopperSide, second: agentSide } = servers;
    const conversationId = `race-${Date.now()}`;
    await agentSide.server.channels.handoff.enqueue(
      handoffContext(conversationId, { priority: 1 }),
      directLineReference(conversationId, 'shopper-race'),
      new Date(),
    );
    const tokens = await Promise.all(racers.map((agent) => loginAgent(agentSide.base, agent)));
    const bases = [shopperSide.base, agentSide.base];
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        postJson(
          `${bases[index % 2]}/api/agent/conversations/${conversationId}/accept`,
          {},
          tokens[index % tokens.length],
        ),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
  });
});
