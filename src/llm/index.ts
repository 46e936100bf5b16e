export { AgentAssist, type AgentAssistOptions } from './agent-assist';
export { llmConfigFrom, loadChatModel, PROVIDER_PACKAGES, type LlmConfig, type LlmSettings } from './config';
export { FaqKnowledgeRetriever, type FaqDocumentMetadata } from './faq-retriever-adapter';
export {
  GroundedAnswerer,
  groundedReplyText,
  type Citation,
  type GroundedAnswererOptions,
  type GroundedResult,
} from './grounded-answer';
export { ModelTimeoutError, type ModelSource } from './invoke';
