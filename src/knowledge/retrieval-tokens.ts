import { EN_STOPWORDS } from '../nlu/en/stopwords';
import { normalize } from '../nlu/normalize';
import { ZH_STOPWORDS } from '../nlu/zh/stopwords';

/** Anything with the NLU's `tokens(folded)`: in kefu, the FeatureExtractor. */
export interface TokenSource {
  tokens(folded: string): string[];
}

// Punctuation and emoji say how a shopper feels, not what they ask about.
const CANNOT = /\bcannot\b/g;
const NOT_A_WORD = /^[\p{P}\p{S}\s]+$/u;

export function isRetrievalStopword(token: string): boolean {
  return ZH_STOPWORDS.has(token) || EN_STOPWORDS.has(token) || NOT_A_WORD.test(token);
}

/**
 * The retriever's tokenizer: the NLU's own tokens (so retrieval and classification agree on what a word is:
 * Traditional folded to Simplified, jieba with the shop dictionary, stemmed English, number shapes), minus
 * stopwords and punctuation.
 */
export function retrievalTokenizer(source: TokenSource): (text: string) => string[] {
  return (text) => {
    // The NLU turns "can't" into "ca not" but leaves "cannot" whole: one form, so that "not" matches either.
    const folded = normalize(text).folded.replace(CANNOT, 'can not');
    return source.tokens(folded).filter((token) => !isRetrievalStopword(token));
  };
}
