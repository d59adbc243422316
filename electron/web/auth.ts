import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** The session cookie's name for the host on this port. */
export const sessionCookieName = (port: number) => `braid_session_${port}`;

export const newSecret = (): string => randomBytes(32).toString('base64url');

export function sameSecret(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readCookie(request: IncomingMessage, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return null;
}

/**
 * Host must be exactly the loopback address we serve: a page on evil.example that rebinds its
 * DNS to 127.0.0.1 still sends `Host: evil.example`, and is refused.
 */
export const isOwnHost = (request: IncomingMessage, host: string): boolean => request.headers.host === host;

/** A cross-site page may open a socket to us; its Origin gives it away. */
export const isOwnOrigin = (request: IncomingMessage, origin: string): boolean => request.headers.origin === origin;
