import {
  ACTIVITY_PAGE_SIZE,
  MAX_LOGGED_ACTIVITIES,
  MemoryActivityLog,
  type ActivityLog,
} from '../../src/channels/directline/activity-log';
import { RedisActivityLog } from '../../src/channels/directline/redis-activity-log';
import type { RedisClient } from '../../src/storage/redis-client';
import { testLogger } from '../helpers/quiet-logger';
import { describeRedis, useRedis } from '../helpers/redis';

/** One contract for every ActivityLog: what a reconnecting Direct Line client relies on. */
function activityLogContract(make: () => ActivityLog): void {
  let log: ActivityLog;
  let conversation = 0;
  let id: string;
  beforeEach(() => {
    log = make();
    conversation += 1;
    id = `contract-${Date.now()}-${conversation}`;
  });
  afterEach(() => log.close());

  const message = (text: string) => ({ type: 'message', text });

  it('numbers activities from 1 and gives each an id with its sequence number', async () => {
    const first = await log.append(id, message('一'));
    const second = await log.append(id, message('two'));
    expect(first.id).toBe(`${id}|0000001`);
    expect(second.id).toBe(`${id}|0000002`);
    expect(second.text).toBe('two');
  });

  it('reads what came after a watermark, in order, and returns the new watermark', async () => {
    for (const text of ['a', 'b', 'c', 'd']) await log.append(id, message(text));
    const all = await log.read(id, 0);
    expect(all.activities.map((activity) => activity.text)).toEqual(['a', 'b', 'c', 'd']);
    expect(all.watermark).toBe(4);
    const rest = await log.read(id, 2);
    expect(rest.activities.map((activity) => activity.text)).toEqual(['c', 'd']);
    expect(rest.activities[0].id).toBe(`${id}|0000003`);
    const page = await log.read(id, 0, 3);
    expect(page.watermark).toBe(3);
  });

  it('returns nothing and the same watermark when nothing is new, or the conversation is unknown', async () => {
    await log.append(id, message('a'));
    expect(await log.read(id, 1)).toEqual({ activities: [], watermark: 1 });
    expect(await log.read(`${id}-unknown`, 0)).toEqual({ activities: [], watermark: 0 });
  });

  it('keeps conversations apart', async () => {
    await log.append(id, message('mine'));
    await log.append(`${id}-other`, message('theirs'));
    expect((await log.read(id, 0)).activities.map((activity) => activity.text)).toEqual(['mine']);
  });

  it('knows the client ids appendOnce recorded, per conversation', async () => {
    expect(await log.knows(id, 'c-1')).toBe(false);
    await log.appendOnce(id, 'c-1', message('once'));
    await log.append(id, message('no client id'));
    expect(await log.knows(id, 'c-1')).toBe(true);
    expect(await log.knows(id, 'c-2')).toBe(false);
    expect(await log.knows(`${id}-other`, 'c-1')).toBe(false);
  });

  it('tells watchers of a conversation about each append, until they stop watching', async () => {
    let calls = 0;
    const appended = new Promise<void>((resolve) => {
      void log
        .watch(id, () => {
          calls += 1;
          resolve();
        })
        .then(async (unwatch) => {
          await log.append(id, message('x'));
          await appended;
          await unwatch();
          await log.append(id, message('y'));
        });
    });
    await appended;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(calls).toBe(1);
  });

  it('hands out distinct, gapless sequence numbers to concurrent appends', async () => {
    const logged = await Promise.all(
      Array.from({ length: 20 }, (_, index) => log.append(id, message(String(index)))),
    );
    const sequences = logged.map((activity) => Number(activity.id.split('|')[1])).sort((a, b) => a - b);
    expect(sequences).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
  });
}

describe('MemoryActivityLog', () => {
  const shared = new MemoryActivityLog();
  activityLogContract(() => shared);

  it('keeps the last MAX_LOGGED_ACTIVITIES and reads across the cut by watermark, a page at a time', async () => {
    const log = new MemoryActivityLog();
    const total = MAX_LOGGED_ACTIVITIES + 5;
    for (let index = 1; index <= total; index++) {
      await log.append('long', { type: 'message', text: `m${index}` });
    }
    // From the start: the first five fell off, the page begins with the sixth.
    const first = await log.read('long', 0);
    expect(first.activities).toHaveLength(ACTIVITY_PAGE_SIZE);
    expect(first.activities[0]).toMatchObject({ id: 'long|0000006', text: 'm6' });
    expect(first.watermark).toBe(5 + ACTIVITY_PAGE_SIZE);
    const next = await log.read('long', first.watermark);
    expect(next.activities[0].text).toBe(`m${first.watermark + 1}`);
    const tail = await log.read('long', total - 2);
    expect(tail.activities.map((activity) => activity.text)).toEqual([`m${total - 1}`, `m${total}`]);
    expect(tail.watermark).toBe(total);
    expect(await log.read('long', total)).toEqual({ activities: [], watermark: total });
    // A client id whose message was trimmed off is a new message again; a kept one is still recognised.
    await log.appendOnce('long', 'kept', { type: 'message', text: 'once' });
    const again = await log.appendOnce('long', 'kept', { type: 'message', text: 'once' });
    expect(again).toMatchObject({
      repeated: true,
      logged: { id: `long|${String(total + 1).padStart(7, '0')}` },
    });
  });

  it('hands readers copies: changing what was read does not change the log', async () => {
    const log = new MemoryActivityLog();
    const appended = await log.append('copies', { type: 'message', text: 'original' });
    appended.text = 'changed by the caller';
    const [read] = (await log.read('copies', 0)).activities;
    read.text = 'changed by a reader';
    expect((await log.read('copies', 0)).activities[0].text).toBe('original');
  });
});

describeRedis('RedisActivityLog', () => {
  const redis = useRedis('activity-log');
  activityLogContract(
    () =>
      new RedisActivityLog(redis.client as unknown as RedisClient, {
        prefix: redis.prefix,
        logger: testLogger(),
      }),
  );

  it('keeps the conversation as a capped stream with an expiry', async () => {
    const log = new RedisActivityLog(redis.client as unknown as RedisClient, {
      prefix: redis.prefix,
      logger: testLogger(),
      ttlSeconds: 120,
    });
    await log.append('capped', { type: 'message', text: 'a' });
    const key = `${redis.prefix}dl:log:capped`;
    expect(await redis.client.type(key)).toBe('stream');
    expect(await redis.client.ttl(key)).toBeGreaterThan(100);
    await log.close();
  });
});
