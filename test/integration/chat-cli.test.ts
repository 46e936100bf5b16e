import { spawnSync } from 'node:child_process';
import path from 'node:path';

const bin = path.join(__dirname, '..', '..', 'bin', 'kefu.js');

function chat(lines: string[], args: string[] = []) {
  return spawnSync(process.execPath, [bin, 'chat', ...args], {
    input: `${lines.join('\n')}\n`,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, LOG_PRETTY: 'false', REDIS_URL: '' },
  });
}

describe('kefu chat', () => {
  it('talks in both languages, shows buttons, and a number clicks one', () => {
    const result = chat([
      '包邮吗',
      '我的快递到哪了 订单号20231102558736',
      '5678',
      '1',
      'do you ship to hong kong',
    ]);
    expect(result.status).toBe(0);
    const out = result.stdout;
    expect(out).toContain('you> 包邮吗');
    expect(out).toContain('¥99');
    expect(out).toContain('后4位');
    expect(out).toContain('SF1234567890123');
    expect(out).toContain('[1] 申请物流理赔');
    expect(out).toMatch(/工单 T\d{8}-\d{4}/); // "1" clicked the first button: a courier claim
    expect(out).toContain('Hong Kong');
  });

  it('shows a signed-in customer’s order without asking for digits', () => {
    const out = chat(['我的快递到哪了'], ['--customer', 'demo-alice']).stdout;
    expect(out).toContain('SF1234567890123');
    expect(out).not.toContain('后4位');
  });

  it('refuses --customer without an id', () => {
    const result = chat([], ['--customer']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--customer needs an id');
  });
});
