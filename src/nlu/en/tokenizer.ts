// The Porter stemmer submodule only: `require('natural')` would load modules that print to stdout.
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer';

const WORD = /[a-z]+|\d+|[^\sa-z\d]/gu;
const stemCache = new Map<string, string>();

export function stem(word: string): string {
  let stemmed = stemCache.get(word);
  if (stemmed === undefined) {
    stemmed = PorterStemmer.stem(word);
    // Bounded so that a stream of random words cannot grow it for ever.
    if (stemCache.size < 50_000) stemCache.set(word, stemmed);
  }
  return stemmed;
}

/** Lower-case English text → tokens: words (n't → not), numbers, and every other character on its own. */
export function tokenizeEnglish(text: string): string[] {
  const expanded = text.replace(/n't\b/g, ' not').replace(/'(s|re|ve|ll|d|m)\b/g, ' $1');
  return expanded.match(WORD) ?? [];
}
