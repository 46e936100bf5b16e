/**
 * The ceiling: plain node:http answering every request with one fixed JSON, as POST .../activities would,
 * after reading the body. Whatever kefu does on top of this — routing, validation, the bot's turn, storage —
 * is what the benchmark's percentages of it measure. Forked by bench/server.ts with PORT set.
 */
import http from 'node:http';

const ANSWER = Buffer.from(JSON.stringify({ id: 'bare|0000001' }));

const server = http.createServer((request, response) => {
  request.on('data', () => undefined);
  request.on('end', () => {
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': ANSWER.length,
    });
    response.end(ANSWER);
  });
});
// As kefu's Fastify keeps idle connections open (72 s), so the generator's keep-alive agent reuses them.
server.keepAliveTimeout = 72_000;
server.listen(Number(process.env.PORT), '127.0.0.1');

process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
process.on('disconnect', () => process.exit(0));
