/**
 * Hostile content, as servers could send it: every field a Mastodon status or a Bluesky post
 * fills, each payload in a post of its own. Scripts try to run (alert, handlers, javascript:
 * links), pages try to navigate, bodies try to blank the app or spill sideways. Used by
 * tests/e2e/hostile.spec.ts through the real core, browser host and renderer.
 */

const evil = 'javascript:alert(1)';
const bidi = 'evil\u202Egro.nodotsam';
const zalgo = `Z${'\u0336\u0334\u0337\u0338'.repeat(150)}algo`;
const longWord = 'W'.repeat(5000);
const longUrl = `https://long.example/${'a'.repeat(3000)}`;

/** Bodies of a status (HTML, as a server sends `content`). */
const bodies: string[] = [
  '<frameset></frameset>',
  `<frameset><frame src="${evil}"></frameset>`,
  '<html><frameset cols="50%,50%"></frameset></html>',
  '<head></head><frameset onload="alert(1)"></frameset>',
  '<!doctype html><frameset rows="*"><frame></frameset>',
  '<body></body><frameset></frameset>',
  '<script>alert(1)</script>after',
  '<img src=x onerror="alert(1)">',
  '<svg onload="alert(1)"><circle r="40"></circle></svg>',
  `<iframe src="${evil}"></iframe>`,
  '<iframe srcdoc="<script>parent.alert(1)</script>"></iframe>',
  '<object data="data:text/html,<script>alert(1)</script>"></object>',
  '<embed src="data:text/html,<script>alert(1)</script>">',
  '<base href="https://evil.example/"><a href="/x">relative after base</a>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
  '<link rel="stylesheet" href="https://evil.example/x.css"><style>body{display:none}</style>',
  '<form action="https://evil.example/"><input autofocus onfocus="alert(1)"><button formaction="javascript:alert(1)">go</button></form>',
  '<details open ontoggle="alert(1)"><summary>x</summary></details>',
  '<video poster="javascript:alert(1)" onerror="alert(1)"><source src=x></video>',
  '<audio src=x onerror="alert(1)"></audio>',
  '<marquee onstart="alert(1)">marquee</marquee>',
  '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">m</maction></math>',
  `<a href="${evil}">js link</a>`,
  '<a href="vbscript:msgbox(1)">vb</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
  '<a href="file:///etc/passwd">file</a>',
  '<a href="/settings">relative</a>',
  '<a href="//evil.example/">protocol-relative</a>',
  '<a href="ms-settings:">ms-settings</a>',
  `<a href="https://good.example/">${bidi}</a>`,
  '<a href="https://x.example/" target="_top" ping="https://evil.example/">target top</a>',
  '<img usemap="#m"><map name="m"><area href="javascript:alert(1)" shape="default"></map>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  `${'<blockquote>'.repeat(2000)}deep${'</blockquote>'.repeat(2000)}`,
  `${'<ul><li>'.repeat(1000)}list${'</li></ul>'.repeat(1000)}`,
  `${'<span class="h-card">'.repeat(500)}spans${'</span>'.repeat(500)}`,
  '<div>x</div>'.repeat(50_000),
  `<p>${longWord}</p>`,
  `<p><a href="${longUrl}">${longUrl}</a></p>`,
  `<pre>${'x'.repeat(10_000)}</pre>`,
  `<code>${'y'.repeat(10_000)}</code>`,
  `<table><tr>${'<td>cell</td>'.repeat(1000)}</tr></table>`,
  '<p style="width:10000px;position:fixed;inset:0;z-index:99999">styled</p>',
  '<img width="99999" height="99999" src="https://img.example/x.png">',
  `<p>${zalgo}</p>`,
  '<p>\u202Eoverride\u202C \u2066isolate \u200F rlm \u0000null \u001B[31mansi</p>',
  `<p>${'x'.repeat(200_000)}</p>`,
  '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp;lt;b&amp;gt;</p>',
  '<p>a<!-- <img src=x onerror=alert(1)> -->b</p>',
  '<p class="h-entry e-content invisible ellipsis">classes</p>',
  '<select><option>x</option></select><textarea>y</textarea>',
];

export interface HostileStatusInput {
  /** The server's own origin (links in the base status point there). */
  origin: string;
}

type Json = Record<string, unknown>;

/** A well-formed status of a remote author; each payload replaces one part of it. */
function baseStatus(origin: string, index: number): Json {
  const id = String(900_000_000_000_000_000n - BigInt(index));
  return {
    id,
    uri: `${origin}/users/mal/statuses/${id}`,
    url: `${origin}/@mal/${id}`,
    created_at: new Date(Date.UTC(2026, 11, 3, 12, 0, 0) - index * 60_000).toISOString(),
    account: {
      id: '9',
      username: 'mal',
      acct: 'mal@elsewhere.example',
      url: 'https://elsewhere.example/@mal',
      uri: 'https://elsewhere.example/users/mal',
      display_name: 'Mal',
      avatar: 'https://elsewhere.example/avatar.png',
      note: '',
      fields: [],
    },
    content: `<p>hostile ${index}</p>`,
    spoiler_text: '',
    sensitive: false,
    visibility: 'public',
    media_attachments: [],
    card: null,
    emojis: [],
    mentions: [],
    tags: [],
    in_reply_to_id: null,
    in_reply_to_account_id: null,
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: 0,
    favourited: false,
    reblogged: false,
    language: 'en',
    reblog: null,
  };
}

const image = (overrides: Json = {}): Json => ({
  id: '1',
  type: 'image',
  url: 'https://img.example/a.png',
  preview_url: 'https://img.example/a-small.png',
  remote_url: null,
  description: 'a picture',
  meta: { original: { width: 640, height: 480 } },
  ...overrides,
});

/** One change to the base status per payload. */
function statusPayloads(): ((status: Json) => void)[] {
  const account = (status: Json) => status.account as Json;
  return [
    ...bodies.map((html) => (status: Json) => void (status.content = html)),
    ...[`<b>${bidi}</b>`, bidi, 'x'.repeat(5000), zalgo, ':blobcat:'.repeat(100), 'line\nbreak\r\nand\ttab', '<img src=x onerror=alert(1)>', '\u0000\u001B]0;title\u0007'].map(
      (name) => (status: Json) => void (account(status).display_name = name),
    ),
    ...[bidi, 'a'.repeat(3000), '<script>alert(1)</script>', `${bidi}@ok.example`].map((acct) => (status: Json) => void (account(status).acct = acct)),
    ...[evil, 'data:text/html,<script>alert(1)</script>', 'vbscript:msgbox(1)', 'file:///etc/passwd', 'ms-settings:', '/relative/path', '//evil.example/', ' javascript:alert(1)'].map(
      (url) => (status: Json) => void (status.url = url),
    ),
    ...[evil, 'data:image/svg+xml,<svg onload="alert(1)">', 'http://127.0.0.1:9/avatar.png', 'file:///etc/passwd'].map((avatar) => (status: Json) => void (account(status).avatar = avatar)),
    ...[`<img src=x onerror=alert(1)>`, 'x'.repeat(5000), bidi, zalgo].map((description) => (status: Json) => void (status.media_attachments = [image({ description })])),
    ...[evil, 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd'].map((url) => (status: Json) => void (status.media_attachments = [image({ url, preview_url: url })])),
    ...[{ type: '<script>' }, { type: 'unknown' }, { meta: { original: { width: 1e9, height: 1 } } }, { meta: { original: { width: -5, height: 'x' } } }, { meta: 'nonsense' }].map(
      (overrides) => (status: Json) => void (status.media_attachments = [image(overrides)]),
    ),
    (status) => void (status.media_attachments = Array.from({ length: 40 }, (_, i) => image({ id: String(i) }))),
    ...[
      { url: evil, title: 'js card', description: '', image: null },
      { url: 'https://card.example/', title: '<script>alert(1)</script>'.repeat(50), description: 'x'.repeat(20_000), image: evil },
      { url: 'https://card.example/', title: bidi, description: zalgo, image: 'data:image/svg+xml,<svg onload="alert(1)">' },
      { url: 'https://card.example/', title: longWord, description: longUrl, image: 'file:///etc/passwd' },
      { url: 'data:text/html,x', title: 'data card', description: 'x', image: null, html: '<iframe src="javascript:alert(1)"></iframe>' },
    ].map((card) => (status: Json) => void (status.card = { type: 'link', ...card })),
    ...[
      [{ shortcode: 'x" onerror="alert(1)', url: 'https://img.example/e.png' }],
      [{ shortcode: 'evil', url: evil }],
      [{ shortcode: 'svg', url: 'data:image/svg+xml,<svg onload="alert(1)">' }],
      Array.from({ length: 500 }, (_, i) => ({ shortcode: `e${i}`, url: 'https://img.example/e.png' })),
    ].map((emojis) => (status: Json) => {
      status.emojis = emojis;
      status.content = `<p>${(emojis as { shortcode: string }[]).map((emoji) => `:${emoji.shortcode}:`).join(' ')}</p>`;
    }),
    ...['<script>alert(1)</script>', 'x'.repeat(5000), bidi, zalgo].map((spoiler) => (status: Json) => {
      status.spoiler_text = spoiler;
      status.sensitive = true;
    }),
    (status) => void (status.mentions = [{ id: '1', acct: '<img src=x onerror=alert(1)>', username: 'x', url: evil }]),
    (status) => {
      status.in_reply_to_account_id = '1';
      status.in_reply_to_id = '1';
      status.mentions = [{ id: '1', acct: bidi, username: 'x', url: 'https://x.example/' }];
    },
    ...['<script>', 'x'.repeat(500), '\u202E'].map((language) => (status: Json) => void (status.language = language)),
    (status) => {
      const inner = baseStatus('https://elsewhere.example', 999);
      inner.content = '<frameset></frameset>';
      status.reblog = inner;
    },
    (status) => {
      const inner = baseStatus('https://elsewhere.example', 998);
      inner.url = evil;
      (inner.account as Json).display_name = bidi;
      status.reblog = inner;
    },
    (status) => void (status.replies_count = -1e12),
    (status) => void (status.favourites_count = 'many'),
    (status) => void (status.account = null),
    (status) => void (status.created_at = 'yesterday'),
    (status) => void (status.content = 42),
    (status) => void (status.media_attachments = 'none'),
  ];
}

/** The hostile statuses, newest first, ready to be a home timeline's entries. */
export function hostileStatuses({ origin }: HostileStatusInput): Json[] {
  return statusPayloads().map((apply, index) => {
    const status = baseStatus(origin, index);
    apply(status);
    return status;
  });
}

/** A Bluesky post record and, where the payload is the author's profile, nothing else. */
export interface HostileRecord {
  record: Json;
  /** Needs an image blob uploaded first (its ref replaces `BLOB`). */
  withImage?: boolean;
}

const facet = (byteStart: number, byteEnd: number, feature: Json): Json => ({ index: { byteStart, byteEnd }, features: [feature] });
const link = (uri: string) => ({ $type: 'app.bsky.richtext.facet#link', uri });

/** Post records written straight to the PDS (validate: false where the payload breaks the lexicon). */
export function hostileBlueskyRecords(): HostileRecord[] {
  const text = (value: string, extra: Json = {}): HostileRecord => ({ record: { text: value, ...extra } });
  return [
    text('<script>alert(1)</script><img src=x onerror=alert(1)>'),
    text(bidi),
    text(zalgo.slice(0, 290)),
    text(longWord.slice(0, 290)),
    text('x'.repeat(10_000)),
    text('\u0000\u001B]0;title\u0007 controls'),
    text('\u202Eoverride \u2066isolate'),
    text('click me', { facets: [facet(0, 5, link(evil))] }),
    text('click me', { facets: [facet(0, 5, link('data:text/html,<script>alert(1)</script>'))] }),
    text('click me', { facets: [facet(0, 5, link('file:///etc/passwd'))] }),
    text('click me', { facets: [facet(0, 5, link('/relative'))] }),
    text('out of range', { facets: [facet(5, 5000, link('https://ok.example/'))] }),
    text('backwards', { facets: [facet(8, 2, link('https://ok.example/'))] }),
    text('overlap', { facets: [facet(0, 5, link('https://a.example/')), facet(2, 7, link('https://b.example/'))] }),
    text('negative', { facets: [facet(-5, 3, link('https://ok.example/'))] }),
    text('😀 in the middle of a code point', { facets: [facet(1, 3, link('https://ok.example/'))] }),
    text('mention', { facets: [facet(0, 7, { $type: 'app.bsky.richtext.facet#mention', did: '<script>alert(1)</script>' })] }),
    text('mention', { facets: [facet(0, 7, { $type: 'app.bsky.richtext.facet#mention', did: evil })] }),
    text('tag', { facets: [facet(0, 3, { $type: 'app.bsky.richtext.facet#tag', tag: '<img src=x onerror=alert(1)>' })] }),
    text('unknown feature', { facets: [facet(0, 7, { $type: 'app.bsky.richtext.facet#evil', html: '<script>alert(1)</script>' })] }),
    text('facets not a list', { facets: 'nonsense' }),
    text('card', { embed: { $type: 'app.bsky.embed.external', external: { uri: evil, title: 'js card', description: 'x' } } }),
    text('card', { embed: { $type: 'app.bsky.embed.external', external: { uri: 'https://ok.example/', title: '<script>alert(1)</script>'.repeat(20), description: 'y'.repeat(20_000) } } }),
    text('card', { embed: { $type: 'app.bsky.embed.external', external: { uri: 'https://ok.example/', title: bidi, description: zalgo } } }),
    text('card', { embed: { $type: 'app.bsky.embed.external', external: { uri: 'data:text/html,x', title: longWord, description: longUrl } } }),
    text('quote of nothing', { embed: { $type: 'app.bsky.embed.record', record: { uri: 'at://did:plc:nobody/app.bsky.feed.post/x', cid: 'bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm' } } }),
    text('unknown embed', { embed: { $type: 'app.bsky.embed.evil', html: '<script>alert(1)</script>' } }),
    text('labels', { labels: { $type: 'com.atproto.label.defs#selfLabels', values: [{ val: '<script>' }, { val: 'x'.repeat(500) }] } }),
    text('langs', { langs: ['<script>', 'x'.repeat(200)] }),
    { record: { text: 'alt text', embed: { $type: 'app.bsky.embed.images', images: [{ alt: '<img src=x onerror=alert(1)>', image: 'BLOB' }] } }, withImage: true },
    { record: { text: 'alt text', embed: { $type: 'app.bsky.embed.images', images: [{ alt: 'x'.repeat(5000), image: 'BLOB' }] } }, withImage: true },
    { record: { text: 'alt text', embed: { $type: 'app.bsky.embed.images', images: [{ alt: bidi, image: 'BLOB', aspectRatio: { width: 1e9, height: 1 } }] } }, withImage: true },
    text('created in the future', { createdAt: '2999-01-01T00:00:00.000Z' }),
    text('created at nonsense', { createdAt: 'yesterday' }),
    text('', { embed: { $type: 'app.bsky.embed.external', external: { uri: 'https://ok.example/', title: '', description: '' } } }),
    text('reply to nothing', { reply: { root: { uri: 'at://did:plc:nobody/app.bsky.feed.post/x', cid: 'bafyreie5737gdxlw5i64vzichcalba3z2v5n6icifvx5xytvske7mr3hpm' }, parent: { uri: evil, cid: 'x' } } }),
  ];
}

/** Profile fields of the Bluesky author of the hostile posts. */
export const hostileBlueskyProfile = { displayName: `<img src=x onerror=alert(1)>${bidi}`, description: `<script>alert(1)</script> ${zalgo}` };
