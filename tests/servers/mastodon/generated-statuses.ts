/**
 * Statuses for a long history (MastodonTestServer.seedStatuses): the i-th of them, the same on every run, in the
 * mixture a real account has. Every text carries its number ("#i" as `seq-<i>`), so a test can find any one.
 */
import type { PostInput } from './distribution.ts';

const french = ['Un café au lait, s’il vous plaît', 'Déjà vu à la crème brûlée', 'Le garçon naïf lit son résumé', 'Noël à Orléans'];
const japanese = ['東京は今日も晴れです', '京都で抹茶を飲みました', '日本語の検索テスト', '新しいカメラを買った'];
const english = ['Reading about federated protocols', 'Walked the dog along the river', 'Fixed a bug in the parser today', 'Coffee, then code'];

/** The i-th generated status; `previous` is the status before it (for threads), `other` someone else's (for replies). */
export function generatedStatus(i: number, { createdAt, previous, other }: { createdAt: Date; previous?: string; other?: string }): PostInput {
  const pick = (list: string[]) => list[i % list.length] ?? '';
  const text = i % 5 === 0 ? pick(french) : i % 5 === 1 ? pick(japanese) : pick(english);
  return {
    text: `${text} seq-${i}`,
    createdAt,
    language: i % 5 === 0 ? 'fr' : i % 5 === 1 ? 'ja' : 'en',
    ...(i % 7 === 3 && previous ? { inReplyToId: previous } : {}),
    ...(i % 29 === 5 && other ? { inReplyToId: other } : {}),
    ...(i % 11 === 4 ? { media: [{ description: `Picture number ${i}: a lighthouse at dusk`, width: 640, height: 480 }] } : {}),
    ...(i % 23 === 9 ? { spoilerText: `Spoiler ${i}` } : {}),
    ...(i % 17 === 2 ? { visibility: 'unlisted' as const } : {}),
  };
}
