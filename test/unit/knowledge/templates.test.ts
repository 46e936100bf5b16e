import {
  placeholdersIn,
  POLICY_PLACEHOLDERS,
  renderTemplate,
  withoutPlaceholders,
} from '../../../src/knowledge/templates';
import { shopEntries } from './shop-faq';

describe('renderTemplate', () => {
  it('replaces every placeholder, repeats included', () => {
    const text =
      '满 ¥{freeShippingThreshold} 包邮，不满收 ¥{standardShippingFee}；再说一次：¥{freeShippingThreshold}';
    expect(renderTemplate(text, { freeShippingThreshold: '99', standardShippingFee: '6' })).toBe(
      '满 ¥99 包邮，不满收 ¥6；再说一次：¥99',
    );
  });

  it('throws on an unknown placeholder, naming it', () => {
    expect(() =>
      renderTemplate('退货期 {returnWindowDays} 天，运费 {returnFee}', { returnWindowDays: '7' }),
    ).toThrow('unknown placeholder {returnFee}');
    // Inherited object keys are not values: "{constructor}" must not render "function Object()…".
    expect(() => renderTemplate('{constructor}', {})).toThrow('unknown placeholder {constructor}');
  });

  it('leaves text without placeholders, and braces around non-names, untouched', () => {
    expect(renderTemplate('no placeholders here', {})).toBe('no placeholders here');
    expect(renderTemplate('json {"a": 1} and {1} and { }', {})).toBe('json {"a": 1} and {1} and { }');
  });

  it('does not re-expand a value that itself looks like a placeholder', () => {
    expect(renderTemplate('{serviceHours}', { serviceHours: '{dispatchCutoff}' })).toBe('{dispatchCutoff}');
  });
});

describe('placeholders in the demo FAQ', () => {
  const answers = shopEntries.flatMap((entry) => [
    { id: entry.id, text: entry.answer.zh },
    { id: entry.id, text: entry.answer.en },
  ]);

  it('finds placeholder names in order', () => {
    expect(placeholdersIn('{a} x {b_2} {a} {1}')).toEqual(['a', 'b_2', 'a']);
    expect(withoutPlaceholders('满{freeShippingThreshold}包邮')).toBe('满 包邮');
  });

  it('uses only the policy placeholders', () => {
    const used = new Set(answers.flatMap((answer) => placeholdersIn(answer.text)));
    const unknown = [...used].filter((name) => !POLICY_PLACEHOLDERS.includes(name));
    expect(unknown).toEqual([]);
    // The FAQ states most of the policy: the names are really in use, not just allowed.
    expect(used.size).toBeGreaterThanOrEqual(17);
  });

  it('renders every answer once the policy values are given, with nothing left in braces', () => {
    const values = Object.fromEntries(POLICY_PLACEHOLDERS.map((name) => [name, `<${name}>`]));
    for (const answer of answers) {
      const rendered = renderTemplate(answer.text, values);
      expect([answer.id, /\{[A-Za-z]/.test(rendered)]).toEqual([answer.id, false]);
    }
  });

  it('never states a policy value literally', () => {
    // The demo policy's own numbers: written out in an answer, they would drift from the config.
    const literal = /(?<![\d.])(99|299|16:00|09:00|22:00)(?![\d:])|[七7]\s*天无理由|12\s*个月|12-month/;
    const offending = answers.filter((answer) => literal.test(answer.text)).map((answer) => answer.id);
    expect(offending).toEqual([]);
  });
});
