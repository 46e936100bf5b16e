import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { ConfigError, settingDefinitions, type KefuConfig } from '../config';

/**
 * The language model is optional: with LLM_PROVIDER=none (the default) nothing here is loaded, and the
 * provider packages (@langchain/openai, @langchain/ollama) are optionalDependencies, imported only when the
 * configuration names them. So kefu installs and runs where those packages cannot be installed.
 */

export type LlmSettings = Pick<
  KefuConfig,
  'llmProvider' | 'llmModel' | 'llmBaseUrl' | 'llmApiKey' | 'llmTimeoutMs'
>;

export interface LlmConfig {
  provider: 'openai' | 'ollama';
  model: string;
  baseUrl?: string;
  apiKey?: string;
  /** A model answer slower than this is dropped and the bot falls back to what it does without a model. */
  timeoutMs: number;
}

const DEFAULT_TIMEOUT_MS = 8000;

/** The package each provider needs, for the error that tells a user what to install. */
export const PROVIDER_PACKAGES = { openai: '@langchain/openai', ollama: '@langchain/ollama' } as const;

/**
 * The typed LLM configuration, or undefined when no model is configured. Throws ConfigError naming every
 * missing setting, so that a half-configured model fails at startup instead of on a shopper's turn.
 */
export function llmConfigFrom(settings: Partial<LlmSettings>): LlmConfig | undefined {
  const provider = settings.llmProvider ?? 'none';
  if (provider === 'none') return undefined;
  const problems: string[] = [];
  const { llmModel, llmBaseUrl, llmApiKey } = settingDefinitions;
  if (!settings.llmModel) {
    problems.push(
      `${llmModel.env} (llmModel): required when LLM_PROVIDER is ${provider}; ${llmModel.allowed}`,
    );
  }
  // api.openai.com needs a key; an OpenAI-compatible server elsewhere (a local one) may not.
  if (provider === 'openai' && !settings.llmApiKey && !settings.llmBaseUrl) {
    problems.push(
      `${llmApiKey.env} (llmApiKey): required when LLM_PROVIDER is openai and ${llmBaseUrl.env} is not set`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    provider,
    model: settings.llmModel as string,
    baseUrl: settings.llmBaseUrl,
    apiKey: settings.llmApiKey,
    timeoutMs: settings.llmTimeoutMs ?? DEFAULT_TIMEOUT_MS,
  };
}

/** Imports a package by name; replaced in tests, where jest cannot run a real dynamic import. */
export type ModuleImporter = (name: string) => Promise<unknown>;

const importModule: ModuleImporter = (name) => import(name);

/** The part of each provider package kefu uses, so that type-checking does not need the packages installed. */
type ChatModelConstructor = new (fields: Record<string, unknown>) => BaseChatModel;

function isMissingModule(error: unknown, name: string): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    (typeof message !== 'string' || message.includes(name))
  );
}

async function providerClass(
  config: LlmConfig,
  importer: ModuleImporter,
  exportName: string,
): Promise<ChatModelConstructor> {
  const name = PROVIDER_PACKAGES[config.provider];
  let module: unknown;
  try {
    module = await importer(name);
  } catch (error) {
    if (isMissingModule(error, name)) {
      throw new ConfigError([
        `LLM_PROVIDER (llmProvider): ${config.provider} needs the optional package ${name}, which is not installed; run \`npm install ${name}\` or set LLM_PROVIDER=none`,
      ]);
    }
    throw error;
  }
  const constructor = (module as Record<string, unknown> | undefined)?.[exportName];
  if (typeof constructor !== 'function') {
    throw new ConfigError([
      `LLM_PROVIDER (llmProvider): ${name} does not export ${exportName}; reinstall it`,
    ]);
  }
  return constructor as ChatModelConstructor;
}

/**
 * The chat model the configuration names, or undefined for LLM_PROVIDER=none. Throws ConfigError naming the
 * missing setting or package. Call it at startup so that a misconfigured model stops the server there.
 */
export async function loadChatModel(
  settings: Partial<LlmSettings>,
  importer: ModuleImporter = importModule,
): Promise<BaseChatModel | undefined> {
  const config = llmConfigFrom(settings);
  if (!config) return undefined;
  if (config.provider === 'openai') {
    const ChatOpenAI = await providerClass(config, importer, 'ChatOpenAI');
    return new ChatOpenAI({
      model: config.model,
      // Local OpenAI-compatible servers ignore the key, but the OpenAI client refuses to start without one.
      apiKey: config.apiKey ?? 'not-needed',
      configuration: config.baseUrl ? { baseURL: config.baseUrl } : undefined,
      temperature: 0,
      timeout: config.timeoutMs,
      // A retry after a time-out would only arrive after kefu has given up on the answer.
      maxRetries: 0,
    });
  }
  const ChatOllama = await providerClass(config, importer, 'ChatOllama');
  return new ChatOllama({ model: config.model, baseUrl: config.baseUrl, temperature: 0 });
}
