import type { WebSocket } from 'ws';
import type { Logger } from '../../log/logger';
import { isStorageUnavailable } from '../../storage/redis-client';
import type { ActivityLog } from './activity-log';

export interface StreamOptions {
  activityLog: ActivityLog;
  conversationId: string;
  /** Sequence number of the last activity the client has; everything after it is sent first. */
  watermark: number;
  logger: Logger;
  /** An empty frame this often keeps proxies from closing a quiet socket, as Direct Line does. */
  keepAliveMs?: number;
}

/**
 * Streams a conversation's activities to a Direct Line WebSocket as `{activities, watermark}` frames:
 * first what the client missed since its watermark, then each new activity as it is logged. The watch is
 * set before the backlog is read, so an activity logged in between is not lost, and one pump at a time
 * reads from the last sent watermark, so none is sent twice.
 */
export async function streamActivities(socket: WebSocket, options: StreamOptions): Promise<void> {
  const { activityLog, conversationId, logger } = options;
  let watermark = options.watermark;
  let closed = false;
  let pumping = false;
  let pumpAgain = false;
  let unwatch: (() => Promise<void>) | undefined;

  const keepAlive = setInterval(() => {
    if (socket.readyState === socket.OPEN) socket.send('');
  }, options.keepAliveMs ?? 15_000);

  const stop = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepAlive);
    void unwatch?.().catch((error: unknown) => logger.debug({ err: error }, 'unwatch failed'));
  };
  socket.on('close', stop);
  socket.on('error', stop);
  // Clients send empty frames as pings; there is nothing to answer.
  socket.on('message', () => undefined);

  const pump = async (): Promise<void> => {
    if (pumping) {
      pumpAgain = true;
      return;
    }
    pumping = true;
    try {
      do {
        pumpAgain = false;
        for (;;) {
          const page = await activityLog.read(conversationId, watermark);
          if (closed || page.activities.length === 0) break;
          watermark = page.watermark;
          socket.send(JSON.stringify({ activities: page.activities, watermark: String(watermark) }));
        }
      } while (pumpAgain && !closed);
    } catch (error) {
      if (isStorageUnavailable(error)) {
        // Redis went away under the read. The socket stays open, as Direct Line's does through an outage:
        // the log wakes every watcher once Redis is back, and the next pump reads from this same watermark.
        // Closed now, the client would reconnect into the outage, where every attempt is refused.
        logger.debug({ err: error, conversationId }, 'direct line stream read failed; waiting for Redis');
      } else {
        logger.warn({ err: error, conversationId }, 'direct line stream failed; closing it');
        // The client reconnects with its watermark and misses nothing.
        socket.close(1011, 'stream interrupted');
        stop();
      }
    } finally {
      pumping = false;
    }
    // A wake that came while the read was failing is not dropped with it.
    if (pumpAgain && !closed) await pump();
  };

  try {
    unwatch = await activityLog.watch(conversationId, () => void pump());
  } catch (error) {
    logger.warn({ err: error, conversationId }, 'cannot watch direct line conversation');
    socket.close(1011, 'stream unavailable');
    stop();
    return;
  }
  if (closed) {
    await unwatch();
    return;
  }
  await pump();
}
