import { POLICY_TEMPLATE_KEYS } from '../commerce/policy-template-values';

/**
 * FAQ answers name policy values ({returnWindowDays}) instead of stating them, so that an answer can never
 * disagree with the policy config. Values are per language where wording differs ({remoteRegions}).
 */

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** The policy values an answer in intents/faq may refer to: exactly the keys the policy fills in. */
export const POLICY_PLACEHOLDERS: readonly string[] = POLICY_TEMPLATE_KEYS;

/** Placeholder names in order of appearance, repeats included. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]);
}

/** Text without its placeholders: what retrieval should index of an answer. */
export function withoutPlaceholders(text: string): string {
  return text.replace(PLACEHOLDER, ' ');
}

/**
 * Replaces every {name} by values[name]. An unknown name throws rather than leaving "{name}" in front of a
 * shopper. Braces around anything that is not a name ("{ }", "{1}") are left as they are.
 */
export function renderTemplate(text: string, values: Record<string, string>): string {
  return text.replace(PLACEHOLDER, (_match, name: string) => {
    if (!Object.prototype.hasOwnProperty.call(values, name)) {
      throw new Error(`unknown placeholder {${name}} in template: ${JSON.stringify(text.slice(0, 60))}`);
    }
    return values[name];
  });
}
