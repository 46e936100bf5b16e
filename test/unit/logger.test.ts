import { Writable } from 'node:stream';
import { conversationLogger, createLogger } from '../../src/log/logger';
import { maskPersonalData } from '../../src/log/mask';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(chunk.toString('utf8'));
      callback();
    },
  });
  return { lines, logger: createLogger({ level: 'info', pretty: false, destination }) };
}

describe('maskPersonalData', () => {
  it.each([
    ['我的手机13812345678', '我的手机*******5678'],
    ['call +86 138-1234-5678 please', 'call *********5678 please'],
    ['電話 139 1234 5678', '電話 *******5678'],
    ['mail li.wei@example.com now', 'mail l***@example.com now'],
    ['+44 20 7946 0958', '********0958'],
  ])('masks %s', (input, expected) => {
    expect(maskPersonalData(input)).toBe(expected);
  });

  it('leaves order numbers and tracking numbers alone', () => {
    const text = '订单号20231102558736 运单SF1234567890123';
    expect(maskPersonalData(text)).toBe(text);
  });
});

describe('logger', () => {
  it('never writes a phone number or e-mail, in the message or in fields', () => {
    const { lines, logger } = capture();
    logger.info(
      { text: '我的手机是13812345678', customer: { email: 'amy@shop.cn', phones: ['13987654321'] } },
      'user said 13812345678',
    );
    logger.warn('contact %s', 'bob@example.org');
    const output = lines.join('');
    expect(output).not.toMatch(/13812345678|13987654321|amy@shop\.cn|bob@example\.org/);
    expect(output).toContain('*******5678');
    expect(output).toContain('a***@shop.cn');
    expect(lines).toHaveLength(2);
  });

  it('redacts secret fields whatever they hold', () => {
    const { lines, logger } = capture();
    logger.info({ password: 'hunter2', headers: { authorization: 'Bearer abc.def' } }, 'login');
    const output = lines.join('');
    expect(output).not.toContain('hunter2');
    expect(output).not.toContain('abc.def');
    expect(output).toContain('[redacted]');
  });

  it('masks inside errors and in child loggers', () => {
    const { lines, logger } = capture();
    const child = conversationLogger(logger, 'conv-1');
    child.error({ err: new Error('could not reach 13812345678') }, 'failed');
    const entry = JSON.parse(lines[0]) as { conversationId: string; err: { message: string } };
    expect(entry.conversationId).toBe('conv-1');
    expect(entry.err.message).toBe('could not reach *******5678');
  });
});
