import { randomBytes } from 'node:crypto';

/** A file a shopper uploaded (a photo of a damaged item), kept with its conversation. */
export interface StoredAttachment {
  contentType: string;
  name: string;
  bytes: Buffer;
}

export interface AttachmentStore {
  /** Stores the file and returns its id: unguessable, because the URL that serves it carries no token. */
  put(conversationId: string, attachment: StoredAttachment): Promise<string>;
  get(conversationId: string, attachmentId: string): Promise<StoredAttachment | undefined>;
}

export function newAttachmentId(): string {
  return randomBytes(16).toString('base64url');
}

/** In memory, bounded in total bytes: the oldest files go first. */
export class MemoryAttachmentStore implements AttachmentStore {
  private readonly files = new Map<string, StoredAttachment>();
  private totalBytes = 0;

  constructor(private readonly maxTotalBytes = 256 * 1024 * 1024) {}

  async put(conversationId: string, attachment: StoredAttachment): Promise<string> {
    const id = newAttachmentId();
    this.files.set(`${conversationId}/${id}`, attachment);
    this.totalBytes += attachment.bytes.length;
    for (const [key, file] of this.files) {
      if (this.totalBytes <= this.maxTotalBytes) break;
      this.files.delete(key);
      this.totalBytes -= file.bytes.length;
    }
    return id;
  }

  async get(conversationId: string, attachmentId: string): Promise<StoredAttachment | undefined> {
    return this.files.get(`${conversationId}/${attachmentId}`);
  }
}
