/**
 * Read marks: how far an account has read its notifications, in its server's terms. Mastodon
 * ids (snowflakes, or ULIDs on GoToSocial) and Bluesky's ISO times (always written the same way,
 * Date.toISOString) all order by length first, then character by character.
 */
export function compareMarks(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Whether `mark` comes after what was read (`readMark` null: the account has read nothing). */
export const isAfterMark = (mark: string, readMark: string | null) => readMark === null || compareMarks(mark, readMark) > 0;

export const laterMark = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : compareMarks(a, b) >= 0 ? a : b);
