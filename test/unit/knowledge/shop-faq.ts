import path from 'node:path';
import { loadFaqEntries } from '../../../src/knowledge/faq-entry';
import { retrievalTokenizer } from '../../../src/knowledge/retrieval-tokens';
import { FeatureExtractor } from '../../../src/nlu/features';
import { ChineseTokenizer } from '../../../src/nlu/zh/tokenizer';
import { intentsDir } from '../../../src/paths';

/** The demo shop's FAQ and the tokenizer kefu retrieves it with, built once per test file. */
export const FAQ_FILE = path.join(intentsDir(), 'faq', 'entries.yaml');
export const shopEntries = loadFaqEntries(FAQ_FILE);
export const shopTokenize = retrievalTokenizer(
  new FeatureExtractor(ChineseTokenizer.fromFile(path.join(intentsDir(), 'userdict.txt'))),
);
