import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describeBrowser, launchChromium } from '../helpers/browser';
import { startTestServer, type TestServer } from '../helpers/server';

const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts');
const SEND_BOX = '[data-id="webchat-sendbox-input"]';

describeBrowser('demo shop page with Web Chat in headless Chromium', () => {
  let test: TestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    test = await startTestServer();
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1200, height: 800 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // The page's Content-Security-Policy must not block anything Web Chat needs.
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) pageErrors.push(message.text());
    });
    await page.goto(`${test.base}/`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await test?.server.shutdown();
  });

  it('shows the demo shop’s products and Web Chat from the official bundle', async () => {
    expect(await page.locator('.product').count()).toBeGreaterThanOrEqual(5);
    await expect(page.locator('.product-name').first().textContent()).resolves.toBe('纯棉T恤');
    await page.waitForSelector(SEND_BOX, { timeout: 20_000 });
    expect(await page.evaluate(() => typeof (window as unknown as { WebChat?: unknown }).WebChat)).toBe(
      'object',
    );
  });

  it('answers a question typed into Web Chat, and saves a screenshot', async () => {
    await page.fill(SEND_BOX, '你们发什么快递？');
    await page.press(SEND_BOX, 'Enter');
    await page
      .locator('.webchat__bubble--from-user')
      .filter({ hasText: '你们发什么快递？' })
      .waitFor({ timeout: 20_000 });
    // The bot's answer: a bubble from the bot side that mentions a carrier.
    const answer = page
      .locator('.webchat__bubble:not(.webchat__bubble--from-user)')
      .filter({ hasText: /顺丰|快递/ });
    await answer.first().waitFor({ timeout: 20_000 });
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'web-chat.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it('does not send half-composed IME text when Enter confirms a candidate', async () => {
    const sent = await page.locator('.webchat__bubble--from-user').count();
    await page.focus(SEND_BOX);
    await page.fill(SEND_BOX, 'nihao');
    // What a Chinese IME does while "nihao" is still being composed and Enter picks the candidate.
    await page.evaluate((selector) => {
      const input = document.querySelector(selector) as HTMLElement;
      input.dispatchEvent(new CompositionEvent('compositionstart', { bubbles: true, data: '' }));
      for (const type of ['keydown', 'keypress']) {
        input.dispatchEvent(
          new KeyboardEvent(type, {
            key: 'Enter',
            code: 'Enter',
            keyCode: 13,
            which: 13,
            isComposing: true,
            bubbles: true,
            cancelable: true,
          }),
        );
      }
    }, SEND_BOX);
    await page.waitForTimeout(500);
    expect(await page.locator('.webchat__bubble--from-user').count()).toBe(sent);
    expect(await page.inputValue(SEND_BOX)).toBe('nihao');

    // The composition ends with the chosen words; the next Enter sends them.
    await page.evaluate((selector) => {
      const input = document.querySelector(selector) as HTMLElement;
      input.dispatchEvent(new CompositionEvent('compositionend', { bubbles: true, data: '你好' }));
    }, SEND_BOX);
    await page.fill(SEND_BOX, '你好');
    await page.waitForTimeout(150);
    await page.press(SEND_BOX, 'Enter');
    await page.locator('.webchat__bubble--from-user').nth(sent).waitFor({ timeout: 10_000 });
    await expect(page.locator('.webchat__bubble--from-user').nth(sent).textContent()).resolves.toContain(
      '你好',
    );
  });

  it('switches the page and Web Chat to English', async () => {
    await page.click('[data-lang="en"]');
    await expect(page.locator('.product-name').first().textContent()).resolves.toBe('Cotton T-shirt');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');
    await page.fill(SEND_BOX, 'Which carriers do you use?');
    await page.press(SEND_BOX, 'Enter');
    await page
      .locator('.webchat__bubble--from-user')
      .filter({ hasText: 'Which carriers do you use?' })
      .waitFor({ timeout: 20_000 });
    const english = page
      .locator('.webchat__bubble:not(.webchat__bubble--from-user)')
      .filter({ hasText: /SF Express|carrier|deliver/i });
    await english.first().waitFor({ timeout: 20_000 });
  });
});
