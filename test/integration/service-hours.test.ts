import {
  agentsEnv,
  loginAgent,
  shopperActivities,
  startShopperConversation,
  type TestAgent,
} from '../helpers/handoff';
import { postJson, startTestServer, waitFor, type TestServer } from '../helpers/server';

const ann: TestAgent = { username: 'ann', displayName: '李娜 Ann', password: 'ann-password-1' };

async function ask(test: TestServer, text: string): Promise<string> {
  const { conversationId, token } = await startShopperConversation(test.base);
  const posted = await postJson(
    `${test.base}/v3/directline/conversations/${conversationId}/activities`,
    { type: 'message', text },
    token,
  );
  expect(posted.status).toBe(200);
  const answer = await waitFor('the bot’s answer', async () => {
    const activities = await shopperActivities(test.base, conversationId, token);
    const replies = activities.filter((a) => a.type === 'message' && a.from?.role === 'bot');
    return replies.length > 0 ? replies.map((a) => a.text).join('\n') : undefined;
  });
  return answer;
}

describe('SERVICE_HOURS: when agents work', () => {
  let roundTheClock: TestServer;
  let never: TestServer;
  beforeAll(async () => {
    const agents = await agentsEnv([ann]);
    roundTheClock = await startTestServer({ KEFU_AGENTS: agents, SERVICE_HOURS: '00:00-24:00' });
    // One minute a day, twelve hours (shop time, UTC+8) from now: closed while the test runs.
    const hour = String((new Date().getUTCHours() + 8 + 12) % 24).padStart(2, '0');
    never = await startTestServer({ KEFU_AGENTS: agents, SERVICE_HOURS: `${hour}:00-${hour}:01` });
    await loginAgent(roundTheClock.base, ann);
    await loginAgent(never.base, ann);
  });
  afterAll(async () => {
    await roundTheClock.server.shutdown();
    await never.server.shutdown();
  });

  it('is what the bot quotes when asked for the service hours', async () => {
    expect(await ask(roundTheClock, 'what are your service hours')).toContain('00:00–24:00');
  });

  it('queues a shopper within the hours, and offers to leave a message outside them, with an agent online in both', async () => {
    expect(await ask(roundTheClock, '我要转人工')).toMatch(/正在为您转接人工客服/);
    const outside = await ask(never, '我要转人工');
    expect(outside).toMatch(/留言/);
    expect(outside).not.toMatch(/正在为您转接人工客服/);
  });
});
