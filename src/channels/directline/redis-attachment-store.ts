import { Keyspace } from '../../storage/keyspace';
import type { RedisClient } from '../../storage/redis-client';
import { newAttachmentId, type AttachmentStore, type StoredAttachment } from './attachment-store';

/** Uploaded files as Redis hashes (bytes base64-encoded), expiring with the conversation's log. */
export class RedisAttachmentStore implements AttachmentStore {
  private readonly keys: Keyspace;

  constructor(
    private readonly redis: RedisClient,
    prefix: string,
    private readonly ttlSeconds = 30 * 24 * 3600,
  ) {
    this.keys = new Keyspace(`${prefix}dl:file:`);
  }

  async put(conversationId: string, attachment: StoredAttachment): Promise<string> {
    const id = newAttachmentId();
    const key = this.keys.key(conversationId, id);
    await this.redis
      .multi()
      .hSet(key, {
        contentType: attachment.contentType,
        name: attachment.name,
        data: attachment.bytes.toString('base64'),
      })
      .expire(key, this.ttlSeconds)
      .exec();
    return id;
  }

  async get(conversationId: string, attachmentId: string): Promise<StoredAttachment | undefined> {
    const stored = await this.redis.hGetAll(this.keys.key(conversationId, attachmentId));
    if (!stored.data) return undefined;
    return { contentType: stored.contentType, name: stored.name, bytes: Buffer.from(stored.data, 'base64') };
  }
}
