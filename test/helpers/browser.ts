import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium (what .ci/run installs); CHROMIUM_PATH points elsewhere. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Why browser tests cannot run here, or undefined when they can. In CI a missing browser is an error, not
 * a skip: a green run must mean the page was really tried.
 */
export function browserUnavailableReason(): string | undefined {
  if (existsSync(chromiumPath)) return undefined;
  const reason = `no Chromium at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`browser tests must run in CI, but ${reason}`);
  }
  return reason;
}

/** `describe` for browser tests: skipped with the reason in its name when no browser can be had. */
export function describeBrowser(name: string, fn: () => void): void {
  const reason = browserUnavailableReason();
  if (reason === undefined) {
    describe(name, fn);
    return;
  }
  console.warn(`\n*** Browser tests are SKIPPED: ${reason}. ***\n`);
  describe.skip(`${name} [SKIPPED: ${reason}]`, fn);
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });
}
