import { randomBytes } from 'node:crypto';
import type { RedisClient } from '../../src/storage/redis-client';
import { RedisScript } from '../../src/storage/redis-script';
import { describeWithRedisServer, useRestartableRedis } from '../helpers/restartable-redis';

// A script no other test defines, so whether Redis knows it says what this file did.
const marker = randomBytes(6).toString('hex');
const INCR_AND_TAG = new RedisScript(`
local n = redis.call('INCR', KEYS[1])
return ARGV[1] .. ':' .. n .. ':${marker}'`);

async function known(client: RedisClient, script: RedisScript): Promise<boolean> {
  const [exists] = await client.scriptExists(script.sha);
  return Number(exists) === 1;
}

async function waitUntilReady(client: RedisClient): Promise<void> {
  for (let tries = 0; tries < 200 && !client.isReady; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (!client.isReady) throw new Error('the client did not reconnect');
}

describeWithRedisServer('Lua scripts run by SHA', () => {
  const own = useRestartableRedis();

  it('are loaded when the connection is ready, so the first call needs no script text', async () => {
    // The ready handler's SCRIPT LOAD went out before this command on the same connection.
    expect(await known(own.client, INCR_AND_TAG)).toBe(true);
    expect(await INCR_AND_TAG.run(own.client, { keys: ['n'], arguments: ['a'] })).toBe(`a:1:${marker}`);
  });

  it('still run after SCRIPT FLUSH (sent once in full, which loads them again)', async () => {
    await own.client.scriptFlush();
    expect(await known(own.client, INCR_AND_TAG)).toBe(false);
    expect(await INCR_AND_TAG.run(own.client, { keys: ['n'], arguments: ['b'] })).toBe(`b:2:${marker}`);
    expect(await known(own.client, INCR_AND_TAG)).toBe(true);
  });

  it('are loaded again on the new connection after Redis restarts without them', async () => {
    await own.redis.kill();
    await own.redis.restart();
    await waitUntilReady(own.client);
    // A restarted Redis starts with no scripts; only the ready handler can have loaded this one.
    expect(await known(own.client, INCR_AND_TAG)).toBe(true);
  });

  it('pass script errors through instead of retrying them', async () => {
    const failing = new RedisScript(`return redis.error_reply('kefu test: ${marker}')`);
    await expect(failing.run(own.client, { keys: [], arguments: [] })).rejects.toThrow(
      `kefu test: ${marker}`,
    );
  });
});
