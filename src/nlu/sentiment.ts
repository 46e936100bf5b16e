import { englishSentiment } from './en/sentiment';
import type { Language } from './types';
import { chineseSentiment } from './zh/sentiment';

/** How the shopper feels, from −1 (furious) through 0 (a plain question) to 1 (delighted). */
export function sentiment(text: string, language: Language): number {
  return language === 'zh' ? chineseSentiment(text) : englishSentiment(text);
}
