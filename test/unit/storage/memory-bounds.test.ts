import { loadConfig } from '../../../src/config';
import { createChannels } from '../../../src/server/channels';
import { MemoryConversationLog } from '../../../src/storage/conversation-log';
import { LruMap } from '../../../src/storage/lru-map';
import { sharedNlu } from '../../helpers/bot';
import { testLogger } from '../../helpers/quiet-logger';

describe('memory storage stays bounded (MEMORY_CONVERSATIONS)', () => {
  it('LruMap forgets the entry used least recently; peek does not count as a use', () => {
    const map = new LruMap<string, number>(2);
    map.set('a', 1);
    map.set('b', 2);
    expect(map.peek('a')).toBe(1); // a stays the oldest
    map.set('c', 3);
    expect([map.peek('a'), map.peek('b'), map.peek('c')]).toEqual([undefined, 2, 3]);
    expect(map.get('b')).toBe(2); // b is used: c is now the oldest
    map.set('d', 4);
    expect([map.peek('b'), map.peek('c'), map.peek('d'), map.size]).toEqual([2, undefined, 4, 2]);
  });

  it('LruMap tells who was forgotten for room, and not who was deleted', () => {
    const evicted: string[] = [];
    const map = new LruMap<string, number>(2, (key, value) => evicted.push(`${key}=${value}`));
    map.set('a', 1);
    map.set('b', 2);
    map.delete('a');
    map.set('c', 3);
    map.set('d', 4);
    expect(evicted).toEqual(['b=2']);
  });

  it('keeps the transcripts of the most recently active conversations only', async () => {
    const log = new MemoryConversationLog(2);
    const line = (text: string) => ({ at: new Date().toISOString(), role: 'shopper' as const, text });
    await log.append('a', line('1'));
    await log.append('b', line('2'));
    await log.append('a', line('3')); // a is active again: b is the one idle the longest
    await log.append('c', line('4'));
    expect((await log.read('a')).map((r) => r.text)).toEqual(['1', '3']);
    expect(await log.read('b')).toEqual([]);
    expect((await log.read('c')).map((r) => r.text)).toEqual(['4']);
    await log.append('c', line('5'), line('6'));
    expect((await log.read('c')).map((r) => r.text)).toEqual(['4', '5', '6']);
  });

  it('keeps transcript lines of its own: neither the writer nor a reader can change them afterwards', async () => {
    const log = new MemoryConversationLog(2);
    const written = { at: new Date().toISOString(), role: 'shopper' as const, text: '我要退货' };
    await log.append('a', written);
    written.text = 'changed by the writer';
    const [read] = await log.read('a');
    read.text = 'changed by a reader';
    expect((await log.read('a', 1))[0].text).toBe('我要退货');
  });

  it('forgets the oldest conversations of a running bot, and the recent ones carry on', async () => {
    const config = loadConfig({
      MEMORY_CONVERSATIONS: '100',
      RATE_LIMIT_PER_MINUTE: '1000',
      LOG_LEVEL: 'silent',
    });
    const channels = createChannels({ config, logger: testLogger(), nlu: sharedNlu() });
    const { directLine } = channels;
    try {
      for (let i = 0; i < 150; i++) {
        await directLine.post(`conv-${i}`, { id: `u-${i}` }, { type: 'message', text: '包邮吗' });
      }
      expect((await directLine.read('conv-0', 0)).activities).toEqual([]);
      const recent = await directLine.read('conv-149', 0);
      expect(recent.activities.some((a) => a.from?.role === 'bot' && /包邮/.test(a.text ?? ''))).toBe(true);
      // The tracking step it was on is still known: the conversation was not forgotten half-way.
      await directLine.post(
        'conv-149',
        { id: 'u-149' },
        { type: 'message', text: '我的快递到哪了 订单号20231102558736' },
      );
      await directLine.post('conv-149', { id: 'u-149' }, { type: 'message', text: '5678' });
      const page = await directLine.read('conv-149', 0);
      expect(page.activities.map((a) => a.text ?? '').join('\n')).toContain('SF1234567890123');
    } finally {
      await channels.close();
    }
  });
});
