import { WebSocket } from 'ws';
import { getJson, postJson, waitFor } from '../helpers/server';
import { describeRedis, useRedis } from '../helpers/redis';
import { useTwoInstances } from '../helpers/two-instances';

interface Frame {
  activities: { id: string; type: string; text?: string; replyToId?: string }[];
  watermark: string;
}

describeRedis('Direct Line on two instances sharing one Redis', () => {
  const redis = useRedis('directline');
  const servers = useTwoInstances(redis, () => ({ DIRECTLINE_SECRET: 'shared-secret-of-two-instances' }));

  it('streams on one instance what was posted on the other, and resumes from a watermark without repeats', async () => {
    const { first, second } = servers;
    const generated = await postJson(
      `${first.base}/v3/directline/tokens/generate`,
      undefined,
      'shared-secret-of-two-instances',
    );
    const { token, conversationId } = generated.body as { token: string; conversationId: string };
    await postJson(`${first.base}/v3/directline/conversations`, {}, token);
    const info = await getJson(
      `${second.base}/v3/directline/conversations/${conversationId}?watermark=`,
      token,
    );
    expect(info.status).toBe(200);

    const frames: Frame[] = [];
    const socket = new WebSocket(info.body.streamUrl as string);
    socket.on('message', (data: Buffer) => {
      const text = data.toString('utf8');
      if (text) frames.push(JSON.parse(text) as Frame);
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));

    const posted = await postJson(
      `${first.base}/v3/directline/conversations/${conversationId}/activities`,
      { type: 'message', text: '你们发什么快递？', from: { id: 'x' } },
      token,
    );
    expect(posted.status).toBe(200);
    const streamed = () => frames.flatMap((frame) => frame.activities);
    const reply = await waitFor('the reply on the other instance', () =>
      streamed().find((activity) => activity.type === 'message' && activity.replyToId === posted.body.id),
    );
    expect(reply.text).toMatch(/顺丰|快递/);
    socket.close();

    // Resume from the last watermark seen: only what came after it.
    const watermark = frames[frames.length - 1].watermark;
    const thanks = await postJson(
      `${second.base}/v3/directline/conversations/${conversationId}/activities`,
      { type: 'message', text: 'thanks', from: { id: 'x' } },
      token,
    );
    const rest = await getJson(
      `${first.base}/v3/directline/conversations/${conversationId}/activities?watermark=${watermark}`,
      token,
    );
    const ids = (rest.body.activities as { id: string }[]).map((activity) => activity.id);
    expect(ids[0]).toBe(thanks.body.id);
    expect(ids.filter((id) => streamed().some((activity) => activity.id === id))).toEqual([]);
  });
});
