import { policyTemplateValues } from '../../src/commerce/policy-template-values';
import { defaultPolicy } from '../../src/commerce/policy';
import { renderTemplate } from '../../src/knowledge/templates';
import { botHarness, sharedNlu } from '../helpers/bot';
import { FAQ_PHRASINGS } from '../unit/knowledge/faq-phrasings';
import { shopEntries } from '../unit/knowledge/shop-faq';

beforeAll(() => sharedNlu());

/**
 * The whole path a shopper takes — NLU intent, routing, retrieval, policy values — for two phrasings per
 * language of every FAQ entry, none of them one of the entry's own questions.
 */
describe('every FAQ entry is reachable through the bot', () => {
  const cases = shopEntries.flatMap((entry) =>
    (['zh', 'en'] as const).flatMap((language) =>
      (FAQ_PHRASINGS[entry.id]?.[language] ?? [])
        .slice(0, 2)
        .map((text) => ({ id: entry.id, language, text, entry })),
    ),
  );

  it('has two phrasings per language for every entry', () => {
    for (const entry of shopEntries) {
      expect({
        id: entry.id,
        zh: FAQ_PHRASINGS[entry.id]?.zh.length >= 2,
        en: FAQ_PHRASINGS[entry.id]?.en.length >= 2,
      }).toEqual({
        id: entry.id,
        zh: true,
        en: true,
      });
    }
  });

  it.each(cases)('$id ($language): $text', async ({ language, text, entry }) => {
    const expected = renderTemplate(entry.answer[language], policyTemplateValues(defaultPolicy, language));
    expect(await botHarness().ask(text)).toBe(expected);
  });
});
