import { randomId } from '../../src/random-id';

describe('randomId', () => {
  it('encodes the bytes asked for, in hex or base64url', () => {
    expect(randomId(8, 'hex')).toMatch(/^[0-9a-f]{16}$/);
    expect(randomId(15, 'base64url')).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(randomId(9, 'base64url')).toMatch(/^[A-Za-z0-9_-]{12}$/);
  });

  it('never hands out the same bytes twice, across many refills of its pool', () => {
    const ids = Array.from({ length: 5_000 }, () => randomId(15, 'base64url'));
    expect(new Set(ids).size).toBe(ids.length);
    // Each of the 64 base64url characters turns up in the first position: the bytes are spread out.
    expect(new Set(ids.map((id) => id[0])).size).toBe(64);
  });

  it('refuses sizes it cannot serve', () => {
    expect(() => randomId(0, 'hex')).toThrow(RangeError);
    expect(() => randomId(5_000, 'hex')).toThrow(/1 to 4096 bytes/);
  });
});
