import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Parser } from 'htmlparser2';
import { afterEach, describe, expect, it } from 'vitest';
import { exportArchive } from '../../electron/core/archive/archive-export.ts';
import { checkExport } from '../../electron/core/archive/export/export-check.ts';
import type { ExportedPost } from '../../electron/core/archive/export/export-format.ts';
import { safeFacetHtml, safeStatusHtml } from '../../electron/core/archive/export/export-html.ts';
import { createArchiveMedia } from '../../electron/core/archive/archive-media.ts';
import { createArchiveStore } from '../../electron/core/archive/archive-store.ts';
import type { ArchivedPost } from '../../electron/core/networks/archive.ts';
import { openMemoryDatabase } from '../../electron/core/store/database.ts';
import type { Media, Post } from '../../shared/domain/post.ts';
import { blueskyAuthor, makePost, mastodonAuthor } from '../support/post-factory.ts';
import { tempDir } from '../support/temp-dir.ts';

const masto = 'mastodon:m.test:1';
const sky = 'bluesky:did:plc:me';

const hostileHtml = [
  '<script>alert(1)</script>after the script',
  '<p><img src=x onerror="alert(1)">image gone</p>',
  '<p><a href="javascript:alert(1)">js link</a> <a href="https://ok.example/" onclick="alert(1)" style="color:red">ok link</a></p>',
  '<svg onload="alert(1)"><a href="https://x.example/">svg link</a></svg>',
  '<iframe srcdoc="<script>parent.alert(1)</script>"></iframe><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<p style="position:fixed" class="x">&lt;script&gt;alert(1)&lt;/script&gt; <span class="invisible">https://</span><span class="ellipsis">long.example/a</span></p>',
  '<form action="https://evil.example/"><button formaction="javascript:alert(1)">go</button></form><a href="data:text/html,x">data</a><a href="vbscript:x">vb</a>',
  `${'<blockquote>'.repeat(200)}deep${'</blockquote>'.repeat(200)}`,
];

const picture = (seed: number) => Buffer.from(`\x89PNG fake picture ${seed}`);

function archived(accountId: string, index: number, at: string, more: { html?: string; text?: string; media?: Media[]; attached?: ArchivedPost['attached']; patch?: Partial<Post> } = {}): ArchivedPost {
  const author = accountId === sky ? blueskyAuthor('me.test') : mastodonAuthor('me@m.test');
  const key = accountId === sky ? `at://did:plc:me/app.bsky.feed.post/${index}` : String(index);
  const text = more.text ?? `post number ${index}`;
  const base = makePost({ author, at, text, html: more.html, seenBy: accountId, nativeId: key });
  const post: Post = { ...base, url: accountId === sky ? `https://bsky.app/profile/me.test/post/${index}` : `https://m.test/@me/${index}`, media: more.media ?? [], ...more.patch };
  return {
    key,
    uri: post.uri,
    url: post.url,
    createdAt: at,
    text,
    altText: (more.media ?? []).map((m) => m.alt).join('\n'),
    content: post.content,
    langs: accountId === sky ? ['en'] : [],
    hasMedia: (more.media ?? []).length > 0,
    isReply: post.replyTo !== null,
    isQuote: post.quote !== null,
    post,
    source: { id: key, text, nested: { line: 'a\nb', quote: '"' } },
    attached: more.attached,
  };
}

const image = (alt: string, url = 'https://m.test/media/x.png'): Media => ({ kind: 'image', url, previewUrl: null, alt, width: 640, height: 480 });

const temps: { remove(): void }[] = [];
afterEach(() => {
  for (const temp of temps.splice(0)) temp.remove();
});

/** 300 posts over six months (January to June 2025) on two networks, with media, a deleted post and hostile HTML. */
function seeded() {
  const temp = tempDir('archive-export');
  temps.push(temp);
  const db = openMemoryDatabase();
  const media = createArchiveMedia(db, join(temp.path, 'archive-media'));
  const store = createArchiveStore(db, media);
  const mastodonPosts: ArchivedPost[] = [];
  const blueskyPosts: ArchivedPost[] = [];
  for (let index = 0; index < 150; index += 1) {
    const at = new Date(Date.UTC(2025, Math.floor(index / 25), 1 + (index % 25), 8, index % 60)).toISOString();
    const hostile = hostileHtml[index % 25];
    const withPicture = index % 10 === 3;
    mastodonPosts.push(
      archived(masto, index, at, {
        html: hostile ?? `<p>Toot ${index} with <a href="https://m.test/tags/x" class="mention hashtag">#x</a></p>`,
        text: `Toot ${index}`,
        media: withPicture ? [image(`A "quoted" <b>alt</b> ${index}`), image('', 'https://m.test/media/not-saved.png')] : [],
        attached: withPicture ? [{ position: 0, mimeType: 'image/png', bytes: picture(index % 100) }] : undefined,
        patch: index === 7 ? { contentWarning: 'spoilers <script>' } : index === 8 ? { replyTo: { handle: 'friend@m.test' } } : {},
      }),
    );
    const text = index === 0 ? 'link javascript:alert(1) and good https://ok.example' : `Skeet ${index} on https://ok.example`;
    const post = archived(sky, index, new Date(Date.parse(at) + 3_600_000).toISOString(), {
      text,
      media: index % 20 === 5 ? [image(`Bluesky picture ${index}`, 'https://cdn.bsky.app/img/x')] : [],
      attached: index % 20 === 5 ? [{ position: 0, mimeType: 'image/jpeg', bytes: picture(1000 + index) }] : undefined,
    });
    const bytes = Buffer.from(text);
    const start = bytes.indexOf(index === 0 ? 'javascript:' : 'https://');
    const uri = index === 0 ? 'javascript:alert(1)' : 'https://ok.example';
    const end = index === 0 ? bytes.indexOf(' and') : bytes.length;
    post.content = { kind: 'facets', text, facets: [{ byteStart: start, byteEnd: end, feature: { kind: 'link', uri } }] };
    post.post = { ...post.post, content: post.content };
    blueskyPosts.push(post);
  }
  store.save(masto, 'mastodon', mastodonPosts, '2025-07-01T00:00:00.000Z');
  store.save(sky, 'bluesky', blueskyPosts, '2025-07-01T00:00:00.000Z');
  store.markDeleted(masto, ['42'], '2025-06-30T00:00:00.000Z');
  return { db, media, temp };
}

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');
const linesOf = (dir: string) => readFileSync(join(dir, 'posts.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as ExportedPost);

/** Every element and attribute of a page, as a browser's parser would meet them. */
function elementsOf(html: string): { name: string; attributes: Record<string, string> }[] {
  const found: { name: string; attributes: Record<string, string> }[] = [];
  const parser = new Parser({ onopentag: (name, attributes) => found.push({ name, attributes }) }, { decodeEntities: true });
  parser.write(html);
  parser.end();
  return found;
}

const pageTags = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'h3', 'nav', 'a', 'p', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'ol', 'li', 'article', 'header', 'time', 'div', 'span', 'br', 'strong', 'em', 'blockquote', 'code', 'pre', 'figure', 'figcaption', 'img', 'video', 'audio', 'details', 'summary']);

describe('exporting the archive', () => {
  it('writes every post once, oldest first, in the documented schema, with the media files and their hashes; the check passes', async () => {
    const { db, media, temp } = seeded();
    const dir = join(temp.path, 'export');
    const progress: number[] = [];
    const result = await exportArchive({ db, media, dir, now: () => new Date('2025-07-02T10:00:00Z'), onProgress: (p) => p.phase === 'posts' && progress.push(p.done) });
    expect(result).toMatchObject({ dir, posts: 300, months: 6, mediaMissing: 0 });
    expect(result.check).toEqual({ ok: true, posts: 300, mediaChecked: result.mediaFiles, problems: [] });
    expect(progress.at(-1)).toBe(300);
    expect(existsSync(`${dir}.partial`)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['2025-01.html', '2025-02.html', '2025-03.html', '2025-04.html', '2025-05.html', '2025-06.html', 'README.txt', 'check.json', 'index.html', 'manifest.json', 'media', 'posts.jsonl']);

    const lines = linesOf(dir);
    expect(lines).toHaveLength(300);
    expect(readFileSync(join(dir, 'posts.jsonl'), 'utf8').split('\n')).toHaveLength(301); // one line each, and a final newline
    expect(Object.keys(lines[0]!)).toEqual(['id', 'account', 'network', 'uri', 'url', 'createdAt', 'deletedAt', 'archivedAt', 'author', 'text', 'contentWarning', 'content', 'langs', 'isReply', 'isQuote', 'replyTo', 'quote', 'media', 'crossPost', 'source']);
    const times = lines.map((line) => line.createdAt);
    expect(times).toEqual([...times].sort());
    expect(new Set(lines.map((line) => `${line.account} ${line.id}`)).size).toBe(300);
    expect(lines.filter((line) => line.network === 'bluesky')).toHaveLength(150);

    const first = lines.find((line) => line.account === masto && line.id === '3')!;
    expect(first).toMatchObject({ network: 'mastodon', url: 'https://m.test/@me/3', deletedAt: null, archivedAt: '2025-07-01T00:00:00.000Z', author: { handle: 'me@m.test' }, isReply: false, quote: null });
    expect(first.content).toMatchObject({ kind: 'html' });
    expect(first.source).toEqual({ id: '3', text: 'Toot 3', nested: { line: 'a\nb', quote: '"' } });
    expect(first.media).toHaveLength(2);
    expect(first.media[0]).toMatchObject({ url: 'https://m.test/media/x.png', alt: 'A "quoted" <b>alt</b> 3', kind: 'image', mimeType: 'image/png', bytes: picture(3).length });
    expect(first.media[0]!.file).toBe(`media/${first.media[0]!.sha256}.png`);
    expect(first.media[1]).toEqual({ file: null, url: 'https://m.test/media/not-saved.png', alt: '', kind: 'image', mimeType: null, sha256: null, bytes: null });
    expect(lines.find((line) => line.id === '42')!.deletedAt).toBe('2025-06-30T00:00:00.000Z');
    expect(lines.find((line) => line.id === '8')!.replyTo).toEqual({ handle: 'friend@m.test' });
    expect(lines.find((line) => line.id === '7')!.contentWarning).toBe('spoilers <script>');
    expect(lines.find((line) => line.network === 'bluesky')!.content).toMatchObject({ kind: 'facets', facets: [{ feature: { kind: 'link' } }] });

    // Every referenced file is there, named and hashed as posts.jsonl says; the same picture in two posts is one file.
    const files = new Set<string>();
    for (const line of lines) {
      for (const item of line.media) {
        if (!item.file) continue;
        files.add(item.file);
        expect(sha256(join(dir, item.file))).toBe(item.sha256);
      }
    }
    expect(readdirSync(join(dir, 'media')).map((name) => `media/${name}`).sort()).toEqual([...files].sort());
    expect(result.mediaFiles).toBe(files.size);
    expect(files.size).toBe(10 + 8); // Mastodon's 15 pictures are 10 files (seed index % 100); Bluesky's 8 all differ
    expect(JSON.parse(readFileSync(join(dir, 'check.json'), 'utf8'))).toMatchObject({ ok: true, posts: 300, mediaChecked: 18, problems: [] });
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toMatchObject({ format: 'braid-archive-export', version: 1, posts: 300, exportedAt: '2025-07-02T10:00:00.000Z' });
  });

  it('builds pages that no content can put a script, a handler or a javascript: URL into', async () => {
    const { db, media, temp } = seeded();
    const dir = join(temp.path, 'export');
    await exportArchive({ db, media, dir });
    const pages = readdirSync(dir).filter((name) => name.endsWith('.html'));
    expect(pages).toHaveLength(7);
    let links = 0;
    for (const page of pages) {
      const html = readFileSync(join(dir, page), 'utf8');
      expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`);
      expect(html).not.toMatch(/<script/i);
      for (const element of elementsOf(html)) {
        expect(pageTags, `<${element.name}> in ${page}`).toContain(element.name);
        for (const [name, value] of Object.entries(element.attributes)) {
          expect(name, `${name} on <${element.name}> in ${page}`).not.toMatch(/^on/);
          expect(['class', 'id', 'lang', 'href', 'src', 'alt', 'rel', 'datetime', 'width', 'height', 'loading', 'charset', 'http-equiv', 'content', 'name', 'controls', 'preload', 'aria-label']).toContain(name);
          expect(value, `${name} in ${page}`).not.toMatch(/^\s*(javascript|data|vbscript):/i);
          if (name === 'href' || name === 'src') {
            expect(value, `${name} in ${page}`).toMatch(/^(https?:\/\/|media\/[0-9a-f]{64}\.(png|jpg)$|\d{4}-\d{2}\.html$|index\.html$|posts\.jsonl$|README\.txt$)/);
            links += 1;
          }
          if (name === 'href' && value.startsWith('http')) expect(element.attributes.rel).toBe('nofollow noopener noreferrer');
        }
      }
    }
    expect(links).toBeGreaterThan(300);

    const january = readFileSync(join(dir, '2025-01.html'), 'utf8');
    expect(january).toContain('after the script');
    expect(january).toContain('js link');
    expect(january).toContain('<a href="https://ok.example/" rel="nofollow noopener noreferrer">ok link</a>');
    expect(january).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(january).toContain('<span class="invisible">https://</span><span class="ellipsis">long.example/a</span>');
    expect(january).toContain('<details><summary>spoilers &lt;script&gt;</summary>');
    expect(january).toContain('Reply to @friend@m.test');
    // Bluesky: the javascript: facet stays text, the https one is a link.
    expect(january).toContain('link javascript:alert(1) and good https://ok.example</div>');
    expect(january).toContain('Skeet 1 on <a href="https://ok.example/" rel="nofollow noopener noreferrer">https://ok.example</a>');
    // Pictures with their description as alt and as a visible caption; a picture not saved is a link.
    const src = /<img src="(media\/[0-9a-f]{64}\.png)" alt="A &quot;quoted&quot; &lt;b&gt;alt&lt;\/b&gt; 3" width="640" height="480" loading="lazy">/.exec(january);
    expect(src).not.toBeNull();
    expect(january).toContain('<figcaption>A &quot;quoted&quot; &lt;b&gt;alt&lt;/b&gt; 3</figcaption>');
    expect(january).toContain('image not saved in this export: <a href="https://m.test/media/not-saved.png" rel="nofollow noopener noreferrer">at its address</a>');
    expect(january.split('<article ').length - 1).toBe(50);

    const february = readFileSync(join(dir, '2025-02.html'), 'utf8');
    expect(february).toMatch(/<article id="p\d+" class="post deleted">\n<header><time datetime="2025-02-18T08:42:00.000Z">2025-02-18 08:42 UTC<\/time> · Mastodon · @me@m.test/);
    expect(february).toContain('Deleted from its server (seen 2025-06-30 00:00 UTC); kept in the archive.');

    const index = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(index.indexOf('2025-06.html')).toBeLessThan(index.indexOf('2025-01.html')); // newest first
    expect(index).toContain('<li><a href="2025-02.html">February 2025</a>: 50 posts, 1 deleted</li>');
    expect(index).toContain('<tr><td>@me@m.test</td><td>Mastodon</td><td class="n">150</td><td class="n">1</td>');
    expect(index).toContain('<tr><td>Bluesky</td><td class="n">150</td></tr>');
  });

  it('the check fails when a media file, a line or a page is altered after the export', async () => {
    const { db, media, temp } = seeded();
    const dir = join(temp.path, 'export');
    const result = await exportArchive({ db, media, dir });
    expect(result.check.ok).toBe(true);
    const [victim] = readdirSync(join(dir, 'media'));
    // A new file in its place (an in-place write would change the archive's own file too: it may be a hard link to it).
    unlinkSync(join(dir, 'media', victim!));
    writeFileSync(join(dir, 'media', victim!), 'changed');
    writeFileSync(join(dir, 'media', 'stray.png'), 'x');
    let check = await checkExport(dir);
    expect(check.ok).toBe(false);
    expect(check.problems).toHaveLength(2);
    expect(check.problems).toContainEqual(expect.stringMatching(new RegExp(`^media/${victim}: its SHA-256 is [0-9a-f]{64}, posts.jsonl says [0-9a-f]{64}$`)));
    expect(check.problems).toContain('media/stray.png: no post refers to it');
    expect(JSON.parse(readFileSync(join(dir, 'check.json'), 'utf8'))).toMatchObject({ ok: false });
    unlinkSync(join(dir, 'media', 'stray.png'));
    unlinkSync(join(dir, 'media', victim!));
    check = await checkExport(dir);
    expect(check.problems).toEqual([`media/${victim} is missing`]);

    const lines = readFileSync(join(dir, 'posts.jsonl'), 'utf8').split('\n');
    writeFileSync(join(dir, 'posts.jsonl'), lines.slice(1).join('\n'));
    check = await checkExport(dir);
    expect(check.posts).toBe(299);
    expect(check.problems).toContain('posts.jsonl has 299 posts, the export wrote 300');
    expect(check.problems).toContain('2025-01: posts.jsonl has 49 posts, the export wrote 50');

    const march = join(dir, '2025-03.html');
    writeFileSync(march, readFileSync(march, 'utf8').replace(/<article [\s\S]*?<\/article>\n/, ''));
    unlinkSync(join(dir, '2025-04.html'));
    check = await checkExport(dir);
    expect(check.problems).toContain('2025-03.html shows 49 posts of 50');
    expect(check.problems).toContain('2025-04.html is missing');
  });

  it('refuses a folder that is not empty, exports into an empty one, and leaves nothing behind when stopped', async () => {
    const { db, media, temp } = seeded();
    const full = join(temp.path, 'full');
    mkdirSync(full);
    writeFileSync(join(full, 'mine.txt'), 'keep');
    await expect(exportArchive({ db, media, dir: full })).rejects.toThrow(/not an empty folder/);
    expect(readdirSync(full)).toEqual(['mine.txt']);

    const empty = join(temp.path, 'empty');
    mkdirSync(empty);
    expect((await exportArchive({ db, media, dir: empty })).check.ok).toBe(true);

    const stopped = join(temp.path, 'stopped');
    const controller = new AbortController();
    await expect(exportArchive({ db, media, dir: stopped, signal: controller.signal, onProgress: () => controller.abort() })).rejects.toThrow();
    expect(existsSync(stopped)).toBe(false);
    expect(existsSync(`${stopped}.partial`)).toBe(false);

    // A leftover of a crashed export is replaced; a folder of that name that is not one is refused.
    mkdirSync(`${stopped}.partial`);
    writeFileSync(join(`${stopped}.partial`, '.braid-export-in-progress'), '');
    expect((await exportArchive({ db, media, dir: stopped })).posts).toBe(300);
    mkdirSync(join(temp.path, 'other.partial'));
    await expect(exportArchive({ db, media, dir: join(temp.path, 'other') })).rejects.toThrow(/not an unfinished export/);
  });

  it('exports the chosen accounts only, and copies instead of linking when asked', async () => {
    const { db, media, temp } = seeded();
    const dir = join(temp.path, 'sky');
    const result = await exportArchive({ db, media, dir, accounts: [sky], linkMedia: false });
    expect(result).toMatchObject({ posts: 150, months: 6, mediaFiles: 8 });
    expect(result.check.ok).toBe(true);
    expect(linesOf(dir).every((line) => line.account === sky)).toBe(true);
    const [name] = readdirSync(join(dir, 'media'));
    expect(statSync(join(dir, 'media', name!)).ino).not.toBe(statSync(media.pathOf(name!)).ino);

    const linked = join(temp.path, 'linked');
    await exportArchive({ db, media, dir: linked, accounts: [sky] });
    expect(statSync(join(linked, 'media', name!)).ino).toBe(statSync(media.pathOf(name!)).ino);

    const none = await exportArchive({ db, media, dir: join(temp.path, 'none'), accounts: [] });
    expect(none).toMatchObject({ posts: 0, months: 0, mediaFiles: 0, check: { ok: true } });
  });

  it('refers to a media file gone from the archive by its URL only', async () => {
    const { db, media, temp } = seeded();
    const gone = (db.prepare('SELECT file FROM archive_media WHERE file IS NOT NULL LIMIT 1').get() as { file: string }).file;
    unlinkSync(media.pathOf(gone));
    const dir = join(temp.path, 'export');
    const result = await exportArchive({ db, media, dir });
    expect(result.mediaMissing).toBeGreaterThan(0);
    expect(result.check.ok).toBe(true);
    expect(existsSync(join(dir, 'media', gone))).toBe(false);
    expect(linesOf(dir).flatMap((line) => line.media).filter((item) => item.file === `media/${gone}`)).toEqual([]);
  });
});

describe('post content for a page with no script', () => {
  it('keeps allowed tags, rebuilt without their attributes, and http(s) links only', () => {
    expect(safeStatusHtml('<p class="x" style="y">Hi <b>bold</b> <i>it</i><br/><a href="https://a.example/p?q=1&amp;r=2" onclick="x">link</a></p>')).toBe(
      '<p>Hi <strong>bold</strong> <em>it</em><br><a href="https://a.example/p?q=1&amp;r=2" rel="nofollow noopener noreferrer">link</a></p>',
    );
    expect(safeStatusHtml('<script>alert(1)</script><style>p{}</style><img src=x onerror=alert(1)>ok')).toBe('ok');
    expect(safeStatusHtml('<a href="javascript:alert(1)">a</a><a href=" JaVaScRiPt:alert(1)">b</a><a href="/rel">c</a><a href="//evil.example">d</a>')).toBe('abcd');
    // A link never sits inside another (the parser closes the first, as a browser does; a span between changes nothing).
    expect(safeStatusHtml('<a href="https://a.example/"><span><a href="https://b.example/">nested</a></span></a>')).toBe('<a href="https://a.example/" rel="nofollow noopener noreferrer"><span>nested</span></a>');
    expect(safeStatusHtml('<a href="https://good.example/">evil\u202Egro.nodotsam</a>')).toContain('>evilgro.nodotsam</a>');
    expect(safeStatusHtml('<ul><li>1<li>2</ul><pre><code>x &lt; y</code></pre><table><tr><td>cell</td></tr></table>')).toBe('<ul><li>1</li><li>2</li></ul><pre><code>x &lt; y</code></pre>cell');
    expect(safeStatusHtml('<p>unclosed <strong>bold')).toBe('<p>unclosed <strong>bold</strong></p>');
    const deep = safeStatusHtml(`${'<blockquote>'.repeat(100)}deep${'</blockquote>'.repeat(100)}`);
    expect(deep.split('<blockquote>').length - 1).toBe(12);
    expect(deep).toContain('deep');
    expect(safeStatusHtml('<div>x</div>'.repeat(5000)).length).toBeLessThan(4000);
  });

  it('links Bluesky facets that lead to http(s), and leaves the rest as escaped text', () => {
    const text = '<b>hi</b> @me.test #tag';
    const bytes = (part: string) => Buffer.from(text.slice(0, text.indexOf(part))).length;
    expect(
      safeFacetHtml(text, [
        { byteStart: bytes('@me'), byteEnd: bytes('@me') + 8, feature: { kind: 'mention', did: 'did:plc:me' } },
        { byteStart: bytes('#tag'), byteEnd: bytes('#tag') + 4, feature: { kind: 'tag', tag: 'tag' } },
        { byteStart: 0, byteEnd: 3, feature: { kind: 'link', uri: 'javascript:alert(1)' } },
      ]),
    ).toBe('&lt;b&gt;hi&lt;/b&gt; <a href="https://bsky.app/profile/did:plc:me" rel="nofollow noopener noreferrer">@me.test</a> <a href="https://bsky.app/hashtag/tag" rel="nofollow noopener noreferrer">#tag</a>');
  });
});
