import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, configurationTable, loadConfig } from '../../src/config';

function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('starts with defaults and in-memory storage when nothing is set', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.redisUrl).toBeUndefined();
    expect(config.keyPrefix).toBe('kefu:');
    expect(config.llmProvider).toBe('none');
    expect(config.agents).toEqual([]);
    expect(config.confidenceThreshold).toBeCloseTo(0.55);
  });

  it('reads numbers, enums and lists from the environment', () => {
    const config = loadConfig({
      PORT: '8080',
      LOG_LEVEL: 'debug',
      LOG_PRETTY: 'false',
      REDIS_URL: 'redis://127.0.0.1:6379',
      KEFU_AGENTS: JSON.stringify([
        { username: 'mei', displayName: '小美', passwordHash: 'scrypt$ab12$cd34' },
      ]),
    });
    expect(config.port).toBe(8080);
    expect(config.logLevel).toBe('debug');
    expect(config.logPretty).toBe(false);
    expect(config.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.agents[0]).toMatchObject({ username: 'mei', maxConcurrentChats: 5 });
  });

  it('reads service hours, the per-address limit and which proxies to trust', () => {
    const defaults = loadConfig({});
    expect(defaults.serviceHours).toEqual({ open: '09:00', close: '22:00' });
    expect(defaults.rateLimitPerIpPerMinute).toBe(600);
    expect(defaults.trustProxy).toBe(false);
    const config = loadConfig({
      SERVICE_HOURS: ' 08:30-21:00 ',
      RATE_LIMIT_PER_IP_PER_MINUTE: '5000',
      TRUST_PROXY: '10.0.0.0/8, loopback',
    });
    expect(config.serviceHours).toEqual({ open: '08:30', close: '21:00' });
    expect(config.rateLimitPerIpPerMinute).toBe(5000);
    expect(config.trustProxy).toEqual(['10.0.0.0/8', 'loopback']);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  it('explains a service-hours value that is not a range, or that closes before it opens', () => {
    expect(problemsOf({ SERVICE_HOURS: '9-22' })).toMatch(
      /SERVICE_HOURS \(serviceHours\): two 24-hour times like 09:00-22:00.*got "9-22"/,
    );
    expect(problemsOf({ SERVICE_HOURS: '22:00-09:00' })).toContain(
      'the opening time must come before the closing time',
    );
    expect(problemsOf({ RATE_LIMIT_PER_IP_PER_MINUTE: '0' })).toContain(
      'RATE_LIMIT_PER_IP_PER_MINUTE (rateLimitPerIpPerMinute)',
    );
  });

  it('rejects a mistyped port, naming the setting and what is allowed', () => {
    const message = problemsOf({ PORT: '80a' });
    expect(message).toContain('PORT (port)');
    expect(message).toContain('a whole number from 0 to 65535');
    expect(message).toContain('"80a"');
  });

  it('lists every wrong setting at once', () => {
    const message = problemsOf({
      LOG_LEVEL: 'loud',
      REDIS_URL: 'localhost:6379',
      CONFIDENCE_THRESHOLD: '1.5',
    });
    expect(message).toContain('LOG_LEVEL (logLevel)');
    expect(message).toContain('fatal, error, warn, info, debug, trace or silent');
    expect(message).toContain('REDIS_URL (redisUrl)');
    expect(message).toContain('redis://');
    expect(message).toContain('CONFIDENCE_THRESHOLD');
  });

  it('never echoes a secret in its error', () => {
    const message = problemsOf({ DIRECTLINE_SECRET: 'short-secret' });
    expect(message).toContain('DIRECTLINE_SECRET');
    expect(message).toContain('(hidden)');
    expect(message).not.toContain('short-secret');
  });

  it('explains bad agent JSON', () => {
    const message = problemsOf({ KEFU_AGENTS: '[{"username": "a"' });
    expect(message).toContain('KEFU_AGENTS (agents)');
    const wrongHash = problemsOf({
      KEFU_AGENTS: JSON.stringify([{ username: 'a', displayName: 'A', passwordHash: 'plain' }]),
    });
    expect(wrongHash).toContain('KEFU_AGENTS (agents) at 0.passwordHash');
  });

  describe('config file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kefu-config-'));

    it('reads YAML with setting keys or env names, and the environment wins', () => {
      const file = path.join(dir, 'kefu.yaml');
      writeFileSync(file, 'port: 4000\nKEY_PREFIX: "shop1:"\nlogLevel: warn\n');
      const config = loadConfig({ KEFU_CONFIG: file, LOG_LEVEL: 'error' });
      expect(config.port).toBe(4000);
      expect(config.keyPrefix).toBe('shop1:');
      expect(config.logLevel).toBe('error');
    });

    it('reports an unknown key in the file instead of ignoring it', () => {
      const file = path.join(dir, 'typo.json');
      writeFileSync(file, JSON.stringify({ prot: 4000 }));
      expect(problemsOf({ KEFU_CONFIG: file })).toContain('prot (in');
    });

    it('reports a missing file by name', () => {
      expect(problemsOf({ KEFU_CONFIG: path.join(dir, 'nope.yaml') })).toContain('cannot read');
    });
  });
});

describe('README configuration table', () => {
  it('is the one generated from the schema (run `npm run docs:config` after changing a setting)', () => {
    const readme = readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');
    const start = readme.indexOf('<!-- config-table:start -->');
    const end = readme.indexOf('<!-- config-table:end -->');
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    const inReadme = readme.slice(start + '<!-- config-table:start -->'.length, end).trim();
    expect(inReadme).toBe(configurationTable());
  });
});
