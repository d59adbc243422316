/**
 * The export's HTML: escaping, a status's Mastodon HTML rewritten through an allow-list, Bluesky
 * text with its facets, and every page (index.html, one YYYY-MM.html per month) and README.txt.
 * The pages need no script and forbid any through their Content-Security-Policy.
 */
import { Parser } from 'htmlparser2';
import type { Content, Post } from '../../../../shared/domain/post.ts';
import { withoutBidiControls } from '../../../../shared/text/bidi.ts';
import { segmentsOf } from '../../../../shared/text/facets.ts';
import { httpUrl } from '../../../../shared/text/links.ts';
import { exportFormat, exportFormatVersion, monthKey, type ExportedMedia, type ExportedPost, type ExportManifest, type MonthCount } from './export-format.ts';

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

export function postHtml(line: ExportedPost, post: Post, anchor: number): string {
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

/** A month page up to its first post: `older` is the month before it, if any. */
export function monthPageStart(key: string, older: string | null): string {
  return `${pageStart(monthTitle(key))}<h1>${monthTitle(key)}</h1>\n${monthNav(older, null)}`;
}

/** A month page after its last post: its counts, and links to the months either side. */
export function monthPageEnd(month: MonthCount, older: string | null, newer: string | null): string {
  return `<p>${plural(month.posts, 'post', 'posts')}${month.deleted ? `, ${month.deleted} deleted from their server` : ''}.</p>\n${monthNav(older, newer)}${pageEnd}`;
}

export function indexHtml(manifest: ExportManifest): string {
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

export const readme = (manifest: ExportManifest) => `Braid archive export
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
