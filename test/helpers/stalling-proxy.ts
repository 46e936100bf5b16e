import net from 'node:net';

/**
 * A TCP proxy that can go silent: forwarding, it passes bytes both ways; stalled, it drops the
 * connections it carries and accepts new ones without ever passing a byte — a network path that died
 * half-way, where connections open and then nothing comes back. Connections accepted while stalled stay
 * dead after `forward()`, as half-open connections do; only new ones get through. One carried connection
 * can also be frozen on its own: it stays open and passes nothing, while the others go on.
 */
export interface StallingProxy {
  readonly port: number;
  /** Connections accepted while stalled (they never carry a byte). */
  readonly stalledConnections: number;
  /** Connections accepted and forwarded so far, in order (the first a client opens is 0). */
  readonly forwardedConnections: number;
  stall(): void;
  forward(): void;
  /** The `index`th forwarded connection goes silent both ways without closing. */
  freeze(index: number): void;
  close(): Promise<void>;
}

export async function startStallingProxy(target: { host: string; port: number }): Promise<StallingProxy> {
  let stalled = false;
  let stalledConnections = 0;
  const live = new Set<net.Socket>();
  const forwarded: Array<{ client: net.Socket; upstream: net.Socket }> = [];
  const server = net.createServer((client) => {
    live.add(client);
    client.on('close', () => live.delete(client));
    client.on('error', () => client.destroy());
    if (stalled) {
      stalledConnections += 1;
      client.on('data', () => undefined); // read and drop: the other side hears nothing
      return;
    }
    const upstream = net.connect(target.port, target.host);
    live.add(upstream);
    upstream.on('close', () => {
      live.delete(upstream);
      client.destroy();
    });
    upstream.on('error', () => upstream.destroy());
    client.on('close', () => upstream.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
    forwarded.push({ client, upstream });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    get stalledConnections() {
      return stalledConnections;
    },
    get forwardedConnections() {
      return forwarded.length;
    },
    freeze(index: number) {
      const pair = forwarded[index];
      if (!pair) throw new Error(`no forwarded connection ${index} (${forwarded.length} so far)`);
      pair.client.unpipe(pair.upstream);
      pair.upstream.unpipe(pair.client);
      // Read and drop, so neither side's writes back up: each just hears nothing.
      pair.client.on('data', () => undefined);
      pair.upstream.on('data', () => undefined);
    },
    stall() {
      stalled = true;
      for (const socket of live) socket.destroy();
    },
    forward() {
      stalled = false;
    },
    async close() {
      for (const socket of live) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
