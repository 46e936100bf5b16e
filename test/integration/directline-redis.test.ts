import { openActivityStream } from '../helpers/directline';
import { getJson, postJson, waitFor } from '../helpers/server';
import { describeRedis, useRedis } from '../helpers/redis';
import { useTwoInstances } from '../helpers/two-instances';

interface StreamedActivity {
  id: string;
  type: string;
  text?: string;
  replyToId?: string;
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

    const stream = await openActivityStream<StreamedActivity>(info.body.streamUrl as string);

    const posted = await postJson(
      `${first.base}/v3/directline/conversations/${conversationId}/activities`,
      { type: 'message', text: '你们发什么快递？', from: { id: 'x' } },
      token,
    );
    expect(posted.status).toBe(200);
    const reply = await waitFor('the reply on the other instance', () =>
      stream.activities.find(
        (activity) => activity.type === 'message' && activity.replyToId === posted.body.id,
      ),
    );
    expect(reply.text).toMatch(/顺丰|快递/);
    stream.socket.close();

    // Resume from the last watermark seen: only what came after it.
    const watermark = stream.frames[stream.frames.length - 1].watermark;
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
    expect(ids.filter((id) => stream.activities.some((activity) => activity.id === id))).toEqual([]);
  });
});
