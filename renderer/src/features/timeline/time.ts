const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** "now", "5m", "3h", "2d", then a date: the compact time every timeline shows. */
export function shortTime(iso: string, now = Date.now()): string {
  const then = Date.parse(iso);
  const ago = now - then;
  if (ago < minute) return 'now';
  if (ago < hour) return `${Math.floor(ago / minute)}m`;
  if (ago < day) return `${Math.floor(ago / hour)}h`;
  if (ago < 7 * day) return `${Math.floor(ago / day)}d`;
  const sameYear = new Date(then).getFullYear() === new Date(now).getFullYear();
  return new Date(then).toLocaleDateString(undefined, sameYear ? { month: 'short', day: 'numeric' } : { dateStyle: 'medium' });
}

export const fullTime = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'full', timeStyle: 'short' });
