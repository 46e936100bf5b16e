import type { Language } from './types';

const HAN_CHAR = /[\u3400-\u9fff\uf900-\ufaff]/g;
const LATIN_WORD = /[a-z]+(?:'[a-z]+)?/gi;

/**
 * `zh` when the message has at least as many Chinese characters as English words: "能开invoice吗" is zh,
 * "can i use 花呗" is en. Shoppers mix freely; what matters is which language to answer in.
 */
export function detectLanguage(text: string): Language {
  const han = text.match(HAN_CHAR)?.length ?? 0;
  if (han === 0) return 'en';
  const words = text.match(LATIN_WORD)?.length ?? 0;
  return han >= words ? 'zh' : 'en';
}
