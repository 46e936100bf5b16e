interface OpenCCModule {
  Converter(options: { from: string; to: string }): (text: string) => string;
}
// opencc-js declares its types as an ES module although it ships a CommonJS build; require it directly.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const OpenCC = require('opencc-js/t2cn') as OpenCCModule;

/** Traditional (Taiwan phrasing, which also covers Hong Kong characters) → Simplified. */
const toSimplified = OpenCC.Converter({ from: 'twp', to: 'cn' });

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

export interface NormalizedText {
  /** Half-width, Simplified, case and punctuation kept: what entities and sentiment read. */
  text: string;
  /** `text` lower-cased, runs of punctuation collapsed to one mark and spaces folded: what the classifier reads. */
  folded: string;
}

/** Full-width ASCII (！Ａ１) → half-width, ideographic space → space, ￥ → ¥. */
export function toHalfWidth(raw: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code >= 0xff01 && code <= 0xff5e) {
      out += String.fromCharCode(code - 0xfee0);
      changed = true;
    } else if (code === 0x3000) {
      out += ' ';
      changed = true;
    } else if (code === 0xffe5) {
      out += '¥';
      changed = true;
    } else {
      out += raw[i];
    }
  }
  return changed ? out : raw;
}

// Chinese sentence marks that have no full-width ASCII form, mapped to the ASCII mark they mean.
const CJK_PUNCTUATION: Record<string, string> = {
  '。': '.',
  '、': ',',
  '【': '[',
  '】': ']',
  '「': '"',
  '」': '"',
  '…': '.',
  '～': '~',
};
const CJK_PUNCTUATION_RE = /[。、【】「」…～]/g;
// "？？？", "!!!?" and "..." carry emphasis (sentiment reads `text`), not meaning: one mark is enough here.
const PUNCTUATION_RUN = /([!?.,~])[!?.,~]+/g;

/**
 * The last message normalised: an FAQ turn normalises the same message for the classifier and again for
 * the retriever, and the Traditional → Simplified conversion is the dear part of it.
 */
let last: { raw: string; normalized: Readonly<NormalizedText> } | undefined;

export function normalize(raw: string): Readonly<NormalizedText> {
  if (last?.raw === raw) return last.normalized;
  const normalized = Object.freeze(normalizeUncached(raw));
  last = { raw, normalized };
  return normalized;
}

function normalizeUncached(raw: string): NormalizedText {
  let text = toHalfWidth(raw).replace(/\s+/g, ' ').trim();
  if (HAN.test(text)) text = toSimplified(text);
  const folded = text
    .toLowerCase()
    .replace(CJK_PUNCTUATION_RE, (mark) => CJK_PUNCTUATION[mark] ?? mark)
    .replace(PUNCTUATION_RUN, '$1');
  return { text, folded };
}

export function hasHan(text: string): boolean {
  return HAN.test(text);
}
