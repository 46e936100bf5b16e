import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { loadConfig } from '../../src/config';
import { verifyPassword } from '../../src/handoff/passwords';

const bin = path.join(__dirname, '..', '..', 'bin', 'kefu.js');

function hashPasswordCli(input: string) {
  return spawnSync(process.execPath, [bin, 'hash-password'], {
    input,
    env: { ...process.env, LOG_PRETTY: 'false' },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('kefu hash-password', () => {
  it('prints a hash of the password on stdin that KEFU_AGENTS accepts', async () => {
    const result = hashPasswordCli('s3cret-password\n');
    expect(result.status).toBe(0);
    const hash = result.stdout.trim();
    expect(hash).toMatch(/^scrypt\$[0-9a-f]+\$[0-9a-f]+$/);
    expect(result.stdout).not.toContain('s3cret-password');
    expect(result.stderr).not.toContain('s3cret-password');
    expect(await verifyPassword('s3cret-password', hash)).toBe(true);
    const config = loadConfig({
      KEFU_AGENTS: JSON.stringify([{ username: 'li.na', displayName: '李娜', passwordHash: hash }]),
    });
    expect(config.agents[0]).toMatchObject({ username: 'li.na', maxConcurrentChats: 5 });
  });

  it('refuses a short password', () => {
    const result = hashPasswordCli('short\n');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('at least 8 characters');
    expect(result.stdout).toBe('');
  });

  it('is listed in the usage', () => {
    const result = spawnSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(result.stdout).toContain('hash-password');
  });
});
