import { Specificity, type EntityCollector } from './collector';
import { HAS_CJK, HAS_DIGIT, HAS_LATIN, isHan } from './text-traits';

/** Product attributes a shopper names when buying or exchanging: sizes and colours. */

const MA = 0x7801; // 码
const HAO = 0x53f7; // 号

// Letter sizes as whole tokens: "S" in "SF123…" or the "m" of "I'm" are not tokens.
const LETTER_SIZE = /(?<![A-Za-z0-9'’])(XXXL|XXL|XL|XS|[23]XL|[SML])(?![A-Za-z0-9'’])/gi;
const CANONICAL_LETTER: Readonly<Record<string, string>> = { '2XL': 'XXL', '3XL': 'XXXL' };
// "L型沙发", "S形", "M字" are shapes, not sizes.
const SHAPE_WORDS = '型形字';

const SIZE_WORD =
  /(?<![A-Za-z])(?:(size)\s*[:：]?\s*|(?:an?|in)\s+(?:an?\s+)?)(extra[\s-]large|x-large|small|medium|large)(?![A-Za-z-])/gi;
// Without "size" in front, "a large" is a size only at the end of a clause ("can I get a large?"),
// not in "a large order" or "a small problem".
const CLAUSE_END =
  /\s*(?:$|[?.!,;:)]|(?:instead|please|one|size|thanks|thank|or|and|for|if|in)(?![A-Za-z]))/y;
const WORD_VALUE: Readonly<Record<string, string>> = { small: 'S', medium: 'M', large: 'L' };

const NUMBER_SIZE =
  /(?:(尺码|鞋码|码数|尺寸|(?<![A-Za-z])size)\s*[:：]?\s*(?:(?:是|为|is)\s*)?)?(?<![\d.])(\d{1,2}(?:\.5)?)(?!\d|\.\d)(码|号)?/gi;

const ONE_SIZE = /均码|(?<![A-Za-z])(?:one|free)[\s-]size(?![A-Za-z])/gi;

function skipSpacesForward(text: string, index: number): number {
  while (index < text.length && text.charCodeAt(index) === 32) index++;
  return index;
}

/** A size cue right before `index`: 码, 号, 尺寸 or the word "size", spaces and colons allowed between. */
function sizeCueBefore(text: string, index: number): boolean {
  let i = index - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === ':' || text[i] === '：')) i--;
  if (i < 0) return false;
  const code = text.charCodeAt(i);
  if (code === MA || code === HAO || text[i] === '寸') return true;
  return endsWithWord(text, i + 1, 'size');
}

/** `text` has the lower-case ASCII `word`, in any case, as a whole word ending at `end`. */
function endsWithWord(text: string, end: number, word: string): boolean {
  const start = end - word.length;
  if (start < 0) return false;
  for (let k = 0; k < word.length; k++) {
    if ((text.charCodeAt(start + k) | 0x20) !== word.charCodeAt(k)) return false;
  }
  return start === 0 || !isAsciiLetter(text.charCodeAt(start - 1));
}

/** `text` has the lower-case ASCII `word`, in any case, as a whole word starting at `start`. */
function startsWithWord(text: string, start: number, word: string): boolean {
  const end = start + word.length;
  if (end > text.length) return false;
  for (let k = 0; k < word.length; k++) {
    if ((text.charCodeAt(start + k) | 0x20) !== word.charCodeAt(k)) return false;
  }
  return end === text.length || !isAsciiLetter(text.charCodeAt(end));
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function findLetterSizes(text: string, out: EntityCollector): void {
  let match: RegExpExecArray | null;
  LETTER_SIZE.lastIndex = 0;
  while ((match = LETTER_SIZE.exec(text)) !== null) {
    const token = match[1];
    const start = match.index;
    let end = start + token.length;
    const nextIndex = skipSpacesForward(text, end);
    const next = text.charCodeAt(nextIndex);
    const cueAfter = next === MA || next === HAO || startsWithWord(text, nextIndex, 'size');
    let accepted = cueAfter || sizeCueBefore(text, start);
    if (!accepted && token === token.toUpperCase()) {
      // XL, XXL … are unmistakable; a lone S/M/L only inside Chinese ("换L码", "要M的").
      let before = start - 1;
      while (before >= 0 && text.charCodeAt(before) === 32) before--;
      const chinese = isHan(next) || (before >= 0 && isHan(text.charCodeAt(before)));
      const shape = end < text.length && SHAPE_WORDS.includes(text[end]);
      accepted = token.length > 1 || (chinese && !shape);
    }
    if (!accepted) continue;
    if (text.charCodeAt(end) === MA || text.charCodeAt(end) === HAO) end++;
    const upper = token.toUpperCase();
    out.add('size', CANONICAL_LETTER[upper] ?? upper, start, end, Specificity.size);
  }

  SIZE_WORD.lastIndex = 0;
  while ((match = SIZE_WORD.exec(text)) !== null) {
    const end = match.index + match[0].length;
    if (match[1] === undefined) {
      CLAUSE_END.lastIndex = end;
      if (!CLAUSE_END.test(text)) continue;
    }
    const word = match[2].toLowerCase();
    out.add('size', WORD_VALUE[word] ?? 'XL', end - word.length, end, Specificity.size);
  }
}

function findNumberSizes(text: string, out: EntityCollector): void {
  let match: RegExpExecArray | null;
  NUMBER_SIZE.lastIndex = 0;
  while ((match = NUMBER_SIZE.exec(text)) !== null) {
    const [whole, cue, number, unit] = match;
    const end = match.index + whole.length;
    // 号 is also a day of the month ("15号发货"): a shoe size only after a cue or before 鞋.
    const accepted =
      unit === '码' ||
      (cue !== undefined && unit !== '号') ||
      (unit === '号' && (cue !== undefined || text.startsWith('鞋', end) || text.startsWith('的鞋', end)));
    if (!accepted) continue;
    out.add('size', number, end - number.length - (unit?.length ?? 0), end, Specificity.size);
  }
}

const ZH_COLOR =
  /(粉红|酒红|藏青|咖啡|卡其|[黑白红蓝绿黄灰粉紫橙棕米银金])色|(?<=^|[要换买拿选是发改成个件双条款有只和或、,，。\s])(酒红|藏青|卡其|[黑白红蓝绿黄灰粉紫橙棕银金])的/g;
const ZH_COLOR_VALUE: Readonly<Record<string, string>> = {
  黑: 'black',
  白: 'white',
  红: 'red',
  蓝: 'blue',
  绿: 'green',
  黄: 'yellow',
  灰: 'grey',
  粉: 'pink',
  粉红: 'pink',
  紫: 'purple',
  橙: 'orange',
  棕: 'brown',
  咖啡: 'brown',
  米: 'beige',
  卡其: 'khaki',
  藏青: 'navy',
  酒红: 'burgundy',
  银: 'silver',
  金: 'gold',
};
const EN_COLOR =
  /(?<![A-Za-z])(navy(?:\s+blue)?|black|white|red|blue|green|yellow|grey|gray|pink|purple|orange|brown|beige|khaki|silver|gold|burgundy)(?![A-Za-z])/gi;

function findColors(text: string, traits: number, out: EntityCollector): void {
  let match: RegExpExecArray | null;
  if (traits & HAS_CJK) {
    ZH_COLOR.lastIndex = 0;
    while ((match = ZH_COLOR.exec(text)) !== null) {
      // A bare colour ("要白的") is just the colour character; 的 is grammar, 色 is part of the word.
      const name = match[1] ?? match[2];
      const length = match[1] !== undefined ? match[0].length : name.length;
      out.add('color', ZH_COLOR_VALUE[name], match.index, match.index + length, Specificity.color);
    }
  }
  if (traits & HAS_LATIN) {
    EN_COLOR.lastIndex = 0;
    while ((match = EN_COLOR.exec(text)) !== null) {
      const word = match[1].toLowerCase();
      const value = word.startsWith('navy') ? 'navy' : word === 'gray' ? 'grey' : word;
      out.add('color', value, match.index, match.index + match[0].length, Specificity.color);
    }
  }
}

export function findSizesAndColors(text: string, traits: number, out: EntityCollector): void {
  if (traits & HAS_LATIN) findLetterSizes(text, out);
  if (traits & HAS_DIGIT) findNumberSizes(text, out);
  if (traits & (HAS_CJK | HAS_LATIN)) {
    ONE_SIZE.lastIndex = 0;
    let match: RegExpExecArray | null;
    while ((match = ONE_SIZE.exec(text)) !== null) {
      out.add('size', 'ONE SIZE', match.index, match.index + match[0].length, Specificity.size);
    }
  }
  findColors(text, traits, out);
}
