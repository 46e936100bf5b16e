import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../helpers/free-port';

const bin = path.join(__dirname, '..', '..', 'bin', 'kefu.js');

function kefu(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, LOG_PRETTY: 'false', ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('kefu CLI', () => {
  it('prints usage with --help and exits 0', () => {
    const result = kefu(['--help']);
    expect(result.status).toBe(0);
    for (const command of ['start', 'chat', 'classify', 'eval', 'export']) {
      expect(result.stdout).toContain(command);
    }
  });

  it('exits 2 with usage on an unknown command', () => {
    const result = kefu(['strat']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('unknown command "strat"');
    expect(result.stderr).toContain('Usage: kefu');
  });

  it('refuses to start with a wrong setting, naming it', () => {
    const result = kefu(['start'], { PORT: 'eighty' });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('PORT (port)');
    expect(result.stderr).toContain('a whole number from 0 to 65535');
  });

  it('refuses to start with a language model provider but no model, naming the setting', () => {
    const result = kefu(['start'], {
      LLM_PROVIDER: 'openai',
      LLM_MODEL: '',
      LLM_API_KEY: 'k',
      REDIS_URL: '',
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('LLM_MODEL');
  });

  it('starts, serves /healthz, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const child = spawn(process.execPath, [bin, 'start'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_PRETTY: 'false', REDIS_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 15_000;
      while (!stderr.includes('kefu listening')) {
        if (Date.now() > deadline) throw new Error(`server did not start: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(response.status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(stderr).toContain('shut down');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
