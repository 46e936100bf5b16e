import { normalize } from '../../src/nlu/normalize';
import type { Language } from '../../src/nlu/types';

export interface ChoiceOption<T extends string = string> {
  value: T;
  label: Record<Language, string>;
  /** Other words that pick this option ("小了", "too small"); matched inside the shopper's text. */
  synonyms?: string[];
}

/**
 * Which option the shopper picked: a button label, its number, or a synonym anywhere in the text.
 * botbuilder's own choice recogniser needs whole-token matches, which Chinese text without spaces defeats.
 */
export function matchChoice<T extends string>(text: string, options: ChoiceOption<T>[]): T | undefined {
  const folded = normalize(text).folded.trim();
  const index = /^\d{1,2}$/.test(folded) ? Number(folded) - 1 : -1;
  if (index >= 0 && index < options.length) return options[index].value;
  for (const option of options) {
    if (folded === option.label.zh.toLowerCase() || folded === option.label.en.toLowerCase())
      return option.value;
  }
  for (const option of options) {
    const words = [option.label.zh, option.label.en, ...(option.synonyms ?? [])].map(
      (word) => normalize(word).folded,
    );
    if (words.some((word) => word.length > 0 && folded.includes(word))) return option.value;
  }
  // The shopper typed part of one label ("纯棉内裤" for "纯棉内裤（3条装）（灰色 M）"): taken when only one fits.
  if (folded.length >= 2) {
    const containing = options.filter((option) =>
      [option.label.zh, option.label.en].some((label) => normalize(label).folded.includes(folded)),
    );
    if (containing.length === 1) return containing[0].value;
  }
  return undefined;
}
