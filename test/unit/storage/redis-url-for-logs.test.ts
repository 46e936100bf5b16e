import { redisUrlForLogs } from '../../../src/storage/redis-client';

describe('redisUrlForLogs', () => {
  it('keeps where the URL points and hides its password', () => {
    const shown = redisUrlForLogs('rediss://kefu:s3cret-pass@cache.example.com:6380/2');
    expect(shown).not.toContain('s3cret-pass');
    expect(shown).toBe('rediss://kefu:***@cache.example.com:6380/2');
    expect(redisUrlForLogs('redis://:only-a-password@127.0.0.1:6379')).toBe('redis://:***@127.0.0.1:6379');
    expect(redisUrlForLogs('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });

  it('says nothing of a URL it cannot parse (it may be a password pasted in the wrong place)', () => {
    expect(redisUrlForLogs('redis://[not-a-host')).toBe('an unparsable redis URL');
  });
});
