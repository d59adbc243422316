/**
 * A post Braid just sent goes into the archive at once, built from what was sent (its text, its
 * pictures with their descriptions, the ids its server answered): the archive has it before any
 * sync. Its key is the one the network's import uses (the Mastodon status id, the Bluesky at://
 * URI), so the next sync replaces this copy with the server's own, never adds a second.
 */
import type { AccountSummary } from '../../../shared/domain/account.ts';
import type { Post } from '../../../shared/domain/post.ts';
import type { ArchivedPost } from '../networks/archive.ts';
import type { Job, PostedPart } from '../networks/publishing.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const htmlOf = (text: string) => text.split(/\n{2,}/).map((paragraph) => `<p>${escapeHtml(paragraph).replace(/\n/g, '<br>')}</p>`).join('');

/** The picture's type from its first bytes (the draft's store keeps the bytes only). */
export function sniffImageType(bytes: Uint8Array): string {
  const starts = (...head: number[]) => head.every((byte, index) => bytes[index] === byte);
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x89, 0x50, 0x4e, 0x47)) return 'image/png';
  if (starts(0x47, 0x49, 0x46, 0x38)) return 'image/gif';
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45) return 'image/webp';
  return 'application/octet-stream';
}

export function archivedOfSent(job: Job, account: AccountSummary, posted: readonly PostedPart[], image: (index: number) => Uint8Array | null, now = new Date()): ArchivedPost[] {
  const { plan } = job;
  const createdAt = now.toISOString();
  return posted.map((part, index): ArchivedPost => {
    const text = plan.parts[index] ?? '';
    const media = index === 0 ? plan.media : [];
    const attached = media.flatMap((_, position) => {
      const bytes = image(position);
      return bytes ? [{ position, mimeType: sniffImageType(bytes), bytes }] : [];
    });
    const uri = account.network === 'bluesky' ? part.id : (part.url ?? part.id);
    const post: Post = {
      network: account.network,
      uri,
      url: part.url,
      author: { network: account.network, id: account.id, handle: account.handle, displayName: account.displayName, avatarUrl: account.avatarUrl, profileUrl: null },
      content: account.network === 'mastodon' ? { kind: 'html', html: htmlOf(text), emojis: [] } : { kind: 'facets', text, facets: [] },
      media: media.map((item) => ({ kind: 'image', url: '', previewUrl: null, alt: item.alt, width: null, height: null })),
      card: null,
      replyTo: index > 0 || plan.parent ? { handle: index > 0 ? account.handle : (plan.parent?.author.handle ?? null) } : null,
      contentWarning: plan.contentWarning,
      labels: [],
      counts: { replies: 0, boosts: 0, likes: 0 },
      language: plan.language,
      createdAt,
      quote: null,
      boostedBy: null,
      sortAt: createdAt,
      seenBy: [{ accountId: account.id, nativeId: part.id, cid: part.cid ?? null, liked: false, boosted: false }],
    };
    return {
      key: part.id,
      uri,
      url: part.url,
      createdAt,
      text: plan.contentWarning ? `${plan.contentWarning}\n\n${text}` : text,
      altText: media.map((item) => item.alt).filter(Boolean).join('\n'),
      content: post.content,
      langs: plan.language ? [plan.language] : [],
      hasMedia: media.length > 0,
      isReply: post.replyTo !== null,
      isQuote: index === 0 && Boolean(plan.quoted),
      post,
      source: { sentByBraid: { draftId: job.draftId, jobId: job.id, part: index } },
      attached,
      crossPost: `draft:${job.draftId}`,
    };
  });
}
