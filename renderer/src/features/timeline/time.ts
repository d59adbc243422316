const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/**
 * The formatters for one language, made once: a toLocale…String call builds a new formatter each
 * time (about a millisecond), and every row of a scrolling list shows a time and names one in its label.
 */
function makeFormats(locale: string) {
  const unit = (name: 'minute' | 'hour' | 'day') => new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'narrow' });
  return {
    now: new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(0, 'second'),
    minutes: unit('minute'),
    hours: unit('hour'),
    days: unit('day'),
    monthDay: new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }),
    mediumDate: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }),
    full: new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }),
    medium: new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }),
  };
}

const byLocale = new Map<string, ReturnType<typeof makeFormats>>();
const formatsFor = (locale: string | undefined) => {
  const key = locale ?? '';
  let formats = byLocale.get(key);
  if (!formats) byLocale.set(key, (formats = makeFormats(locale ?? new Intl.DateTimeFormat().resolvedOptions().locale)));
  return formats;
};

/** "now", "5m", "3h", "2d", then a date (in the language's own words): the compact time every list shows. */
export function shortTime(iso: string, locale?: string, now = Date.now()): string {
  const formats = formatsFor(locale);
  const then = Date.parse(iso);
  const ago = now - then;
  if (ago < minute) return formats.now;
  if (ago < hour) return formats.minutes.format(Math.floor(ago / minute));
  if (ago < day) return formats.hours.format(Math.floor(ago / hour));
  if (ago < 7 * day) return formats.days.format(Math.floor(ago / day));
  const sameYear = new Date(then).getFullYear() === new Date(now).getFullYear();
  return (sameYear ? formats.monthDay : formats.mediumDate).format(then);
}

export const fullTime = (iso: string, locale?: string) => formatsFor(locale).full.format(new Date(iso));

/** A date and time in a sentence ("Dec 5, 2026, 3:04 PM"). */
export const mediumTime = (iso: string, locale?: string) => formatsFor(locale).medium.format(new Date(iso));
