import { createClient } from 'redis';

const newClient = (port: number) =>
  createClient({ url: `redis://127.0.0.1:${port}`, socket: { reconnectStrategy: false } });

/**
 * Reads the throw-away Redis's command counter. The benchmark's own INFO calls are counted too, two per
 * phase, against thousands of turns: negligible.
 */
export class RedisStats {
  private constructor(private readonly client: ReturnType<typeof newClient>) {}

  /** Connects, retrying while redis-server is still starting. */
  static async connect(port: number, timeoutMs = 10_000): Promise<RedisStats> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const client = newClient(port);
      client.on('error', () => undefined); // a refused connect is reported by connect() below
      try {
        await client.connect();
        return new RedisStats(client);
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }

  private async field(section: string, name: string): Promise<number> {
    const info = await this.client.info(section);
    const match = new RegExp(`^${name}:(\\d+)`, 'm').exec(info);
    return match ? Number(match[1]) : NaN;
  }

  commandsProcessed(): Promise<number> {
    return this.field('stats', 'total_commands_processed');
  }

  /** Calls per command (INFO commandstats), commands run inside scripts included. */
  async commandCalls(): Promise<Record<string, number>> {
    const info = await this.client.info('commandstats');
    const calls: Record<string, number> = {};
    for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) calls[match[1]] = Number(match[2]);
    return calls;
  }

  usedMemory(): Promise<number> {
    return this.field('memory', 'used_memory');
  }

  async close(): Promise<void> {
    if (this.client.isOpen) await this.client.close();
  }
}
