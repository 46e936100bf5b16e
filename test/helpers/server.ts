import { loadConfig } from '../../src/config';
import type { AppDependencies } from '../../src/server/app';
import { startServer, type RunningServer } from '../../src/server/start';
import { sharedNlu } from './bot';
import { testLogger } from './quiet-logger';

export interface TestServer {
  server: RunningServer;
  /** `http://127.0.0.1:<port>` */
  base: string;
}

/** A real server on a free loopback port, sharing the worker's trained NLU. */
export async function startTestServer(
  env: NodeJS.ProcessEnv = {},
  extend?: AppDependencies['extend'],
  options: Pick<AppDependencies, 'handoff'> = {},
): Promise<TestServer> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', ...env });
  const server = await startServer(config, testLogger(), extend, { nlu: sharedNlu(), ...options });
  return { server, base: `http://127.0.0.1:${server.port}` };
}

/** POST JSON (or nothing) with an optional bearer token; returns status, headers and the parsed body. */
export async function postJson(
  url: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

export async function getJson(
  url: string,
  token?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
