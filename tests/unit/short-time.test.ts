import { describe, expect, it } from 'vitest';
import { shortTime } from '../../renderer/src/features/timeline/time.ts';

const now = Date.parse('2026-12-05T12:00:00Z');
const ago = (ms: number) => new Date(now - ms).toISOString();

describe('shortTime', () => {
  it('says how long ago within a week', () => {
    expect(shortTime(ago(20_000), 'en', now)).toBe('now');
    expect(shortTime(ago(5 * 60_000), 'en', now)).toBe('5m');
    expect(shortTime(ago(3 * 3_600_000), 'en', now)).toBe('3h');
    expect(shortTime(ago(2 * 86_400_000), 'en', now)).toBe('2d');
  });

  it('gives the date after a week, with the year only when it is another year', () => {
    const sameYear = shortTime('2026-03-14T12:00:00Z', 'en', now);
    const otherYear = shortTime('2024-03-14T12:00:00Z', 'en', now);
    expect(sameYear).toMatch(/14/);
    expect(sameYear).not.toMatch(/2026/);
    expect(otherYear).toMatch(/2024/);
  });

  it('speaks the language asked for', () => {
    expect(shortTime(ago(20_000), 'fr', now)).toBe('maintenant');
    expect(shortTime(ago(2 * 86_400_000), 'fr', now)).toBe('2j');
    expect(shortTime('2026-03-14T12:00:00Z', 'fr', now)).toBe('14 mars');
  });
});
