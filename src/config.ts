import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/**
 * Every setting kefu reads. Each one has an environment variable, a key in the optional config file
 * (KEFU_CONFIG, JSON or YAML), a zod schema and a sentence for the README table. The environment wins
 * over the file, so a deployment can override one value without editing the file.
 */

const booleanFromText = z.preprocess((value) => {
  if (typeof value !== 'string') return value;
  const text = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(text)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(text)) return false;
  return value;
}, z.boolean());

/** Lists arrive from the environment as JSON text; from a config file they are already arrays. */
const jsonFromText = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value);
    } catch {
      return value; // left as text so that the schema reports it with the setting's name
    }
  }, schema);

const optionalText = z.preprocess((value) => (value === '' ? undefined : value), z.string().optional());

export const agentAccountSchema = z.object({
  username: z.string().min(1).max(64),
  displayName: z.string().min(1).max(64),
  /** scrypt hash as written by `kefu hash-password`: `scrypt$<salt hex>$<key hex>`. */
  passwordHash: z.string().regex(/^scrypt\$[0-9a-f]+\$[0-9a-f]+$/, 'a hash from `kefu hash-password`'),
  maxConcurrentChats: z.number().int().min(1).max(50).default(5),
});
export type AgentAccount = z.infer<typeof agentAccountSchema>;

interface SettingDefinition<S extends z.ZodType = z.ZodType> {
  env: string;
  schema: S;
  /** What the README and error messages say is allowed. */
  allowed: string;
  description: string;
  /** Shown in the README; undefined means "not set". */
  defaultText?: string;
  secret?: boolean;
}

const setting = <S extends z.ZodType>(definition: SettingDefinition<S>) => definition;

export const settingDefinitions = {
  port: setting({
    env: 'PORT',
    schema: z.coerce.number().int().min(0).max(65535).default(3978),
    allowed: 'a whole number from 0 to 65535 (0 picks a free port)',
    description: 'HTTP port of the server.',
    defaultText: '3978',
  }),
  host: setting({
    env: 'HOST',
    schema: z.string().min(1).default('0.0.0.0'),
    allowed: 'an interface address or host name',
    description: 'Address the server listens on.',
    defaultText: '0.0.0.0',
  }),
  redisUrl: setting({
    env: 'REDIS_URL',
    schema: z.preprocess(
      (value) => (value === '' ? undefined : value),
      z
        .string()
        .regex(/^rediss?:\/\/\S+$/, 'must start with redis:// or rediss://')
        .optional(),
    ),
    allowed: 'a redis:// or rediss:// URL',
    description: 'Redis for state, logs, queue and pub/sub. Unset: everything is kept in memory.',
  }),
  memoryConversations: setting({
    env: 'MEMORY_CONVERSATIONS',
    schema: z.coerce.number().int().min(100).max(10000000).default(20000),
    allowed: 'a whole number from 100 to 10000000',
    description:
      'Without Redis: how many conversations (state, transcript, Direct Line log, finished handoffs) are kept in memory, and as many tickets; the ones idle the longest are forgotten first, so memory stays bounded (10–15 KB of heap each, measured by bench:memory and bench:turn; the process’s RSS under load runs well above that, see README, Benchmarks). Ignored with REDIS_URL, where conversations expire after 30 days.',
    defaultText: '20000',
  }),
  keyPrefix: setting({
    env: 'KEY_PREFIX',
    schema: z
      .string()
      .regex(/^[A-Za-z0-9_.:-]{1,64}$/, 'letters, digits, _ . : - only')
      .default('kefu:'),
    allowed: '1–64 characters of letters, digits, _ . : -',
    description: 'Prefix of every Redis key, so several shops can share one Redis.',
    defaultText: 'kefu:',
  }),
  directLineSecret: setting({
    env: 'DIRECTLINE_SECRET',
    schema: z.preprocess((value) => (value === '' ? undefined : value), z.string().min(16).optional()),
    allowed: 'at least 16 characters',
    description:
      'Signs Direct Line tokens, and when set `POST /v3/directline/tokens/generate` needs `Authorization: Bearer <secret>`. Unset: a random secret per process, so several instances must set the same one.',
    secret: true,
  }),
  metricsToken: setting({
    env: 'METRICS_TOKEN',
    schema: z.preprocess((value) => (value === '' ? undefined : value), z.string().min(16).optional()),
    allowed: 'at least 16 characters',
    description:
      'When set, `GET /metrics` answers only `Authorization: Bearer <token>` (Prometheus `authorization` / `bearer_token` in its scrape config); anything else gets 401. Unset: open, so expose /metrics to Prometheus only.',
    secret: true,
  }),
  directLineTokenTtlSeconds: setting({
    env: 'DIRECTLINE_TOKEN_TTL_SECONDS',
    schema: z.coerce.number().int().min(60).max(86400).default(3600),
    allowed: 'seconds from 60 to 86400',
    description:
      'Lifetime of a Direct Line token; clients refresh it with `POST /v3/directline/tokens/refresh` before it ends.',
    defaultText: '3600',
  }),
  demoPage: setting({
    env: 'DEMO_PAGE',
    schema: booleanFromText.default(true),
    allowed: 'true or false',
    description:
      'Serve the demo shop page at `GET /`. It issues Direct Line tokens to its visitors itself, so turn it off when your own site issues tokens with DIRECTLINE_SECRET.',
    defaultText: 'true',
  }),
  maxMessageLength: setting({
    env: 'MAX_MESSAGE_LENGTH',
    schema: z.coerce.number().int().min(1).max(20000).default(2000),
    allowed: 'characters from 1 to 20000',
    description: 'Longest text a shopper may send in one message; longer ones are refused with 413.',
    defaultText: '2000',
  }),
  maxBodyBytes: setting({
    env: 'MAX_BODY_BYTES',
    schema: z.coerce.number().int().min(1024).max(10485760).default(65536),
    allowed: 'bytes from 1024 to 10485760',
    description: 'Largest JSON request body (an activity, a login); larger ones are refused with 413.',
    defaultText: '65536',
  }),
  requestTimeoutMs: setting({
    env: 'REQUEST_TIMEOUT_MS',
    schema: z.coerce.number().int().min(1000).max(600000).default(60000),
    allowed: 'milliseconds from 1000 to 600000',
    description:
      'Longest a client may take to send one whole request, headers and body (an upload included); a slower one gets 408 and is disconnected, so clients that send a byte now and then cannot hold connections open for ever. Open WebSocket streams are not affected.',
    defaultText: '60000',
  }),
  maxAttachmentBytes: setting({
    env: 'MAX_ATTACHMENT_BYTES',
    schema: z.coerce.number().int().min(1024).max(52428800).default(5242880),
    allowed: 'bytes from 1024 to 52428800',
    description: 'Largest file a shopper may upload (a photo of a damaged item); kept with the conversation.',
    defaultText: '5242880',
  }),
  rateLimitPerMinute: setting({
    env: 'RATE_LIMIT_PER_MINUTE',
    schema: z.coerce.number().int().min(1).max(10000).default(30),
    allowed: 'a whole number from 1 to 10000',
    description:
      'Activities one conversation may send per minute; more are refused with 429 and Retry-After.',
    defaultText: '30',
  }),
  rateLimitPerIpPerMinute: setting({
    env: 'RATE_LIMIT_PER_IP_PER_MINUTE',
    schema: z.coerce.number().int().min(1).max(1000000).default(600),
    allowed: 'a whole number from 1 to 1000000',
    description:
      'Direct Line and demo-page POSTs (new tokens, new conversations, messages, uploads) one client address may make per minute, across all its conversations; more get 429 and Retry-After. Mobile carriers and offices put many shoppers behind one address: keep it generous.',
    defaultText: '600',
  }),
  trustProxy: setting({
    env: 'TRUST_PROXY',
    schema: z
      .preprocess(
        (value) => {
          if (typeof value !== 'string') return value;
          const text = value.trim().toLowerCase();
          if (['', '0', 'false', 'no', 'off'].includes(text)) return false;
          if (['true', 'yes', 'on'].includes(text)) return true;
          if (/^[1-9]\d?$/.test(text)) return Number(text);
          return text.split(',').map((entry) => entry.trim());
        },
        z.union([
          z.boolean(),
          z.number().int().min(1).max(99),
          z
            .array(
              z
                .string()
                .regex(
                  /^(?:[0-9.]+|[0-9a-f:]+)(?:\/\d{1,3})?$|^(?:loopback|linklocal|uniquelocal)$/,
                  'an IP address or CIDR range such as 10.0.0.0/8, or loopback',
                ),
            )
            .min(1),
        ]),
      )
      .default(false),
    allowed:
      'false, true (trust every proxy), a number of proxy hops, or comma-separated proxy addresses/CIDR ranges (e.g. 10.0.0.0/8,loopback)',
    description:
      "Whether the client address comes from X-Forwarded-For (set by the load balancer in front of kefu) instead of the TCP peer. Needed behind a proxy, or every shopper shares the proxy's address for the per-address rate limits; never set it when clients reach kefu directly, or they can pick their own address.",
    defaultText: 'false',
  }),
  corsOrigins: setting({
    env: 'CORS_ORIGINS',
    schema: z.preprocess(
      (value) =>
        typeof value === 'string'
          ? value
              .split(',')
              .map((origin) => origin.trim())
              .filter((origin) => origin !== '')
          : value,
      z
        .array(
          z
            .string()
            .regex(
              /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/,
              'an origin: scheme and host (and port), no path, e.g. https://shop.example.com',
            ),
        )
        .max(50)
        .default([]),
    ),
    allowed: 'comma-separated origins such as https://shop.example.com,https://m.shop.example.com',
    description:
      'Other sites whose pages may call the Direct Line endpoints (to embed Web Chat) and frame the demo page. Unset: same origin only.',
    defaultText: '(none: same origin only)',
  }),
  behindHttps: setting({
    env: 'BEHIND_HTTPS',
    schema: booleanFromText.default(false),
    allowed: 'true or false',
    description:
      'Shoppers and agents reach the server only over HTTPS (TLS ending at a proxy in front of it): responses then carry Strict-Transport-Security. Leave false on plain HTTP, or browsers would refuse the site.',
    defaultText: 'false',
  }),
  microsoftAppId: setting({
    env: 'MICROSOFT_APP_ID',
    schema: optionalText,
    allowed: 'the bot registration’s app id',
    description: 'Azure Bot registration; when set, `/api/messages` checks the channel’s JWT.',
  }),
  microsoftAppPassword: setting({
    env: 'MICROSOFT_APP_PASSWORD',
    schema: optionalText,
    allowed: 'the app secret',
    description: 'Secret of the Azure Bot registration.',
    secret: true,
  }),
  microsoftAppTenantId: setting({
    env: 'MICROSOFT_APP_TENANT_ID',
    schema: optionalText,
    allowed: 'a tenant id (single-tenant bots only)',
    description: 'Tenant of a single-tenant Azure Bot registration.',
  }),
  microsoftAppType: setting({
    env: 'MICROSOFT_APP_TYPE',
    schema: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    allowed: 'MultiTenant, SingleTenant or UserAssignedMSI',
    description: 'Kind of Azure Bot registration.',
    defaultText: 'MultiTenant',
  }),
  agents: setting({
    env: 'KEFU_AGENTS',
    schema: jsonFromText(z.array(agentAccountSchema).default([])),
    allowed: 'a JSON array of {username, displayName, passwordHash, maxConcurrentChats}',
    description: 'Agent accounts for the console. Make a hash with `kefu hash-password`.',
    defaultText: '[]',
  }),
  serviceHours: setting({
    env: 'SERVICE_HOURS',
    schema: z
      .string()
      .trim()
      .regex(
        /^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/,
        'two 24-hour times like 09:00-22:00 (00:00-24:00: always)',
      )
      .transform((text) => {
        const [open, close] = text.split('-');
        return { open, close };
      })
      .refine((hours) => hours.open < hours.close, 'the opening time must come before the closing time')
      .default({ open: '09:00', close: '22:00' }),
    allowed:
      'HH:MM-HH:MM in the shop’s time zone (China, UTC+8), opening before closing, e.g. 09:00-22:00; 00:00-24:00 for round the clock',
    description:
      'When human agents work. Outside these hours, or with no agent online, a shopper who asks for a person is offered to leave a message (a ticket) instead of a queue; the FAQ answer about service hours quotes them.',
    defaultText: '09:00-22:00',
  }),
  confidenceThreshold: setting({
    env: 'CONFIDENCE_THRESHOLD',
    schema: z.coerce.number().min(0).max(1).default(0.55),
    allowed: 'a number from 0 to 1',
    description: 'Below this confidence the bot asks a clarifying question instead of answering.',
    defaultText: '0.55',
  }),
  escalateSentiment: setting({
    env: 'ESCALATE_SENTIMENT',
    schema: z.coerce.number().min(-1).max(0).default(-0.6),
    allowed: 'a number from -1 to 0',
    description: 'A message at or below this sentiment escalates to an agent.',
    defaultText: '-0.6',
  }),
  escalateSentimentTrend: setting({
    env: 'ESCALATE_SENTIMENT_TREND',
    schema: z.coerce.number().min(-1).max(0).default(-0.3),
    allowed: 'a number from -1 to 0',
    description: 'The mean sentiment of the last three messages at or below this escalates.',
    defaultText: '-0.3',
  }),
  escalateLowConfidenceTurns: setting({
    env: 'ESCALATE_LOW_CONFIDENCE_TURNS',
    schema: z.coerce.number().int().min(1).max(10).default(2),
    allowed: 'a whole number from 1 to 10',
    description: 'Consecutive low-confidence turns that escalate.',
    defaultText: '2',
  }),
  escalateRepeatedIntent: setting({
    env: 'ESCALATE_REPEATED_INTENT',
    schema: z.coerce.number().int().min(2).max(10).default(3),
    allowed: 'a whole number from 2 to 10',
    description: 'The same intent this many times without resolution escalates.',
    defaultText: '3',
  }),
  escalateValidationFailures: setting({
    env: 'ESCALATE_VALIDATION_FAILURES',
    schema: z.coerce.number().int().min(1).max(10).default(3),
    allowed: 'a whole number from 1 to 10',
    description: 'Failed validations in one dialog step that escalate.',
    defaultText: '3',
  }),
  llmProvider: setting({
    env: 'LLM_PROVIDER',
    schema: z.enum(['none', 'openai', 'ollama']).default('none'),
    allowed: 'none, openai (any OpenAI-compatible endpoint) or ollama',
    description: 'Language model for grounded answers and agent assist; off by default.',
    defaultText: 'none',
  }),
  llmModel: setting({
    env: 'LLM_MODEL',
    schema: optionalText,
    allowed: 'a model name, e.g. gpt-4o-mini, deepseek-chat, qwen-plus, llama3.1',
    description: 'Model to use when LLM_PROVIDER is not none.',
  }),
  llmBaseUrl: setting({
    env: 'LLM_BASE_URL',
    schema: z.preprocess((value) => (value === '' ? undefined : value), z.url().optional()),
    allowed: 'an http(s) URL',
    description: 'Endpoint of an OpenAI-compatible server or of Ollama.',
  }),
  llmApiKey: setting({
    env: 'LLM_API_KEY',
    schema: optionalText,
    allowed: 'the provider’s API key',
    description: 'API key for the model provider.',
    secret: true,
  }),
  llmTimeoutMs: setting({
    env: 'LLM_TIMEOUT_MS',
    schema: z.coerce.number().int().min(100).max(120000).default(8000),
    allowed: 'milliseconds from 100 to 120000',
    description: 'A model answer slower than this is dropped and the bot falls back.',
    defaultText: '8000',
  }),
  logLevel: setting({
    env: 'LOG_LEVEL',
    schema: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    allowed: 'fatal, error, warn, info, debug, trace or silent',
    description: 'Least severe log level written.',
    defaultText: 'info',
  }),
  logPretty: setting({
    env: 'LOG_PRETTY',
    schema: z.preprocess((value) => value ?? process.stdout.isTTY === true, booleanFromText),
    allowed: 'true or false',
    description: 'Human-readable log lines instead of JSON.',
    defaultText: 'true in a terminal, else false',
  }),
} as const;

type Definitions = typeof settingDefinitions;
export type SettingKey = keyof Definitions;
export type KefuConfig = { [K in SettingKey]: z.output<Definitions[K]['schema']> };

const configSchema = z.object(
  Object.fromEntries(Object.entries(settingDefinitions).map(([key, def]) => [key, def.schema])) as {
    [K in SettingKey]: Definitions[K]['schema'];
  },
);

/** Thrown for a configuration a user must fix; its message names each wrong setting and what is allowed. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid kefu configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const keysByEnv = new Map(
  Object.entries(settingDefinitions).map(([key, def]) => [def.env, key as SettingKey] as const),
);

function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`KEFU_CONFIG: cannot read ${file} (${(error as NodeJS.ErrnoException).code})`]);
  }
  let parsed: unknown;
  try {
    parsed = path.extname(file) === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError([`KEFU_CONFIG: ${file} is not valid JSON/YAML: ${(error as Error).message}`]);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new ConfigError([`KEFU_CONFIG: ${file} must hold an object of settings`]);
  }
  const values: Record<string, unknown> = {};
  const unknown: string[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    // A file may use either the setting key (redisUrl) or its environment name (REDIS_URL).
    const key = name in settingDefinitions ? name : keysByEnv.get(name);
    if (key === undefined) unknown.push(name);
    else values[key] = value;
  }
  if (unknown.length > 0) {
    throw new ConfigError(
      unknown.map(
        (name) => `${name} (in ${file}): not a kefu setting; known: ${[...keysByEnv.keys()].join(', ')}`,
      ),
    );
  }
  return values;
}

function describeValue(value: unknown, secret: boolean | undefined): string {
  if (value === undefined) return 'nothing';
  if (secret) return '(hidden)';
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Reads the configuration from `env` (process.env by default) and the file named by KEFU_CONFIG.
 * Throws ConfigError listing every wrong setting at once, so a user fixes them in one go.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): KefuConfig {
  const input: Record<string, unknown> = env.KEFU_CONFIG ? readConfigFile(env.KEFU_CONFIG) : {};
  for (const [key, def] of Object.entries(settingDefinitions)) {
    const value = env[def.env];
    if (value !== undefined) input[key] = value;
  }
  const result = configSchema.safeParse(input);
  if (result.success) return result.data as KefuConfig;

  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0]) as SettingKey;
    const def = settingDefinitions[key];
    const detail = issue.path.length > 1 ? ` at ${issue.path.slice(1).join('.')}` : '';
    return `${def.env} (${key})${detail}: ${issue.message}; allowed: ${def.allowed}; got ${describeValue(input[key], def.secret)}`;
  });
  throw new ConfigError(problems);
}

/** The README's configuration table, generated so that it cannot drift from the schema. */
export function configurationTable(): string {
  const rows = Object.entries(settingDefinitions).map(
    ([key, def]) =>
      `| \`${def.env}\` | \`${key}\` | ${def.defaultText === undefined ? '—' : `\`${def.defaultText}\``} | ${def.allowed} | ${def.description} |`,
  );
  return [
    '| environment | config file key | default | allowed | what it does |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
