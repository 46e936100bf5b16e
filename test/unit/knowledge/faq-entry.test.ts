import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FAQ_INTENTS, loadFaqEntries, parseFaqEntries } from '../../../src/knowledge/faq-entry';
import { FAQ_FILE, shopEntries } from './shop-faq';

const VALID_ENTRY = `
  - id: gift-wrap
    intent: faq
    title: { zh: 礼品包装, en: Gift wrapping }
    questions:
      zh: [可以礼品包装吗, 能包成礼物吗, 送人的能包装吗, 礼品包装要钱吗]
      en: [gift wrap?, can you wrap it, is gift wrap free, gift box available]
    answer: { zh: 可以的亲, en: Of course }
`;

function withEntry(change: (entry: string) => string): string {
  return `entries:${change(VALID_ENTRY)}`;
}

describe('loadFaqEntries', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kefu-faq-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function load(name: string, source: string): () => unknown {
    const file = path.join(dir, name);
    writeFileSync(file, source, 'utf8');
    return () => loadFaqEntries(file);
  }

  it('loads a valid file', () => {
    const entries = load(
      'ok.yaml',
      withEntry((entry) => entry),
    )() as ReturnType<typeof loadFaqEntries>;
    expect(entries).toHaveLength(1);
    expect(entries[0].id).toBe('gift-wrap');
    expect(entries[0].title).toEqual({ zh: '礼品包装', en: 'Gift wrapping' });
    expect(entries[0].questions.en[3]).toBe('gift box available');
  });

  it('names the file when it cannot be read', () => {
    const missing = path.join(dir, 'missing.yaml');
    expect(() => loadFaqEntries(missing)).toThrow(`${missing}: cannot read FAQ entries`);
  });

  it('names the file when the YAML is broken', () => {
    const loadBroken = load('broken.yaml', 'entries:\n  - id: [unclosed\n');
    expect(loadBroken).toThrow(/broken\.yaml: not valid YAML/);
  });

  it('names the file when it has no entries list', () => {
    expect(load('empty.yaml', 'questions: []\n')).toThrow(/empty\.yaml: not an FAQ file \(entries: /);
    expect(load('none.yaml', 'entries: []\n')).toThrow(/none\.yaml: not an FAQ file \(entries: no entries\)/);
  });

  it('names the entry id and the field of a bad entry', () => {
    const fewQuestions = withEntry((entry) => entry.replace('gift box available', '').replace(', ]', ']'));
    expect(load('few.yaml', fewQuestions)).toThrow(
      /few\.yaml: entry "gift-wrap": questions\.en: at least 4 questions/,
    );
    const badIntent = withEntry((entry) => entry.replace('intent: faq', 'intent: weather'));
    expect(load('intent.yaml', badIntent)).toThrow(/intent\.yaml: entry "gift-wrap": intent: /);
    const noAnswer = withEntry((entry) => entry.replace('en: Of course', 'en: ""'));
    expect(load('answer.yaml', noAnswer)).toThrow(/entry "gift-wrap": answer\.en: must not be empty/);
  });

  it('falls back to the position of an entry whose id is missing or not kebab-case', () => {
    expect(
      load(
        'noid.yaml',
        withEntry((entry) => entry.replace('- id: gift-wrap', '- ')),
      ),
    ).toThrow(/noid\.yaml: entry #1: id: /);
    expect(
      load(
        'case.yaml',
        withEntry((entry) => entry.replace('gift-wrap', 'GiftWrap')),
      ),
    ).toThrow(/entry "GiftWrap": id: kebab-case/);
  });

  it('refuses a duplicate id and a question shared by two entries', () => {
    const twice = `entries:${VALID_ENTRY}${VALID_ENTRY}`;
    expect(load('twice.yaml', twice)).toThrow(/twice\.yaml: entry "gift-wrap" is defined twice/);
    const shared = `entries:${VALID_ENTRY}${VALID_ENTRY.replace('gift-wrap', 'gift-box')}`;
    expect(load('shared.yaml', shared)).toThrow(
      /entry "gift-box": question "可以礼品包装吗" is also a question of "gift-wrap"/,
    );
  });

  it('refuses a title too long for a button', () => {
    const long = withEntry((entry) =>
      entry.replace('en: Gift wrapping', `en: ${'Gift wrapping '.repeat(4)}`),
    );
    expect(() => parseFaqEntries(long, 'inline.yaml')).toThrow(
      /inline\.yaml: entry "gift-wrap": title\.en: at most 40 characters/,
    );
  });
});

describe('the demo shop FAQ (intents/faq/entries.yaml)', () => {
  it('loads with 40–50 entries and unique ids', () => {
    expect(FAQ_FILE.endsWith(path.join('intents', 'faq', 'entries.yaml'))).toBe(true);
    expect(shopEntries.length).toBeGreaterThanOrEqual(40);
    expect(shopEntries.length).toBeLessThanOrEqual(50);
    expect(new Set(shopEntries.map((entry) => entry.id)).size).toBe(shopEntries.length);
  });

  it('covers the required topics under the right intents', () => {
    const intentOf = new Map(shopEntries.map((entry) => [entry.id, entry.intent]));
    const expected: Record<string, string> = {
      'authentic-products': 'faq',
      'electronics-warranty': 'faq',
      'service-hours': 'faq',
      points: 'faq',
      'gift-wrap': 'faq',
      'register-account': 'faq',
      'reset-password': 'faq',
      'login-problems': 'faq',
      'delete-account': 'faq',
      'change-phone': 'faq',
      'physical-stores': 'faq',
      'membership-levels': 'faq',
      'free-shipping': 'shipping.info',
      carriers: 'shipping.info',
      'delivery-times': 'shipping.info',
      'remote-regions': 'shipping.info',
      'hk-macau-taiwan': 'shipping.info',
      'international-shipping': 'shipping.info',
      'dispatch-cutoff': 'shipping.info',
      'shipping-fee': 'shipping.info',
      'invoice-available': 'invoice',
      'company-invoice': 'invoice',
      'invoice-timing': 'invoice',
      'invoice-reissue': 'invoice',
      'return-policy': 'return.request',
      'return-shipping-cost': 'return.request',
      'non-returnable-items': 'return.request',
      'refund-timing': 'refund.status',
      'payment-methods': 'payment.inquiry',
      'huabei-instalments': 'payment.inquiry',
      'cash-on-delivery': 'payment.inquiry',
      'payment-failed': 'payment.inquiry',
      coupons: 'promotion.inquiry',
      'event-discounts': 'promotion.inquiry',
      'price-protection': 'promotion.inquiry',
      'size-guide': 'product.inquiry',
      'unpaid-order-cancel': 'order.cancel',
    };
    for (const [id, intent] of Object.entries(expected)) expect([id, intentOf.get(id)]).toEqual([id, intent]);
    for (const entry of shopEntries) expect(FAQ_INTENTS).toContain(entry.intent);
  });

  it('asks every entry at least 4 ways per language, some in Traditional characters', () => {
    for (const entry of shopEntries) {
      expect([entry.id, entry.questions.zh.length >= 4, entry.questions.en.length >= 4]).toEqual([
        entry.id,
        true,
        true,
      ]);
    }
    const traditional = shopEntries
      .flatMap((entry) => entry.questions.zh)
      .filter((q) => /[們嗎麼貨運發會這個還]/.test(q));
    expect(traditional.length).toBeGreaterThanOrEqual(30);
  });
});
