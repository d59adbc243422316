/**
 * Plain text to status HTML, the way Mastodon's TextFormatter does it: URLs, hashtags and mentions become links,
 * the rest is escaped, paragraphs are split on blank lines and single line breaks become `<br />`.
 */

export interface MentionTarget {
  id: string;
  username: string;
  /** null for accounts of this server. */
  domain: string | null;
  /** Profile page, used as the link target. */
  url: string;
}

export interface RenderTextOptions {
  /** Where hashtag links point, e.g. 'https://example.social' (the link is `${tagBase}/tags/name`). */
  tagBase: string;
  /** Looks an `@user` or `@user@domain` up; unknown accounts stay plain text. */
  resolveMention(username: string, domain: string | null): MentionTarget | undefined;
  /**
   * The text arrived from another server: Mastodon keeps that server's HTML but its sanitizer marks every link as
   * external (`rel="nofollow noopener noreferrer"`, `target="_blank"`, keeping `tag`).
   */
  remote?: boolean;
  /** Paragraphs and line breaks (true, as for statuses and notes); profile field values are one line. */
  multiline?: boolean;
  /** Links marked `rel="... me"`, as in the profile fields of this server's own accounts (`with_rel_me`). */
  relMe?: boolean;
}

export interface RenderedText {
  html: string;
  /** Mentioned accounts that exist, in order of first appearance. */
  mentions: MentionTarget[];
  /** Hashtags as written, first spelling of each (case-insensitively unique). */
  tags: string[];
}

/** ERB::Util#html_escape. */
export function escapeText(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

type Entity =
  | { kind: 'url'; start: number; end: number; url: string }
  | { kind: 'hashtag'; start: number; end: number; name: string }
  | { kind: 'mention'; start: number; end: number; username: string; domain: string | null; written: string };

// Account::MENTION_RE: not after '=', '/' or a word character; username [a-z0-9_] runs joined by '.'/'-'.
const mentionRe = /(?<![=/\p{L}\p{N}_])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@([\p{L}\p{N}_]+(?:[.-]+[\p{L}\p{N}_]+)*))?/giu;
// Tag::HASHTAG_RE, simplified: word characters and the separators Mastodon allows, with at least one letter.
const hashtagRe = /(?<![=/)\p{L}\p{N}])#([\p{L}\p{M}\p{N}_\u00b7\u30fb\u200c]*\p{L}[\p{L}\p{M}\p{N}_\u00b7\u30fb\u200c]*)/gu;
const urlRe = /https?:\/\/[^\s<>"\u00a0]+/giu;

/** Twitter-text stops URLs before trailing punctuation and unbalanced closing parentheses. */
function trimUrl(candidate: string): string {
  let url = candidate;
  for (;;) {
    const last = url.at(-1) ?? '';
    if ('.,:;!?\'"'.includes(last)) url = url.slice(0, -1);
    else if (last === ')' && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) url = url.slice(0, -1);
    else return url;
  }
}

function extract(text: string): Entity[] {
  const found: Entity[] = [];
  for (const m of text.matchAll(urlRe)) {
    const url = trimUrl(m[0]);
    if (/^https?:\/\/[^/]*[\p{L}\p{N}]/u.test(url)) found.push({ kind: 'url', start: m.index, end: m.index + url.length, url });
  }
  for (const m of text.matchAll(hashtagRe)) found.push({ kind: 'hashtag', start: m.index, end: m.index + m[0].length, name: m[1] ?? '' });
  for (const m of text.matchAll(mentionRe)) {
    found.push({ kind: 'mention', start: m.index, end: m.index + m[0].length, username: m[1] ?? '', domain: m[2] ?? null, written: m[0].slice(1) });
  }
  // Twitter-text's remove_overlapping_entities: by position, the first one wins.
  found.sort((a, b) => a.start - b.start);
  const kept: Entity[] = [];
  for (const entity of found) if (kept.length === 0 || entity.start >= (kept.at(-1)?.end ?? 0)) kept.push(entity);
  return kept;
}

/** TextFormatter.shortened_link: scheme and `www.` hidden, 30 visible characters, the rest hidden behind an ellipsis. */
export function linkToUrl(url: string, relMe = false): string {
  const prefix = /^(https?:\/\/(www\.)?|xmpp:)/.exec(url)?.[0] ?? '';
  let display = url.slice(prefix.length, prefix.length + 30);
  let suffix = url.slice(prefix.length + 30);
  let cutoff = url.length - prefix.length > 30;
  if (suffix.length === 1) {
    display += suffix;
    suffix = '';
    cutoff = false;
  }
  return `<a href="${escapeText(url)}" target="_blank" rel="nofollow noopener noreferrer${relMe ? ' me' : ''}" translate="no"><span class="invisible">${escapeText(prefix)}</span><span class="${cutoff ? 'ellipsis' : ''}">${escapeText(display)}</span><span class="invisible">${escapeText(suffix)}</span></a>`;
}

/** Rails' simple_format followed by Mastodon's `.delete("\n")`. */
function simpleFormat(html: string): string {
  const paragraphs = html.replace(/\r\n?/g, '\n').split(/\n\n+/);
  while (paragraphs.length > 1 && paragraphs.at(-1) === '') paragraphs.pop();
  return paragraphs.map((p) => `<p>${p.replace(/([^\n]\n)(?=[^\n])/g, '$1<br />')}</p>`).join('').replace(/\n/g, '');
}

export function renderText(text: string, options: RenderTextOptions): RenderedText {
  if (text.trim() === '') return { html: '', mentions: [], tags: [] };
  const entities = extract(text);
  const resolved = new Map<Entity, MentionTarget>();
  for (const entity of entities) {
    if (entity.kind !== 'mention') continue;
    const target = options.resolveMention(entity.username, entity.domain);
    if (target) resolved.set(entity, target);
  }
  const mentioned = [...new Map([...resolved.values()].map((m) => [m.id, m])).values()];
  const external = options.remote ? ' rel="nofollow noopener noreferrer" target="_blank"' : '';
  const hashtagRel = options.remote ? ' rel="tag nofollow noopener noreferrer" target="_blank"' : ' rel="tag"';

  const tags = new Map<string, string>();
  let html = '';
  let at = 0;
  for (const entity of entities) {
    html += escapeText(text.slice(at, entity.start));
    at = entity.end;
    if (entity.kind === 'url') {
      html += linkToUrl(entity.url, options.relMe && !options.remote);
    } else if (entity.kind === 'hashtag') {
      if (!tags.has(entity.name.toLowerCase())) tags.set(entity.name.toLowerCase(), entity.name);
      html += `<a href="${escapeText(`${options.tagBase}/tags/${encodeURIComponent(entity.name)}`)}" class="mention hashtag"${hashtagRel}>#<span>${escapeText(entity.name)}</span></a>`;
    } else {
      const target = resolved.get(entity);
      if (!target) {
        html += escapeText(`@${entity.written}`);
        continue;
      }
      // Among the mentioned accounts, another with the same username elsewhere makes the domain necessary.
      const ambiguous = mentioned.some((m) => m.id !== target.id && m.username.toLowerCase() === target.username.toLowerCase());
      const shown = ambiguous && target.domain ? `${target.username}@${target.domain}` : target.username;
      html += `<span class="h-card" translate="no"><a href="${escapeText(target.url)}" class="u-url mention"${external}>@<span>${escapeText(shown)}</span></a></span>`;
    }
  }
  html += escapeText(text.slice(at));
  return { html: options.multiline === false ? html : simpleFormat(html), mentions: mentioned, tags: [...tags.values()] };
}

/** The text a search looks at: tags stripped, entities decoded, paragraphs as blank lines. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<\/p><p>/g, '\n\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? '');
}
