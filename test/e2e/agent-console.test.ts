import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DemoOrderService } from '../../src/commerce/demo/demo-order-service';
import type { AgentHub } from '../../src/handoff/agent-hub-service';
import { buildHandoffContext } from '../../src/handoff/handoff-context';
import { describeBrowser, launchChromium } from '../helpers/browser';
import {
  agentsEnv,
  directLineReference,
  handoffContext,
  loginAgent,
  type TestAgent,
} from '../helpers/handoff';
import { startTestServer, waitFor, type TestServer } from '../helpers/server';

const ARTIFACTS = path.join(__dirname, '..', '..', 'test-artifacts');
const ann: TestAgent = { username: 'ann', displayName: '李娜 Ann', password: 'ann-password-1' };
const XSS = '<img src=x onerror="window.__xss=1">';
const XSS_LIVE = '<script>window.__xss=2</script><b>bold?</b>';

declare global {
  interface Window {
    __xss?: number;
  }
}

describeBrowser('agent console in headless Chromium', () => {
  let test: TestServer;
  let hub: AgentHub;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const first = `xss-${Date.now()}`;
  const second = `other-${Date.now()}`;

  beforeAll(async () => {
    test = await startTestServer({ KEFU_AGENTS: await agentsEnv([ann]) }, undefined, {
      handoff: { policy: { serviceHours: { open: '00:00', close: '23:59' }, utcOffsetMinutes: 0 } },
    });
    hub = test.server.channels.handoff;
    const at = new Date().toISOString();
    // A context as the bot builds it, with the demo shop's order, so the whole panel is filled in.
    const context = await buildHandoffContext({
      conversationId: first,
      reason: 'complaint',
      priority: 1,
      language: 'zh',
      transcript: [
        {
          at,
          role: 'shopper',
          text: '我的快递 20231102558736 四天没动了',
          intent: 'shipping.track',
          confidence: 0.93,
          sentiment: -0.3,
        },
        { at, role: 'bot', text: '亲，您的包裹在运输中。' },
        { at, role: 'shopper', text: XSS, intent: 'complaint', confidence: 0.8, sentiment: -0.7 },
        { at, role: 'bot', text: '非常抱歉，正在为您转接人工客服。' },
      ],
      dialog: { dialog: 'ReturnDialog', step: 'reason', slots: { orderId: '20231102558736' } },
      orderId: '20231102558736',
      orders: new DemoOrderService({ now: new Date() }),
      now: new Date(),
    });
    await hub.enqueue(
      {
        ...context,
        summary: `顾客投诉。 顾客说：“${XSS}”`,
        suggestedReplies: ['非常抱歉让您久等了，我马上为您催件。', `${XSS} 建议`],
      },
      directLineReference(first, 'shopper-1'),
      new Date(Date.now() - 75_000),
    );
    browser = await launchChromium();
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1400, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${test.base}/agent`);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await test?.server.shutdown();
  });

  it('logs in and shows the live queue with priority and waiting time', async () => {
    await page.fill('#login-username', ann.username);
    await page.fill('#login-password', ann.password);
    await page.click('#login-form button[type="submit"]');
    await page.locator('#me-name').filter({ hasText: '李娜 Ann' }).waitFor({ timeout: 10_000 });
    const item = page.locator(`#queue-list [data-conversation-id="${first}"]`);
    await item.waitFor({ timeout: 10_000 });
    await expect(item.locator('.priority').textContent()).resolves.toBe('P1');
    // Queued 75 s before the page opened; a slow machine may add some seconds, never minutes.
    const waiting = /已等待 (\d+):(\d\d)/.exec((await item.locator('.waiting').textContent()) ?? '');
    const seconds = Number(waiting?.[1]) * 60 + Number(waiting?.[2]);
    expect(seconds).toBeGreaterThanOrEqual(75);
    expect(seconds).toBeLessThan(180);
  });

  it('shows shopper text that looks like HTML as text, and never runs it', async () => {
    await page.click(`#queue-list [data-conversation-id="${first}"] button`);
    const line = page.locator('#transcript .line.shopper .text').filter({ hasText: 'onerror' });
    await line.waitFor({ timeout: 10_000 });
    await expect(line.textContent()).resolves.toBe(XSS);
    await expect(page.locator('#ctx-summary').textContent()).resolves.toContain(XSS);
    await expect(
      page.locator(`#queue-list [data-conversation-id="${first}"] .conv-summary`).textContent(),
    ).resolves.toContain(XSS);
    expect(await page.locator('#transcript img, #ctx-summary img, #queue-list img').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    // The context panel: the order (phone masked), the dialog's progress, the sentiment of each turn.
    await expect(page.locator('#ctx-order').textContent()).resolves.toContain('20231102558736');
    await expect(page.locator('#ctx-order').textContent()).resolves.toMatch(/\d{3}\*{4}\d{4}/);
    await expect(page.locator('#ctx-dialog').textContent()).resolves.toContain('ReturnDialog');
    expect(await page.locator('#ctx-sentiment .bar').count()).toBe(2);
  });

  it('accepts, answers with a quick reply, and sees live shopper messages as text', async () => {
    await page.click('#accept');
    await page.locator('#reply-text').waitFor({ state: 'visible', timeout: 10_000 });
    // The model's suggested replies come first among the quick replies, as text; a click fills the box.
    const suggested = page.locator('#quick-replies .suggested');
    expect(await suggested.count()).toBe(2);
    await expect(suggested.nth(1).textContent()).resolves.toContain('<img');
    await suggested.first().click();
    await expect(page.inputValue('#reply-text')).resolves.toBe('非常抱歉让您久等了，我马上为您催件。');
    await page.fill('#reply-text', '');
    await page.locator('#quick-replies .quick:not(.suggested)').first().click();
    await expect(page.inputValue('#reply-text')).resolves.toContain('亲，您好！我是人工客服');
    await page.click('#reply-form button[type="submit"]');
    await page
      .locator('#transcript .line.agent')
      .filter({ hasText: '亲，您好' })
      .waitFor({ timeout: 10_000 });

    await hub.shopperMessage(first, { at: new Date().toISOString(), role: 'shopper', text: XSS_LIVE });
    const live = page.locator('#transcript .line.shopper .text').filter({ hasText: 'window.__xss=2' });
    await live.waitFor({ timeout: 10_000 });
    await expect(live.textContent()).resolves.toBe(XSS_LIVE);
    expect(await page.locator('#transcript script, #transcript b').count()).toBe(0);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  });

  it('notifies of a message in another conversation with a title badge and a visual cue', async () => {
    await hub.enqueue(handoffContext(second), directLineReference(second, 'shopper-2'), new Date());
    await hub.accept({ username: 'ann', displayName: ann.displayName, maxConcurrentChats: 5 }, second);
    await page.locator(`#mine-list [data-conversation-id="${second}"]`).waitFor({ timeout: 10_000 });
    await hub.shopperMessage(second, { at: new Date().toISOString(), role: 'shopper', text: '有人吗？' });
    await page.waitForFunction(() => document.title.startsWith('(1) '), undefined, { timeout: 10_000 });
    await page.locator(`#mine-list [data-conversation-id="${second}"].unread`).waitFor({ timeout: 10_000 });
    await expect(page.locator('#toast').isVisible()).resolves.toBe(true);
  });

  it('shows the agent offline when they log out in another window, and can take chats again once online', async () => {
    const otherWindow = await loginAgent(test.base, ann);
    const logout = await fetch(`${test.base}/api/agent/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${otherWindow}` },
    });
    expect(logout.status).toBe(204);
    await page.waitForFunction(
      () => (document.getElementById('status-select') as HTMLSelectElement).value === 'offline',
      undefined,
      { timeout: 10_000 },
    );
    await expect(page.locator('#toast').textContent()).resolves.toContain('离线');

    await page.selectOption('#status-select', 'online');
    const identity = { username: 'ann', displayName: ann.displayName, maxConcurrentChats: 5 };
    await waitFor('ann online again', async () =>
      (await hub.status(identity)) === 'online' ? true : undefined,
    );
  });

  it('switches to English and saves a screenshot', async () => {
    await page.click('[data-lang="en"]');
    await expect(page.locator('[data-i18n="queue.title"]').textContent()).resolves.toBe('Waiting');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en-US');
    await page.click('[data-lang="zh"]');
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'agent-console.png'), fullPage: true });
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    expect(pageErrors).toEqual([]);
  });
});
