/**
 * JSON text to keep in memory for a long time (a logged activity, a transcript line, a conversation's
 * state), as one flat string.
 *
 * Memory storage keeps such values as text so that the garbage collector has one object to mark instead of
 * a dozen (see MemoryActivityLog). But V8's JSON.stringify assembles a long text from parts of growing size
 * joined as a tree of "cons strings", and returns that tree: a 1.5 KB activity came back as ~10 string
 * objects (heap snapshot of 2,000 held conversations: 127 string objects each, 51 of them cons strings),
 * each of them copied by every young-generation collection it survives and marked by every full one.
 * Reading the text as a number makes V8 copy the tree into one flat string and point the tree's root at it;
 * the next collection drops the parts. The copy is one memcpy, and the first JSON.parse of the text would
 * have made it anyway.
 */
export function flatJson(value: unknown): string {
  const text = JSON.stringify(value);
  // Number() flattens its argument before parsing it; a JSON text fails to parse at its first character.
  void Number(text);
  return text;
}
