import { createHash } from 'node:crypto';

/**
 * A draft id (a UUID) that the same inputs always give: sending it again finds the draft already
 * in the outbox instead of posting twice (a reply clicked twice, a command run again).
 */
export function draftIdFrom(...parts: string[]): string {
  const hex = createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  // RFC 9562 layout: version 8 (custom), variant 10.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${hex.slice(18, 20)}-${hex.slice(20, 32)}`;
}
