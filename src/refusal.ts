/**
 * A request refused on purpose (bad input, no permission, too many requests): the server answers it as
 * `{"error": {code, message}}` with this status. It lives at the bottom of the layers (DESIGN.md §9) because
 * every part may refuse something, while only the server knows HTTP.
 */
export class Refusal extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** One message for readers of either language: the English sentence, then the Chinese one. */
export function bilingual(en: string, zh: string): string {
  return `${en} ${zh}`;
}
