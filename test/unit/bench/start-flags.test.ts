import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startScriptNodeFlags } from '../../../bench/lib/start-flags';

describe("npm start's node flags, which the benchmark and the fault tests run kefu with", () => {
  it("are read off package.json's start script, whatever they are", () => {
    const manifest = JSON.parse(
      readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'),
    ) as { scripts: { start: string } };
    const flags = startScriptNodeFlags();
    expect(flags.every((flag) => flag.startsWith('--'))).toBe(true);
    expect(['node', ...flags, 'bin/kefu.js', 'start'].join(' ')).toBe(manifest.scripts.start);
  });

  it('are none for a plain start, several when there are several', () => {
    expect(startScriptNodeFlags('node bin/kefu.js start')).toEqual([]);
    expect(
      startScriptNodeFlags('node --max-semi-space-size=64 --max-old-space-size=512 bin/kefu.js start'),
    ).toEqual(['--max-semi-space-size=64', '--max-old-space-size=512']);
  });

  it('refuse a start script of another shape, saying what shape they expect', () => {
    expect(() => startScriptNodeFlags('tsx src/cli.ts start')).toThrow(
      /node \[--flags\] bin\/kefu\.js start/,
    );
  });
});
