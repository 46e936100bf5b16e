/** Builds Redis keys under one prefix, so that several shops or test runs can share a Redis server. */
export class Keyspace {
  constructor(readonly prefix: string) {}

  key(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }

  /** The SCAN pattern that matches every key of this keyspace. */
  get pattern(): string {
    return `${this.prefix.replace(/[*?[\]\\]/g, '\\$&')}*`;
  }
}
