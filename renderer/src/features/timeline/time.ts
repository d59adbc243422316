const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

// Made once: a toLocale…String call builds a new formatter each time (about a millisecond), and
// every row of a scrolling list shows a time and names one in its label.
const monthDay = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric' });
const mediumDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const fullDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' });
const mediumDateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** "now", "5m", "3h", "2d", then a date: the compact time every timeline shows. */
export function shortTime(iso: string, now = Date.now()): string {
  const then = Date.parse(iso);
  const ago = now - then;
  if (ago < minute) return 'now';
  if (ago < hour) return `${Math.floor(ago / minute)}m`;
  if (ago < day) return `${Math.floor(ago / hour)}h`;
  if (ago < 7 * day) return `${Math.floor(ago / day)}d`;
  const sameYear = new Date(then).getFullYear() === new Date(now).getFullYear();
  return (sameYear ? monthDay : mediumDate).format(then);
}

export const fullTime = (iso: string) => fullDateTime.format(new Date(iso));

/** A date and time in a sentence ("Dec 5, 2026, 3:04 PM"). */
export const mediumTime = (iso: string) => mediumDateTime.format(new Date(iso));
