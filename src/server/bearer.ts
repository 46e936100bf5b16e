import type { FastifyRequest } from 'fastify';

/** The credential of `Authorization: Bearer <credential>`, or undefined when there is none. */
export function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}
