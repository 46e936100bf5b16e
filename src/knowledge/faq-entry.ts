import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** The intents an FAQ entry may belong to: those whose questions a fixed shop answer can settle. */
export const FAQ_INTENTS = [
  'faq',
  'shipping.info',
  'invoice',
  'return.request',
  'payment.inquiry',
  'promotion.inquiry',
  'product.inquiry',
  'refund.status',
  'order.modify',
  'order.cancel',
] as const;

export type FaqIntent = (typeof FAQ_INTENTS)[number];

const text = z.string().trim().min(1, 'must not be empty');
// Fewer phrasings than this and retrieval only matches shoppers who happen to use the author's words.
const MIN_QUESTIONS = 4;
const questionList = z
  .array(z.coerce.string().trim().min(1))
  .min(MIN_QUESTIONS, `at least ${MIN_QUESTIONS} questions`);

export const faqEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'kebab-case, e.g. free-shipping'),
  intent: z.enum(FAQ_INTENTS),
  // Titles are button labels: long ones wrap or get cut off in chat widgets.
  title: z.object({ zh: text.max(16, 'at most 16 characters'), en: text.max(40, 'at most 40 characters') }),
  questions: z.object({ zh: questionList, en: questionList }),
  answer: z.object({ zh: text, en: text }),
});

export type FaqEntry = z.infer<typeof faqEntrySchema>;

const fileSchema = z.object({ entries: z.array(z.unknown()).min(1, 'no entries') });

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(entry)'}: ${issue.message}`).join('; ');
}

function entryLabel(raw: unknown, index: number): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? `entry "${id}"` : `entry #${index + 1}`;
}

/** Parses `{entries: [...]}`; `file` only names the source in errors. */
export function parseFaqEntries(source: string, file: string): FaqEntry[] {
  let document: unknown;
  try {
    document = parseYaml(source);
  } catch (error) {
    throw new Error(`${file}: not valid YAML (${(error as Error).message})`, { cause: error });
  }
  const top = fileSchema.safeParse(document);
  if (!top.success) throw new Error(`${file}: not an FAQ file (${describeIssues(top.error)})`);

  const entries: FaqEntry[] = [];
  const ownerOfId = new Set<string>();
  const ownerOfQuestion = new Map<string, string>();
  top.data.entries.forEach((raw, index) => {
    const result = faqEntrySchema.safeParse(raw);
    if (!result.success)
      throw new Error(`${file}: ${entryLabel(raw, index)}: ${describeIssues(result.error)}`);
    const entry = result.data;
    if (ownerOfId.has(entry.id)) throw new Error(`${file}: entry "${entry.id}" is defined twice`);
    ownerOfId.add(entry.id);
    // The same question under two entries makes one of them unreachable by it: refuse it at load time.
    for (const question of [...entry.questions.zh, ...entry.questions.en]) {
      const key = question.toLowerCase();
      const owner = ownerOfQuestion.get(key);
      if (owner !== undefined && owner !== entry.id) {
        throw new Error(
          `${file}: entry "${entry.id}": question "${question}" is also a question of "${owner}"`,
        );
      }
      ownerOfQuestion.set(key, entry.id);
    }
    entries.push(entry);
  });
  return entries;
}

/** Reads and validates an FAQ file (intents/faq/entries.yaml); a bad entry fails with the file and entry id. */
export function loadFaqEntries(file: string): FaqEntry[] {
  let source: string;
  try {
    source = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot read FAQ entries (${(error as Error).message})`, { cause: error });
  }
  return parseFaqEntries(source, file);
}
