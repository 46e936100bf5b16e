import net from 'node:net';

export interface Backend {
  host: string;
  port: number;
}

export interface RoundRobinProxy {
  port: number;
  /** Connections handed to each backend so far, in the order the backends were given. */
  readonly handedOut: number[];
  /**
   * Sends new connections to this backend first, as a balancer with sticky sessions does, and to the
   * others only when it refuses; `undefined` goes back to plain round-robin.
   */
  pin(backend: number | undefined): void;
  close(): Promise<void>;
}

/**
 * A TCP load balancer in front of several kefu instances, as a shop would put nginx or a cloud balancer:
 * each new client connection goes to the next backend in turn (HTTP keep-alive and WebSockets stay on the
 * backend they were opened on), and a backend that refuses the connection is skipped, so a dead instance
 * costs a client one reconnect rather than an error.
 */
export async function startRoundRobinProxy(
  backends: Backend[],
  options: { port?: number; host?: string } = {},
): Promise<RoundRobinProxy> {
  if (backends.length === 0) throw new Error('startRoundRobinProxy: no backends');
  const handedOut = backends.map(() => 0);
  const open = new Set<net.Socket>();
  let next = 0;
  let pinned: number | undefined;

  const track = (socket: net.Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };

  const connect = (client: net.Socket, attempt: number) => {
    if (attempt >= backends.length || client.destroyed) {
      client.destroy();
      return;
    }
    const index = pinned === undefined ? next : (pinned + attempt) % backends.length;
    if (pinned === undefined) next = (next + 1) % backends.length;
    const backend = backends[index];
    const upstream = net.connect(backend.port, backend.host);
    track(upstream);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      handedOut[index]++;
      upstream.setNoDelay(true);
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    upstream.on('error', () => {
      // Refused before any byte went through: try the next backend. After that the client sees a reset.
      if (!connected) connect(client, attempt + 1);
      else client.destroy();
    });
    upstream.once('close', () => {
      if (connected) client.destroy();
    });
    client.once('close', () => upstream.destroy());
  };

  const server = net.createServer({ pauseOnConnect: true }, (client) => {
    track(client);
    client.setNoDelay(true);
    client.on('error', () => client.destroy());
    connect(client, 0);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    handedOut,
    pin(backend) {
      pinned = backend;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
