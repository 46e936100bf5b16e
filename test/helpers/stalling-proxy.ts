import net from 'node:net';

/**
 * A TCP proxy that can go silent: forwarding, it passes bytes both ways; stalled, it drops the
 * connections it carries and accepts new ones without ever passing a byte — a network path that died
 * half-way, where connections open and then nothing comes back. Connections accepted while stalled stay
 * dead after `forward()`, as half-open connections do; only new ones get through.
 */
export interface StallingProxy {
  readonly port: number;
  /** Connections accepted while stalled (they never carry a byte). */
  readonly stalledConnections: number;
  stall(): void;
  forward(): void;
  close(): Promise<void>;
}

export async function startStallingProxy(target: { host: string; port: number }): Promise<StallingProxy> {
  let stalled = false;
  let stalledConnections = 0;
  const live = new Set<net.Socket>();
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
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    port: address.port,
    get stalledConnections() {
      return stalledConnections;
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
