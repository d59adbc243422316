/**
 * An export of the archive anyone can open, with no Braid and no network: a folder with
 * posts.jsonl (one post a line; its schema is docs/archive-export.md), media/ (the saved files,
 * named by their SHA-256), a static HTML site (index.html by month, one YYYY-MM.html per month)
 * that needs no script and forbids any through its Content-Security-Policy, README.txt,
 * manifest.json, and check.json: what the export's own check found when it read itself back.
 *
 * Streamed: posts are read in batches in created_at order (keyset paging over the
 * archive_posts_by_time index, each batch through a prepared statement's iterate()) and written
 * as they come; only per-month and per-account counts stay in memory. No statement stays open
 * across the pauses between batches, so the app's own writes on the same connection go on.
 *
 * Written into `<dir>.partial`, renamed to `<dir>` only once whole and checked: a crash never
 * leaves a half export looking like a whole one (a later export removes the leftover).
 */
import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, createReadStream, existsSync, linkSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Parser } from 'htmlparser2';
import type { Content, Post } from '../../../shared/domain/post.ts';
import { withoutBidiControls } from '../../../shared/text/bidi.ts';
import { segmentsOf } from '../../../shared/text/facets.ts';
import { httpUrl } from '../../../shared/text/links.ts';
import type { Database } from '../store/database.ts';
import type { ArchiveMedia, ArchiveMediaRow } from './archive-media.ts';

/** Names this export format in manifest.json; a reader checks it before anything else. */
export const exportFormat = 'braid-archive-export';
export const exportFormatVersion = 1;

/** One line of posts.jsonl (docs/archive-export.md). Keys come in this order; `source` is last. */
export interface ExportedPost {
  /** The post's key in its account's history: Mastodon status id, Bluesky at:// URI. Unique with `account`. */
  id: string;
  /** Braid's id of the account the post was archived from. */
  account: string;
  network: string;
  uri: string;
  url: string | null;
  /** ISO-8601, UTC. */
  createdAt: string;
  /** When Braid saw that the post was gone from its server (it stays in the archive); else null. */
  deletedAt: string | null;
  archivedAt: string;
  author: { id: string; handle: string; displayName: string };
  /** Plain text: the content warning first (where there is one), then the body. */
  text: string;
  contentWarning: string | null;
  /** As the network gave it: Mastodon HTML (unsanitized, as the server sent it) or Bluesky text with facets. */
  content: Content;
  langs: string[];
  isReply: boolean;
  isQuote: boolean;
  replyTo: { handle: string | null } | null;
  quote: { uri: string | null; url: string | null; author: string | null; unavailable: string | null } | null;
  media: ExportedMedia[];
  /** The post's cross-post group: the same words posted to several of the user's accounts share
   *  it ("draft:<id>" for posts Braid sent together, "match:<id>" for older ones the timeline's
   *  collapse rule pairs); null when the post stands alone. */
  crossPost: string | null;
  /** The network's own JSON of the post, as the server gave it. */
  source: unknown;
}

export interface ExportedMedia {
  /** "media/<sha256>.<ext>" inside the export; null when the file was never downloaded. */
  file: string | null;
  url: string | null;
  alt: string;
  kind: string;
  mimeType: string | null;
  sha256: string | null;
  bytes: number | null;
}

export interface ExportCheck {
  ok: boolean;
  /** Lines read back from posts.jsonl. */
  posts: number;
  /** Files of media/ whose SHA-256 was computed again. */
  mediaChecked: number;
  problems: string[];
}

export interface ExportProgress {
  phase: 'posts' | 'check';
  done: number;
  total: number;
}

export interface ExportOptions {
  db: Database;
  media: ArchiveMedia;
  /** A folder that does not exist yet, or is empty. */
  dir: string;
  /** Only these accounts' posts (Braid account ids); all when absent. */
  accounts?: readonly string[];
  onProgress?: (progress: ExportProgress) => void;
  signal?: AbortSignal;
  /** Hard-link the media files where the archive is on the same file system (the default), else copy. */
  linkMedia?: boolean;
  now?: () => Date;
}

export interface ExportResult {
  dir: string;
  posts: number;
  /** Distinct files in media/. */
  mediaFiles: number;
  /** Media the archive says it saved whose file is gone: referenced by URL only. */
  mediaMissing: number;
  months: number;
  check: ExportCheck;
}

interface MonthCount {
  month: string;
  posts: number;
  deleted: number;
}

interface AccountTotal {
  account: string;
  network: string;
  handle: string;
  posts: number;
  deleted: number;
  first: string;
  last: string;
}

/** manifest.json: what the export holds, for its check and for tools. */
export interface ExportManifest {
  format: typeof exportFormat;
  version: number;
  exportedAt: string;
  posts: number;
  mediaFiles: number;
  months: MonthCount[];
  accounts: AccountTotal[];
}

const batchSize = 500;
const partialMarker = '.braid-export-in-progress';
const maxProblems = 100;
const mediaName = /^[0-9a-f]{64}\.[a-z0-9]{1,8}$/;
const monthKey = /^\d{4}-\d{2}$/;

// ---------------------------------------------------------------------------------------------
// HTML: escaping, Mastodon HTML through an allow-list, Bluesky facets, pages.

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text as HTML text or a quoted attribute value. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => escapes[c]!);

/** The elements a status keeps (b and i as strong and em); any other is unwrapped to its text. */
const keptTags: Record<string, string> = {
  p: 'p',
  br: 'br',
  a: 'a',
  span: 'span',
  strong: 'strong',
  b: 'strong',
  em: 'em',
  i: 'em',
  ul: 'ul',
  ol: 'ol',
  li: 'li',
  blockquote: 'blockquote',
  code: 'code',
  pre: 'pre',
};
/** Elements whose content is code or markup, never text to show: dropped whole (as the renderer's MastodonContent does). */
const withoutText = new Set(['script', 'style', 'template', 'noscript', 'noembed', 'noframes', 'iframe', 'frame', 'frameset', 'object', 'embed', 'svg', 'math', 'title', 'head', 'xmp', 'select', 'textarea', 'audio', 'video']);
const maxHtmlLength = 100_000;
const maxDepth = 12;
const maxNodes = 3_000;
const linkRel = 'nofollow noopener noreferrer';

/**
 * A status's HTML as safe HTML for a page with no script: parsed with htmlparser2 (as
 * shared/text/status-text.ts reads it), then written again from nothing but the allowed tag
 * names, escaped text and checked http(s) links. No attribute of the input is ever copied, so
 * whatever the parser makes of hostile markup, nothing but these elements can come out.
 */
export function safeStatusHtml(html: string): string {
  let out = '';
  /** Per open input element: the tag written for it ('' when unwrapped), whether it drops its content, whether it is a link. */
  const stack: { tag: string; drops: boolean; link: boolean }[] = [];
  let dropping = 0;
  let linking = 0;
  let depth = 0;
  let nodes = maxNodes;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        const entry = { tag: '', drops: false, link: false };
        stack.push(entry);
        if (withoutText.has(name)) {
          entry.drops = true;
          dropping += 1;
          return;
        }
        if (dropping > 0 || nodes <= 0) return;
        nodes -= 1;
        const tag = keptTags[name];
        if (!tag || depth >= maxDepth) return;
        if (tag === 'br') {
          out += '<br>';
          return; // htmlparser2 closes a void element at once: nothing to close here
        }
        if (tag === 'a') {
          const url = linking > 0 ? null : httpUrl(attributes.href ?? '');
          if (!url) return;
          out += `<a href="${escapeHtml(url.href)}" rel="${linkRel}">`;
          entry.link = true;
          linking += 1;
        } else if (tag === 'span') {
          const classes = new Set((attributes.class ?? '').split(/\s+/));
          out += classes.has('invisible') ? '<span class="invisible">' : classes.has('ellipsis') ? '<span class="ellipsis">' : '<span>';
        } else {
          out += `<${tag}>`;
        }
        entry.tag = tag;
        depth += 1;
      },
      onclosetag() {
        const entry = stack.pop();
        if (!entry) return;
        if (entry.drops) dropping -= 1;
        if (entry.link) linking -= 1;
        if (entry.tag) {
          out += `</${entry.tag}>`;
          depth -= 1;
        }
      },
      ontext(text) {
        if (dropping > 0) return;
        if (nodes <= 0) {
          if (nodes === 0) out += '…';
          nodes = -1;
          return;
        }
        out += escapeHtml(linking > 0 ? withoutBidiControls(text) : text);
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html.slice(0, maxHtmlLength));
  parser.end();
  // htmlparser2 closes what is still open at the end; this is only a guard.
  for (let entry = stack.pop(); entry; entry = stack.pop()) if (entry.tag) out += `</${entry.tag}>`;
  return out;
}

/** Bluesky text with its facets: links, mentions and tags as links (http(s) only), the rest as text. */
export function safeFacetHtml(text: string, facets: Extract<Content, { kind: 'facets' }>['facets']): string {
  let out = '';
  for (const segment of segmentsOf(text, facets)) {
    if (segment.kind === 'text') out += escapeHtml(segment.text);
    else out += `<a href="${escapeHtml(segment.href)}" rel="${linkRel}">${escapeHtml(withoutBidiControls(segment.text))}</a>`;
  }
  return out;
}

const contentHtml = (content: Content) =>
  content.kind === 'html' ? `<div class="body html">${safeStatusHtml(content.html)}</div>` : `<div class="body text">${safeFacetHtml(content.text, content.facets)}</div>`;

const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const monthTitle = (month: string) => (monthKey.test(month) ? `${monthNames[Number(month.slice(5, 7)) - 1] ?? month.slice(5, 7)} ${month.slice(0, 4)}` : 'Undated');
const networkNames: Record<string, string> = { mastodon: 'Mastodon', bluesky: 'Bluesky' };
const networkName = (network: string) => networkNames[network] ?? network;
/** "2025-03-01 08:00 UTC" from an ISO time. */
const shownTime = (iso: string) => (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(iso) ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : escapeHtml(iso));
const languageTag = /^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{1,8})*$/;
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** The pages' policy: nothing but their own inline style and the export's own files; no script of any kind. */
export const pagePolicy = "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const style = `:root{color-scheme:light dark;--bg:#fff;--fg:#1b1b1b;--muted:#595959;--line:#d9d9d9;--link:#0b57d0;--gone:#a50e0e;--panel:#f4f4f4}
@media (prefers-color-scheme:dark){:root{--bg:#141414;--fg:#e9e9e9;--muted:#ababab;--line:#3a3a3a;--link:#8ab4f8;--gone:#f28b82;--panel:#1f1f1f}}
body{margin:0 auto;max-width:44rem;padding:1rem;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif}
a{color:var(--link)}h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem}
nav{display:flex;flex-wrap:wrap;gap:1rem;margin:1rem 0}
article{border-bottom:1px solid var(--line);padding:1rem 0;overflow-wrap:anywhere}
article header{color:var(--muted);font-size:.875rem}
.deleted{border-left:4px solid var(--gone);padding-left:.75rem}.gone{color:var(--gone);font-weight:600}
.context{color:var(--muted);font-size:.875rem;margin:.25rem 0}
.body>p:first-child{margin-top:.25rem}.body>p:last-child{margin-bottom:.25rem}.text{white-space:pre-wrap}.invisible{display:none}.ellipsis::after{content:"…"}
figure{margin:.75rem 0;padding:.5rem;background:var(--panel);border-radius:6px}
img,video{display:block;max-width:100%;height:auto}audio{width:100%}
figcaption{color:var(--muted);font-size:.875rem;margin-top:.25rem;white-space:pre-wrap}
blockquote{border-left:3px solid var(--line);margin:.5rem 0;padding-left:.75rem}
pre{overflow-x:auto;white-space:pre-wrap}summary{cursor:pointer;font-weight:600}
table{border-collapse:collapse;margin:.5rem 0}td,th{padding:.25rem .75rem .25rem 0;border-bottom:1px solid var(--line);text-align:left}
td.n,th.n{text-align:right}ul.months{padding-left:1.25rem}`;

function pageStart(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${pagePolicy}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
`;
}
const pageEnd = '</body>\n</html>\n';

function mediaHtml(item: ExportedMedia, width: number | null, height: number | null): string {
  const caption = item.alt ? `<figcaption>${escapeHtml(item.alt)}</figcaption>` : '<figcaption>(no description)</figcaption>';
  const alt = escapeHtml(item.alt);
  if (item.file) {
    const src = escapeHtml(item.file);
    const type = item.mimeType ?? '';
    const size = width && height ? ` width="${Math.round(width)}" height="${Math.round(height)}"` : '';
    if (type.startsWith('image/')) return `<figure><a href="${src}"><img src="${src}" alt="${alt}"${size} loading="lazy"></a>${caption}</figure>`;
    if (type.startsWith('video/')) return `<figure><video src="${src}" controls preload="metadata" aria-label="${alt}"${size}></video>${caption}</figure>`;
    if (type.startsWith('audio/')) return `<figure><audio src="${src}" controls preload="none" aria-label="${alt}"></audio>${caption}</figure>`;
    return `<figure><a href="${src}">${escapeHtml(item.kind)} file</a>${caption}</figure>`;
  }
  const url = item.url ? httpUrl(item.url) : null;
  const where = url ? `<a href="${escapeHtml(url.href)}" rel="${linkRel}">at its address</a>` : 'nowhere';
  return `<figure class="remote"><span>${escapeHtml(item.kind)} not saved in this export: ${where}</span>${caption}</figure>`;
}

function postHtml(line: ExportedPost, post: Post, anchor: number): string {
  const url = line.url ? httpUrl(line.url) : null;
  const original = url ? `<a href="${escapeHtml(url.href)}" rel="${linkRel}">original</a>` : `<span>${escapeHtml(line.uri)}</span>`;
  const lang = line.langs.length === 1 && languageTag.test(line.langs[0]!) ? ` lang="${line.langs[0]!}"` : '';
  let html = `<article id="p${anchor}" class="post${line.deletedAt ? ' deleted' : ''}"${lang}>\n<header><time datetime="${escapeHtml(line.createdAt)}">${shownTime(line.createdAt)}</time> · ${escapeHtml(networkName(line.network))} · @${escapeHtml(withoutBidiControls(line.author.handle))} · ${original}</header>\n`;
  if (line.deletedAt) html += `<p class="gone">Deleted from its server (seen ${shownTime(line.deletedAt)}); kept in the archive.</p>\n`;
  if (line.replyTo) html += `<p class="context">Reply${line.replyTo.handle ? ` to @${escapeHtml(withoutBidiControls(line.replyTo.handle))}` : ''}</p>\n`;
  let body = contentHtml(line.content);
  post.media.forEach((item, position) => {
    const exported = line.media[position];
    if (exported) body += mediaHtml(exported, item.width, item.height);
  });
  if (line.quote) {
    const quoteUrl = line.quote.url ? httpUrl(line.quote.url) : null;
    const who = line.quote.author ? ` @${escapeHtml(withoutBidiControls(line.quote.author))}` : '';
    const link = quoteUrl ? ` <a href="${escapeHtml(quoteUrl.href)}" rel="${linkRel}">quoted post</a>` : '';
    const quoted = post.quote && 'content' in post.quote ? `<blockquote>${contentHtml(post.quote.content)}</blockquote>` : '';
    body += line.quote.unavailable ? `<p class="context">Quoting a post that is not available (${escapeHtml(line.quote.unavailable)}).</p>\n` : `<p class="context">Quoting${who}:${link}</p>${quoted}\n`;
  }
  html += line.contentWarning ? `<details><summary>${escapeHtml(line.contentWarning)}</summary>\n${body}\n</details>\n` : `${body}\n`;
  return `${html}</article>\n`;
}

function monthNav(older: string | null, newer: string | null): string {
  const link = (month: string | null, label: string) => (month ? `<a href="${month}.html">${label}: ${monthTitle(month)}</a>` : '');
  return `<nav>${link(older, '← Older')}<a href="index.html">All months</a>${link(newer, 'Newer →')}</nav>\n`;
}

function indexHtml(manifest: ExportManifest): string {
  let html = pageStart('Archive');
  html += `<h1>Archive</h1>\n<p>Exported by Braid on ${shownTime(manifest.exportedAt)}: ${plural(manifest.posts, 'post', 'posts')} and ${plural(manifest.mediaFiles, 'media file', 'media files')}. Times are UTC. The same posts, with every field, are in <a href="posts.jsonl">posts.jsonl</a>; <a href="README.txt">README.txt</a> explains the files.</p>\n`;
  html += '<h2>Accounts</h2>\n<table><thead><tr><th>Account</th><th>Network</th><th class="n">Posts</th><th class="n">Deleted</th><th>First</th><th>Last</th></tr></thead><tbody>\n';
  for (const account of manifest.accounts) {
    html += `<tr><td>@${escapeHtml(withoutBidiControls(account.handle))}</td><td>${escapeHtml(networkName(account.network))}</td><td class="n">${account.posts}</td><td class="n">${account.deleted}</td><td>${shownTime(account.first).slice(0, 10)}</td><td>${shownTime(account.last).slice(0, 10)}</td></tr>\n`;
  }
  html += '</tbody></table>\n<h2>Networks</h2>\n<table><thead><tr><th>Network</th><th class="n">Posts</th></tr></thead><tbody>\n';
  const networks = new Map<string, number>();
  for (const account of manifest.accounts) networks.set(account.network, (networks.get(account.network) ?? 0) + account.posts);
  for (const [network, posts] of [...networks].sort((a, b) => a[0].localeCompare(b[0]))) html += `<tr><td>${escapeHtml(networkName(network))}</td><td class="n">${posts}</td></tr>\n`;
  html += '</tbody></table>\n<h2>Months</h2>\n';
  if (manifest.months.length === 0) html += '<p>No posts.</p>\n';
  let year = '';
  for (const month of [...manifest.months].reverse()) {
    const thisYear = month.month.slice(0, 4);
    if (thisYear !== year) {
      html += `${year ? '</ul>\n' : ''}<h3>${escapeHtml(thisYear)}</h3>\n<ul class="months">\n`;
      year = thisYear;
    }
    const deleted = month.deleted > 0 ? `, ${month.deleted} deleted` : '';
    html += `<li><a href="${month.month}.html">${monthTitle(month.month)}</a>: ${plural(month.posts, 'post', 'posts')}${deleted}</li>\n`;
  }
  if (year) html += '</ul>\n';
  return html + pageEnd;
}

const readme = (manifest: ExportManifest) => `Braid archive export
====================

Exported on ${manifest.exportedAt}: ${manifest.posts} posts, ${manifest.mediaFiles} media files.

index.html      Open it in any web browser (no network, no script needed): every month with its
                number of posts, newest first, and the totals of each account and network.
YYYY-MM.html    One page per month (UTC), oldest post first: time, network, a link to the
                original, the text, pictures with their descriptions, deleted posts marked.
posts.jsonl     Every post, one JSON object a line, oldest first (UTF-8). The fields are
                described in Braid's docs/archive-export.md; "source" is the network's own
                record of the post, as its server gave it.
media/          The saved pictures, videos and sounds, each named by the SHA-256 of its bytes.
                A post's media that were never downloaded have "file": null and only their URL.
manifest.json   Format "${exportFormat}" version ${exportFormatVersion}, and the counts per month and per account.
check.json      What the export found when it read itself back: the number of lines of
                posts.jsonl, and the SHA-256 of every file in media/ against posts.jsonl.
                "ok": true when everything matched.

The pages forbid scripts and any outside resource (Content-Security-Policy): even a hostile
post can not run code or reach the network when a page is opened. Post HTML from Mastodon is
rewritten through an allow-list of tags (p, br, a, span, strong, em, ul, ol, li, blockquote,
code, pre); links keep only http and https addresses.
`;

// ---------------------------------------------------------------------------------------------
// Files.

/** Buffered writes to one file through its descriptor: a few large writes, not one per post. */
class FileOut {
  private readonly fd: number;
  private chunks: string[] = [];
  private size = 0;

  constructor(path: string) {
    this.fd = openSync(path, 'w', 0o644);
  }

  write(text: string): void {
    this.chunks.push(text);
    this.size += text.length;
    if (this.size >= 512 * 1024) this.flush();
  }

  flush(): void {
    if (this.size === 0) return;
    const bytes = Buffer.from(this.chunks.join(''), 'utf8');
    this.chunks = [];
    this.size = 0;
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(this.fd, bytes, offset);
  }

  close(): void {
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }
}

function isEmptyFolderOrAbsent(path: string): boolean {
  if (!existsSync(path)) return true;
  return statSync(path).isDirectory() && readdirSync(path).length === 0;
}

const linkFailures = new Set(['EXDEV', 'EPERM', 'EACCES', 'ENOTSUP', 'EOPNOTSUPP', 'EMLINK', 'ENOSYS', 'EINVAL']);

// ---------------------------------------------------------------------------------------------
// The export.

interface PostRow {
  id: number;
  account_id: string;
  network: string;
  post_key: string;
  uri: string;
  url: string | null;
  created_at: string;
  text: string;
  langs: string;
  is_reply: number;
  is_quote: number;
  deleted_at: string | null;
  post: string;
  source: string;
  archived_at: string;
  cross_post: string | null;
}


/** The folder chosen holds files already (or a leftover of that name that is not an unfinished export): nothing was written. */
export class ExportFolderError extends Error {
  readonly dir: string;
  constructor(dir: string, message: string) {
    super(message);
    this.name = 'ExportFolderError';
    this.dir = dir;
  }
}

function aborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException('The export was stopped', 'AbortError');
}

export async function exportArchive(options: ExportOptions): Promise<ExportResult> {
  const { db, signal } = options;
  const dir = resolve(options.dir);
  if (!isEmptyFolderOrAbsent(dir)) throw new ExportFolderError(dir, `Cannot export into ${dir}: it is not an empty folder. Choose a new or empty folder.`);
  const partial = `${dir}.partial`;
  if (existsSync(partial)) {
    // Only a leftover of an export that stopped is removed; anything else of that name is the user's.
    if (!existsSync(join(partial, partialMarker))) throw new ExportFolderError(partial, `Cannot export into ${dir}: ${partial} exists and is not an unfinished export.`);
    rmSync(partial, { recursive: true, force: true });
  }
  const exportedAt = (options.now?.() ?? new Date()).toISOString();
  const accounts = options.accounts ? JSON.stringify([...options.accounts]) : null;
  const filter = 'AND (:accounts IS NULL OR account_id IN (SELECT value FROM json_each(:accounts)))';
  const total = Number((db.prepare(`SELECT COUNT(*) AS n FROM archive_posts WHERE 1 ${filter}`).get({ accounts }) as { n: number }).n);
  const page = db.prepare(`
    SELECT id, account_id, network, post_key, uri, url, created_at, text, langs, is_reply, is_quote, deleted_at, post, source, archived_at, cross_post
    FROM archive_posts
    WHERE (created_at, id) > (:after, :afterId) ${filter}
    ORDER BY created_at, id LIMIT :limit`);

  aborted(signal);
  mkdirSync(join(partial, 'media'), { recursive: true });
  writeFileSync(join(partial, partialMarker), '');

  const months: MonthCount[] = [];
  const totals = new Map<string, AccountTotal>();
  const copied = new Set<string>();
  let linkMedia = options.linkMedia ?? true;
  let mediaMissing = 0;
  let posts = 0;
  let jsonl: FileOut | null = null;
  /** The month being written, and its page (open until the first post of the next month). */
  const current: { month: MonthCount | null; page: FileOut | null } = { month: null, page: null };

  /** The file in the export for a saved media row (linked or copied once), or null when it is not there. */
  function exportedFile(row: ArchiveMediaRow): string | null {
    if (!row.file || !mediaName.test(row.file)) return null;
    if (copied.has(row.file)) return `media/${row.file}`;
    const from = options.media.pathOf(row.file);
    const to = join(partial, 'media', row.file);
    try {
      if (linkMedia) {
        try {
          linkSync(from, to);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code ?? '';
          if (!linkFailures.has(code)) throw error;
          if (code !== 'EMLINK') linkMedia = false; // this file system links nothing: copy from now on
          copyFileSync(from, to);
        }
      } else {
        copyFileSync(from, to);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        mediaMissing += 1;
        return null;
      }
      throw error;
    }
    copied.add(row.file);
    return `media/${row.file}`;
  }

  function closeMonth(newer: string | null): void {
    const { month, page } = current;
    if (!page || !month) return;
    const older = months.length > 1 ? months[months.length - 2]!.month : null;
    page.write(`<p>${plural(month.posts, 'post', 'posts')}${month.deleted ? `, ${month.deleted} deleted from their server` : ''}.</p>\n`);
    page.write(monthNav(older, newer));
    page.write(pageEnd);
    current.page = null;
    page.close();
  }

  function openMonth(key: string): { month: MonthCount; page: FileOut } {
    const older = current.month?.month ?? null;
    closeMonth(key);
    const month = { month: key, posts: 0, deleted: 0 };
    months.push(month);
    const page = new FileOut(join(partial, `${key}.html`));
    page.write(pageStart(monthTitle(key)));
    page.write(`<h1>${monthTitle(key)}</h1>\n${monthNav(older, null)}`);
    current.month = month;
    current.page = page;
    return { month, page };
  }

  try {
    jsonl = new FileOut(join(partial, 'posts.jsonl'));
    let after = '';
    let afterId = Number.MIN_SAFE_INTEGER;
    for (;;) {
      aborted(signal);
      const rows: PostRow[] = [];
      for (const row of page.iterate({ after, afterId, accounts, limit: batchSize })) rows.push(row as unknown as PostRow);
      if (rows.length === 0) break;
      const media = new Map<number, ArchiveMediaRow[]>();
      for (const item of options.media.of(rows.map((r) => r.id))) {
        const list = media.get(item.postId);
        if (list) list.push(item);
        else media.set(item.postId, [item]);
      }
      for (const row of rows) {
        const post = JSON.parse(row.post) as Post;
        const saved = media.get(row.id) ?? [];
        const line: ExportedPost = {
          id: row.post_key,
          account: row.account_id,
          network: row.network,
          uri: row.uri,
          url: row.url,
          createdAt: row.created_at,
          deletedAt: row.deleted_at,
          archivedAt: row.archived_at,
          author: { id: post.author.id, handle: post.author.handle, displayName: post.author.displayName },
          text: row.text,
          contentWarning: post.contentWarning,
          content: post.content,
          langs: JSON.parse(row.langs) as string[],
          isReply: row.is_reply === 1,
          isQuote: row.is_quote === 1,
          replyTo: post.replyTo,
          quote: !post.quote
            ? null
            : 'unavailable' in post.quote
              ? { uri: post.quote.uri, url: null, author: null, unavailable: post.quote.unavailable }
              : { uri: post.quote.uri, url: post.quote.url, author: post.quote.author.handle, unavailable: null },
          media: post.media.map((item, position) => {
            const row = saved.find((m) => m.position === position);
            const file = row ? exportedFile(row) : null;
            return {
              file,
              url: row?.remoteUrl ?? item.url,
              alt: row?.alt ?? item.alt,
              kind: row?.kind ?? item.kind,
              mimeType: row?.mimeType ?? null,
              sha256: file ? row!.sha256 : null,
              bytes: file ? row!.bytes : null,
            };
          }),
          crossPost: row.cross_post,
          source: null,
        };
        // `source` is already JSON (one line: the store wrote it with JSON.stringify): spliced in, not parsed and written again.
        const json = JSON.stringify(line);
        jsonl.write(`${json.slice(0, -'null}'.length)}${row.source || 'null'}}\n`);

        const key = monthKey.test(row.created_at.slice(0, 7)) ? row.created_at.slice(0, 7) : 'undated';
        const { month, page } = current.month?.month === key && current.page ? { month: current.month, page: current.page } : openMonth(key);
        month.posts += 1;
        if (row.deleted_at) month.deleted += 1;
        posts += 1;
        page.write(postHtml(line, post, posts));

        const totalOf = totals.get(row.account_id) ?? { account: row.account_id, network: row.network, handle: post.author.handle, posts: 0, deleted: 0, first: row.created_at, last: row.created_at };
        totalOf.posts += 1;
        if (row.deleted_at) totalOf.deleted += 1;
        totalOf.last = row.created_at;
        totalOf.handle = post.author.handle; // the newest handle: the list is oldest first
        totals.set(row.account_id, totalOf);
      }
      const last = rows.at(-1)!;
      after = last.created_at;
      afterId = last.id;
      options.onProgress?.({ phase: 'posts', done: posts, total: Math.max(total, posts) });
      if (rows.length < batchSize) break;
      await nextTurn();
    }
    closeMonth(null);
    jsonl.close();
    jsonl = null;

    const manifest: ExportManifest = {
      format: exportFormat,
      version: exportFormatVersion,
      exportedAt,
      posts,
      mediaFiles: copied.size,
      months,
      accounts: [...totals.values()].sort((a, b) => a.network.localeCompare(b.network) || a.handle.localeCompare(b.handle)),
    };
    writeFileSync(join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    writeFileSync(join(partial, 'index.html'), indexHtml(manifest));
    writeFileSync(join(partial, 'README.txt'), readme(manifest));
    aborted(signal);

    const check = await checkExport(partial, { signal, onProgress: options.onProgress });
    aborted(signal);
    rmSync(join(partial, partialMarker));
    if (existsSync(dir)) rmdirSync(dir); // empty (checked above); a folder can not be renamed over on every system
    renameSync(partial, dir);
    return { dir, posts, mediaFiles: copied.size, mediaMissing, months: months.length, check };
  } catch (error) {
    try {
      current.page?.close();
      jsonl?.close();
    } catch {
      // already failing: the first error is the one to report
    }
    rmSync(partial, { recursive: true, force: true });
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------
// The check: the export read back as a stranger would read it.

/** posts.jsonl line by line, without holding the file. */
async function* linesOf(path: string): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1024 * 1024 })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let end = text.indexOf('\n', start); end !== -1; end = text.indexOf('\n', start)) {
      yield text.slice(start, end);
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest) yield rest;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

const isString = (value: unknown): value is string => typeof value === 'string';

/** Reads an export back: posts.jsonl against manifest.json and the month pages, every file of
 *  media/ against the SHA-256 that posts.jsonl gives it. Writes check.json, and answers it. */
export async function checkExport(dir: string, options: { signal?: AbortSignal; onProgress?: (progress: ExportProgress) => void } = {}): Promise<ExportCheck> {
  const problems: string[] = [];
  let dropped = 0;
  const problem = (text: string) => {
    if (problems.length < maxProblems) problems.push(text);
    else dropped += 1;
  };

  let manifest: ExportManifest | null = null;
  try {
    const read = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { format?: unknown };
    if (read.format === exportFormat) manifest = read as ExportManifest;
    else problem(`manifest.json: not a ${exportFormat} (format ${JSON.stringify(read.format)})`);
  } catch (error) {
    problem(`manifest.json: cannot be read (${error instanceof Error ? error.message : String(error)})`);
  }

  let posts = 0;
  const expected = new Map<string, string>();
  const perMonth = new Map<string, number>();
  if (existsSync(join(dir, 'posts.jsonl'))) {
    for await (const text of linesOf(join(dir, 'posts.jsonl'))) {
      posts += 1;
      let line: Partial<ExportedPost>;
      try {
        line = JSON.parse(text) as Partial<ExportedPost>;
      } catch {
        problem(`posts.jsonl line ${posts}: not JSON`);
        continue;
      }
      if (!isString(line.id) || !isString(line.account) || !isString(line.network) || !isString(line.createdAt) || !Array.isArray(line.media) || !line.content) {
        problem(`posts.jsonl line ${posts}: a required field is missing`);
        continue;
      }
      const key = monthKey.test(line.createdAt.slice(0, 7)) ? line.createdAt.slice(0, 7) : 'undated';
      perMonth.set(key, (perMonth.get(key) ?? 0) + 1);
      for (const item of line.media) {
        if (!item.file) continue;
        const name = item.file.startsWith('media/') ? item.file.slice('media/'.length) : '';
        if (!mediaName.test(name) || !isString(item.sha256)) {
          problem(`posts.jsonl line ${posts}: media file ${item.file} is not named by its SHA-256`);
          continue;
        }
        const known = expected.get(name);
        if (known !== undefined && known !== item.sha256) problem(`posts.jsonl line ${posts}: media/${name} given two different SHA-256`);
        expected.set(name, item.sha256);
      }
      if (posts % 10_000 === 0) options.signal?.throwIfAborted();
    }
  } else {
    problem('posts.jsonl is missing');
  }

  if (manifest) {
    if (manifest.posts !== posts) problem(`posts.jsonl has ${posts} posts, the export wrote ${manifest.posts}`);
    for (const month of manifest.months ?? []) {
      const lines = perMonth.get(month.month) ?? 0;
      if (lines !== month.posts) problem(`${month.month}: posts.jsonl has ${lines} posts, the export wrote ${month.posts}`);
      const pagePath = join(dir, `${month.month}.html`);
      if (!existsSync(pagePath)) {
        problem(`${month.month}.html is missing`);
        continue;
      }
      // Text is escaped, so "<article" in a page is one of ours.
      const articles = readFileSync(pagePath, 'utf8').split('<article ').length - 1;
      if (articles !== month.posts) problem(`${month.month}.html shows ${articles} posts of ${month.posts}`);
      perMonth.delete(month.month);
    }
    for (const [month, count] of perMonth) problem(`${month}: ${count} posts in posts.jsonl that no month page shows`);
  }
  if (!existsSync(join(dir, 'index.html'))) problem('index.html is missing');

  let mediaChecked = 0;
  const mediaDir = join(dir, 'media');
  const present = existsSync(mediaDir) ? readdirSync(mediaDir) : [];
  for (const name of present) {
    options.signal?.throwIfAborted();
    const sha256 = expected.get(name);
    if (sha256 === undefined) {
      problem(`media/${name}: no post refers to it`);
      continue;
    }
    const actual = await sha256Of(join(mediaDir, name));
    mediaChecked += 1;
    if (actual !== sha256) problem(`media/${name}: its SHA-256 is ${actual}, posts.jsonl says ${sha256}`);
    expected.delete(name);
    options.onProgress?.({ phase: 'check', done: mediaChecked, total: present.length });
  }
  for (const name of expected.keys()) problem(`media/${name} is missing`);
  if (dropped > 0) problems.push(`… and ${dropped} more problems`);

  const check: ExportCheck = { ok: problems.length === 0, posts, mediaChecked, problems };
  writeFileSync(join(dir, 'check.json'), `${JSON.stringify({ ...check, checkedAt: new Date().toISOString() }, null, 2)}\n`);
  return check;
}
