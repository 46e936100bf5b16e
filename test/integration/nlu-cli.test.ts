import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const bin = path.join(__dirname, '..', '..', 'bin', 'kefu.js');
const run = (args: string[], input?: string) =>
  spawnSync(process.execPath, [bin, ...args], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, LOG_LEVEL: 'info' },
  });

describe('kefu classify', () => {
  it('writes exactly one JSON object per input line and nothing else to stdout', () => {
    const input = [
      '{"text": "包邮吗"}',
      'where is my order 20231102558736',
      '',
      '{"text": 5}',
      '{broken',
      '我要投訴！！',
    ].join('\n');
    const result = run(['classify'], input);
    expect(result.status).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(5);
    const objects = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(objects[0]).toMatchObject({ text: '包邮吗', language: 'zh', intent: 'shipping.info' });
    expect(objects[0]).toEqual({
      text: expect.any(String),
      language: expect.any(String),
      intent: expect.any(String),
      confidence: expect.any(Number),
      ranking: expect.any(Array),
      sentiment: expect.any(Number),
      entities: expect.any(Array),
    });
    expect(objects[1]).toMatchObject({
      language: 'en',
      intent: 'shipping.track',
      entities: [{ type: 'orderId', value: '20231102558736', text: '20231102558736' }],
    });
    expect(objects[2]).toEqual({ error: { line: 4, message: 'expected {"text": "..."}' } });
    expect(objects[3]).toMatchObject({ error: { line: 5 } });
    expect(objects[4]).toMatchObject({ language: 'zh', intent: 'complaint' });
    expect((objects[4].sentiment as number) < 0).toBe(true);
  });
});

describe('kefu export and eval', () => {
  it('exports the training data as JSONL and scores a labelled file', () => {
    const exported = run(['export']);
    expect(exported.status).toBe(0);
    const rows = exported.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, string>);
    expect(rows.length).toBeGreaterThan(2000);
    expect(Object.keys(rows[0]).sort()).toEqual(['intent', 'language', 'text']);

    const dir = mkdtempSync(path.join(tmpdir(), 'kefu-eval-'));
    const file = path.join(dir, 'small.jsonl');
    writeFileSync(
      file,
      ['{"text":"能开发票吗","intent":"invoice"}', '{"text":"转人工","intent":"human.request"}'].join('\n'),
    );
    const report = run(['eval', file]);
    expect(report.status).toBe(0);
    expect(report.stdout).toContain('accuracy: 100.0%');
    expect(report.stdout).toContain('macro-F1');
    expect(report.stdout).toContain('| invoice |');

    writeFileSync(file, '{"text":"x"}\n');
    const bad = run(['eval', file]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('small.jsonl:1');
  });
});
