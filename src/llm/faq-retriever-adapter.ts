import { Document } from '@langchain/core/documents';
import { BaseRetriever } from '@langchain/core/retrievers';
import type { ShopPolicy } from '../commerce/policy';
import { policyTemplateValues } from '../commerce/policy-template-values';
import type { FaqRetriever } from '../knowledge/faq-retriever';
import { renderTemplate } from '../knowledge/templates';
import type { Language } from '../nlu/types';

export interface FaqDocumentMetadata {
  id: string;
  /** The entry's title in the retriever's language. */
  title: string;
  intent: string;
  score: number;
}

export interface FaqKnowledgeRetrieverOptions {
  retriever: FaqRetriever;
  policy: ShopPolicy;
  language: Language;
  /** How many entries go to the model: a few short sources keep the prompt small and the answer focused. */
  limit?: number;
  /**
   * Entries scoring less are left out. Lower than the matcher's own thresholds on purpose: the fallback runs
   * exactly when the matcher was not sure, and the model (which must cite) decides whether a source answers.
   */
  minScore?: number;
}

const DEFAULT_LIMIT = 3;
const DEFAULT_MIN_SCORE = 0.1;

/**
 * kefu's FAQ retrieval as a langchain retriever: the same ranking the FAQ matcher uses, so the model sees
 * exactly the entries the bot would have answered from. A document is the answer a shopper would be shown
 * (policy values filled in, in their language), so the model cannot quote a stale number.
 */
export class FaqKnowledgeRetriever extends BaseRetriever<FaqDocumentMetadata> {
  lc_namespace = ['kefu', 'retrievers', 'faq'];

  constructor(private readonly options: FaqKnowledgeRetrieverOptions) {
    super();
  }

  override async _getRelevantDocuments(query: string): Promise<Document<FaqDocumentMetadata>[]> {
    const { retriever, policy, language } = this.options;
    const values = policyTemplateValues(policy, language);
    return retriever
      .search(query, { limit: this.options.limit ?? DEFAULT_LIMIT })
      .filter((hit) => hit.score >= (this.options.minScore ?? DEFAULT_MIN_SCORE))
      .map(
        ({ entry, score }) =>
          new Document<FaqDocumentMetadata>({
            pageContent: renderTemplate(entry.answer[language], values),
            metadata: { id: entry.id, title: entry.title[language], intent: entry.intent, score },
          }),
      );
  }
}
