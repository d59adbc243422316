// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { Content, Media, Post } from '../../shared/domain/post.ts';
import { PostBody as BarePostBody } from '../../renderer/src/features/timeline/content/PostBody.tsx';
import { InEnglish } from './in-english.tsx';

const PostBody = (props: Parameters<typeof BarePostBody>[0]) => (
  <InEnglish>
    <BarePostBody {...props} />
  </InEnglish>
);

/*
 * DOMPurify does not support happy-dom (cure53/DOMPurify#1457: under it, allowed elements are
 * dropped and others kept), so here it is replaced by a parser that sanitizes NOTHING: the
 * walk from DOM to React gets the raw, hostile tree, and every assertion below shows that walk
 * holds on its own. In the app, DOMPurify in Chromium cleans the tree first.
 */
const sanitizer = vi.hoisted(() => ({ configs: [] as unknown[] }));
vi.mock('dompurify', () => ({
  default: {
    sanitize(html: string, config: unknown) {
      sanitizer.configs.push(config);
      if (/<frameset/i.test(html)) return null; // what DOMPurify answers for a document without a body
      const template = document.createElement('template');
      template.innerHTML = html; // test-only: an inert parse, as DOMPurify's own
      return template.content;
    },
  },
}));

function post(overrides: Partial<Post> = {}): Post {
  return {
    network: 'mastodon',
    uri: 'https://social.example/users/ann/statuses/1',
    url: 'https://social.example/@ann/1',
    author: { network: 'mastodon', id: 'https://social.example/users/ann', handle: 'ann@social.example', displayName: 'Ann', avatarUrl: null, profileUrl: null },
    content: { kind: 'html', html: '<p>hello</p>', emojis: [] },
    media: [],
    card: null,
    replyTo: null,
    contentWarning: null,
    labels: [],
    counts: { replies: 0, boosts: 0, likes: 0 },
    language: 'en',
    createdAt: '2026-01-01T00:00:00.000Z',
    quote: null,
    boostedBy: null,
    sortAt: '2026-01-01T00:00:00.000Z',
    seenBy: [{ accountId: 'a', nativeId: '1', cid: null, liked: false, boosted: false }],
    ...overrides,
  };
}

const html = (markup: string, emojis: Extract<Content, { kind: 'html' }>['emojis'] = []) => renderToStaticMarkup(<PostBody post={post({ content: { kind: 'html', html: markup, emojis } })} />);

/** The rendered markup parsed again, to ask about elements rather than substrings. */
function parse(markup: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = markup; // test-only: reading our own output back
  return root;
}

const allowedInOutput = new Set(['div', 'p', 'br', 'a', 'span', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'img']);

describe('Mastodon HTML through the allow-list', () => {
  it('asks the sanitizer for the allowed tags, href and class, http(s) URLs and a DOM fragment', () => {
    html('<p>x</p>');
    expect(sanitizer.configs.at(-1)).toMatchObject({
      ALLOWED_TAGS: ['p', 'br', 'a', 'span', 'strong', 'b', 'em', 'i', 'u', 's', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li'],
      ALLOWED_ATTR: ['href', 'class'],
      RETURN_DOM_FRAGMENT: true,
    });
  });

  // [hostile input, text that must survive (or null)]
  const hostile: [string, string | null][] = [
    ['<script>alert(1)</script>after', 'after'],
    ['<p onclick="alert(2)" style="position:fixed;inset:0" id="x" data-x="1">styled</p>', 'styled'],
    ['<img src=x onerror="alert(3)">after', 'after'],
    ['<a href="javascript:alert(4)">js link</a>', 'js link'],
    ['<a href="JaVaScRiPt:alert(5)">js caps</a>', 'js caps'],
    ['<a href=" javascript:alert(5)">js space</a>', 'js space'],
    ['<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCg2KTwvc2NyaXB0Pg==">data link</a>', 'data link'],
    ['<a href="jav&#x09;ascript:alert(7)">entity link</a>', 'entity link'],
    ['<a href="&#106;avascript:alert(7)">numeric entity</a>', 'numeric entity'],
    ['<a href="vbscript:msgbox(1)">vb</a><a href="file:///etc/passwd">file</a><a href="//evil.example/">proto-relative</a>', 'vbfileproto-relative'],
    ['<iframe src="https://evil.example/" srcdoc="<script>alert(8)</script>"></iframe>after', 'after'],
    ['<svg onload="alert(9)"><a href="javascript:alert(9)">svg text</a></svg>after', 'after'],
    ['<svg><script>alert(9)</script></svg><svg><a href="https://x.example/"><text>svg link</text></a></svg>', null],
    ['<math><mtext><table><mglyph><style><img src=x onerror=alert(10)>', null],
    ['<form action="https://evil.example/"><form><input name="pw" value="x"><button formaction="javascript:alert(11)">go</button></form></form>after', 'goafter'],
    ['<marquee>unknown tag text</marquee> <blink>still here</blink> <x-custom>custom</x-custom>', 'unknown tag text still here custom'],
    ['<p>&lt;script&gt;alert(12)&lt;/script&gt; &amp;lt;b&amp;gt;</p>', '<script>alert(12)</script> &lt;b&gt;'],
    ['<object data="x"></object><embed src="x"><base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example/"><link rel="stylesheet" href="https://evil.example/x.css">after', 'after'],
    ['<style>p { display: none }</style><template><img src=x onerror=alert(13)></template>after', 'after'],
    ['<noscript><p title="</noscript><img src=x onerror=alert(14)>"></noscript>after', null],
    ['<p>a<!-- <img src=x onerror=alert(15)> -->b</p>', 'ab'],
  ];

  it.each(hostile)('renders %s with nothing but allowed elements and attributes', (input, survivor) => {
    const markup = html(input);
    const root = parse(markup);
    expect(markup).not.toMatch(/<(script|iframe|svg|math|form|input|button|object|embed|base|meta|link|style|template|noscript|marquee|blink|x-custom|img)\b/i);
    expect(markup).not.toMatch(/\son[a-z]+=|\sstyle=|\sid=|\sdata-|\ssrcdoc=|\saction=/i);
    expect(markup).not.toMatch(/javascript:|vbscript:|data:text|file:/i);
    for (const element of root.querySelectorAll('*')) expect(allowedInOutput, element.tagName).toContain(element.tagName.toLowerCase());
    for (const link of root.querySelectorAll('a')) expect(link.getAttribute('href')).toMatch(/^https:\/\//);
    if (survivor !== null) expect(root.textContent).toBe(survivor);
  });

  it('opens http(s) links outside, with no opener and no referrer, whatever the server said', () => {
    const root = parse(html('<a href="https://ok.example/" onmouseover="alert(1)" style="color:red" target="_self" rel="opener">fine link</a>'));
    const links = root.querySelectorAll('a');
    expect(links).toHaveLength(1);
    expect(links[0]?.getAttribute('href')).toBe('https://ok.example/');
    expect(links[0]?.getAttribute('target')).toBe('_blank');
    expect(links[0]?.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(links[0]?.textContent).toBe('fine link');
  });

  it('keeps the allowed formatting', () => {
    const root = parse(html('<p>a<br>b <strong>c</strong> <em>d</em> <code>e</code></p><blockquote><ul><li>f</li></ul></blockquote><pre>g</pre>'));
    expect(root.querySelector('p strong')?.textContent).toBe('c');
    expect(root.querySelector('p em')?.textContent).toBe('d');
    expect(root.querySelector('p code')?.textContent).toBe('e');
    expect(root.querySelector('p br')).not.toBeNull();
    expect(root.querySelector('blockquote ul li')?.textContent).toBe('f');
    expect(root.querySelector('pre')?.textContent).toBe('g');
  });

  it('hides the "invisible" part of a shortened URL and marks the "ellipsis" part', () => {
    const root = parse(html('<p><a href="https://example.com/a/very/long/path" rel="nofollow noopener" target="_blank"><span class="invisible">https://</span><span class="ellipsis">example.com/a/very/lo</span><span class="invisible">ng/path</span></a></p>'));
    expect(root.querySelectorAll('a .post-body-invisible')).toHaveLength(2);
    expect(root.querySelector('a .post-body-ellipsis')?.textContent).toBe('example.com/a/very/lo');
    expect(root.querySelector('.post-body-link-warning')).toBeNull();
  });

  it('keeps mentions as links to their server, and opens hashtags in Braid', () => {
    const root = parse(html('<p><span class="h-card"><a href="https://social.example/@bob" class="u-url mention">@<span>bob</span></a></span> <a href="https://social.example/tags/braid" class="mention hashtag" rel="tag">#<span>braid</span></a></p>'));
    expect(root.querySelector('a.post-body-mention')?.getAttribute('href')).toBe('https://social.example/@bob');
    expect(root.querySelector('a.post-body-hashtag')?.getAttribute('href')).toBe('#/search/%23braid');
    expect(root.querySelector('.post-body-link-warning')).toBeNull();
  });

  it('flags a link whose text shows another host, naming the real one', () => {
    const root = parse(html('<p><a href="https://evil.example/login">paypal.com/login</a></p>'));
    const warning = root.querySelector('.post-body-link-warning');
    expect(warning?.textContent).toBe('⚠ goes to evil.example');
    expect(warning?.getAttribute('title')).toBe('https://evil.example/login');
    expect(root.querySelector('a')?.getAttribute('title')).toBe('https://evil.example/login');
  });

  it('judges a link by the text a reader sees, not by the part Mastodon hides', () => {
    const root = parse(html('<p><a href="https://evil.example/x"><span class="invisible">https://evil.example/</span>paypal.com</a></p>'));
    expect(root.querySelector('.post-body-link-warning')?.textContent).toBe('⚠ goes to evil.example');
  });

  it('removes bidi controls from link texts', () => {
    const root = parse(html('<p><a href="https://example.com/">exe.\u202Egnp</a> body \u2067text\u2069</p>'));
    expect(root.querySelector('a')?.textContent).toBe('exe.gnp');
  });

  it('draws known custom emoji as fixed-size images with http(s) URLs only', () => {
    const root = parse(
      html('<p>hi :blobcat: and :unknown: and :bad: <a href="https://x.example/">:blobcat:</a></p>', [
        { shortcode: 'blobcat', url: 'https://social.example/emoji/blobcat.png' },
        { shortcode: 'bad', url: 'javascript:alert(1)' },
      ]),
    );
    const images = [...root.querySelectorAll('img.post-body-emoji')];
    expect(images).toHaveLength(2);
    expect(images[0]?.getAttribute('src')).toBe('https://social.example/emoji/blobcat.png');
    expect(images[0]?.getAttribute('alt')).toBe(':blobcat:');
    expect(images[0]?.getAttribute('title')).toBe(':blobcat:');
    expect(root.textContent).toContain(':unknown:');
    expect(root.textContent).toContain(':bad:');
  });
});

describe('Bluesky text from facets', () => {
  const text = 'hi @bob.test\nsee paypal.com and bsky.app #tag';
  const bytes = (part: string) => {
    const at = new TextEncoder().encode(text.slice(0, text.indexOf(part))).length;
    return { byteStart: at, byteEnd: at + new TextEncoder().encode(part).length };
  };
  const markup = renderToStaticMarkup(
    <PostBody
      post={post({
        network: 'bluesky',
        content: {
          kind: 'facets',
          text,
          facets: [
            { ...bytes('@bob.test'), feature: { kind: 'mention', did: 'did:plc:bob' } },
            { ...bytes('paypal.com'), feature: { kind: 'link', uri: 'https://evil.example/' } },
            { ...bytes('bsky.app'), feature: { kind: 'link', uri: 'javascript:alert(1)' } },
            { ...bytes('#tag'), feature: { kind: 'tag', tag: 'tag' } },
          ],
        },
      })}
    />,
  );
  const root = parse(markup);

  it('links mentions and http(s) links, opens tags in Braid, keeps newlines, and flags a host mismatch', () => {
    expect([...root.querySelectorAll('a')].map((a) => a.getAttribute('href'))).toEqual(['https://bsky.app/profile/did:plc:bob', 'https://evil.example/', '#/search/%23tag']);
    expect(root.querySelector('.post-body-facets')?.textContent).toContain('hi @bob.test\nsee paypal.com');
    expect(root.querySelector('.post-body-link-warning')?.textContent).toBe('⚠ goes to evil.example');
    expect(markup).not.toContain('javascript:');
  });

  it('never reads the text as markup', () => {
    const markup = renderToStaticMarkup(<PostBody post={post({ network: 'bluesky', content: { kind: 'facets', text: '<img src=x onerror=alert(1)><b>x</b>', facets: [] } })} />);
    expect(parse(markup).querySelector('img, b')).toBeNull();
    expect(markup).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });
});

describe('content warnings', () => {
  const image: Media = { kind: 'image', url: 'https://cdn.example/full.jpg', previewUrl: 'https://cdn.example/small.jpg', alt: 'a cat', width: 800, height: 600 };

  it('are collapsed: the warning and a "Show more" button, no text or media', () => {
    const markup = renderToStaticMarkup(<PostBody post={post({ contentWarning: 'spoilers :blobcat:', content: { kind: 'html', html: '<p>the secret</p>', emojis: [{ shortcode: 'blobcat', url: 'https://e.example/b.png' }] }, media: [image] })} />);
    const root = parse(markup);
    expect(root.textContent).toContain('spoilers');
    expect(root.querySelector('.post-body-cw img.post-body-emoji')?.getAttribute('alt')).toBe(':blobcat:');
    const button = root.querySelector('button');
    expect(button?.textContent).toBe('Show more');
    expect(button?.getAttribute('aria-expanded')).toBe('false');
    expect(markup).not.toContain('the secret');
    expect(markup).not.toContain('cdn.example');
  });

  it('cover Bluesky self-labels; harmless labels show the post open', () => {
    const labelled = renderToStaticMarkup(<PostBody post={post({ labels: ['graphic-media'], media: [image] })} />);
    expect(parse(labelled).querySelector('.post-body-cw-text')?.textContent).toBe('Graphic media');
    expect(labelled).not.toContain('hello');
    expect(labelled).not.toContain('cdn.example');
    const harmless = renderToStaticMarkup(<PostBody post={post({ labels: ['!no-unauthenticated'], media: [image] })} />);
    expect(parse(harmless).querySelector('button')).toBeNull();
    expect(harmless).toContain('cdn.example');
  });

  it("hide only the media of a post Mastodon marks sensitive, as Mastodon does", () => {
    const markup = renderToStaticMarkup(<PostBody post={post({ labels: ['sensitive'], media: [image] })} />);
    const root = parse(markup);
    expect(root.querySelector('.post-body-html')?.textContent).toBe('hello');
    expect(root.querySelector('.post-body-cw-text')?.textContent).toBe('Sensitive media');
    expect(markup).not.toContain('cdn.example');
    expect(renderToStaticMarkup(<PostBody post={post({ labels: ['sensitive'] })} />)).not.toContain('post-body-cw');
  });

  it('open and close with the button, which tells its state', async () => {
    Object.assign(globalThis, { IS_REACT_ACT_ENVIRONMENT: true });
    const container = document.createElement('div');
    document.body.append(container);
    const root = createRoot(container);
    await act(async () => root.render(<PostBody post={post({ contentWarning: 'spoilers', media: [image] })} />));
    const button = () => container.querySelector('button');
    expect(container.textContent).not.toContain('hello');

    await act(async () => button()?.click());
    expect(button()?.getAttribute('aria-expanded')).toBe('true');
    expect(button()?.textContent).toBe('Show less');
    expect(container.querySelector('.post-body-html')?.textContent).toBe('hello');
    expect(container.querySelector('img')?.getAttribute('src')).toBe('https://cdn.example/small.jpg');

    await act(async () => button()?.click());
    expect(button()?.getAttribute('aria-expanded')).toBe('false');
    expect(container.textContent).not.toContain('hello');
    await act(async () => root.unmount());
    container.remove();
  });
});

describe('media', () => {
  const render = (media: Media[]) => parse(renderToStaticMarkup(<PostBody post={post({ media })} />));

  it('is sized before it loads, lazily, with alt text and no referrer', () => {
    const root = render([{ kind: 'image', url: 'https://cdn.example/full.jpg', previewUrl: 'https://cdn.example/small.jpg', alt: 'a cat on a mat', width: 800, height: 600 }]);
    const img = root.querySelector('img');
    expect(img?.getAttribute('src')).toBe('https://cdn.example/small.jpg');
    expect(img?.getAttribute('alt')).toBe('a cat on a mat');
    expect(img?.getAttribute('title')).toBe('a cat on a mat');
    expect(img?.getAttribute('width')).toBe('800');
    expect(img?.getAttribute('height')).toBe('600');
    expect(img?.getAttribute('style')).toMatch(/aspect-ratio:\s*800 \/ 600/);
    expect(img?.getAttribute('loading')).toBe('lazy');
    expect(img?.getAttribute('decoding')).toBe('async');
    expect(img?.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(root.querySelector('.post-body-alt-badge')?.textContent).toBe('ALT');
    expect(root.querySelector('a')?.getAttribute('href')).toBe('https://cdn.example/full.jpg');
  });

  it('falls back to 16:9 when the size is unknown, with no ALT badge when there is no alt text', () => {
    const img = render([{ kind: 'image', url: 'https://cdn.example/a.jpg', previewUrl: null, alt: '', width: null, height: null }]).querySelector('img');
    expect(img?.getAttribute('style')).toMatch(/aspect-ratio:\s*16 \/ 9/);
    expect(img?.getAttribute('src')).toBe('https://cdn.example/a.jpg');
    expect(img?.parentElement?.parentElement?.querySelector('.post-body-alt-badge')).toBeNull();
  });

  it('shows a video as its poster with a play button until clicked, at most four items, never a non-http source', () => {
    const video: Media = { kind: 'video', url: 'https://cdn.example/v.m3u8', previewUrl: 'https://cdn.example/v.jpg', alt: 'A wave', width: 1920, height: 1080 };
    const root = render([video, { ...video, previewUrl: 'javascript:alert(1)' }, video, video, video]);
    expect(root.querySelectorAll('li')).toHaveLength(4);
    expect(root.querySelectorAll('button[aria-label="Play video: A wave"] .post-body-play')).toHaveLength(4);
    expect(root.querySelector('video')).toBeNull(); // nothing loads before the click
    expect(root.textContent).toContain('+1 more');
    expect(root.innerHTML).not.toContain('javascript:');
  });

  it('plays a GIF-like clip at once, muted and looping; a video with a source that is not http stays a placeholder', () => {
    const clip: Media = { kind: 'gifv', url: 'https://cdn.example/c.mp4', previewUrl: null, alt: 'A cat', width: 400, height: 300 };
    const video = render([clip]).querySelector('video');
    expect(video?.getAttribute('src')).toBe('https://cdn.example/c.mp4');
    expect(video?.hasAttribute('loop')).toBe(true);
    expect(render([{ ...clip, kind: 'video', url: 'javascript:alert(1)' }]).querySelector('video, button')).toBeNull();
  });
});

describe('link cards and quotes', () => {
  it('shows a card with its real host and a sized image', () => {
    const root = parse(renderToStaticMarkup(<PostBody post={post({ card: { url: 'https://www.news.example/story', title: 'A \u202Etitle', description: 'What happened', imageUrl: 'https://cdn.example/card.jpg' } })} />));
    const card = root.querySelector('a.post-body-card');
    expect(card?.getAttribute('href')).toBe('https://www.news.example/story');
    expect(card?.querySelector('.post-body-card-host')?.textContent).toBe('news.example');
    expect(card?.querySelector('.post-body-card-title')?.textContent).toBe('A title');
    expect(card?.querySelector('img')?.getAttribute('width')).toBe('120');
    expect(parse(renderToStaticMarkup(<PostBody post={post({ card: { url: 'javascript:alert(1)', title: 't', description: '', imageUrl: null } })} />)).querySelector('.post-body-card')).toBeNull();
  });

  it('renders the quoted post with its author as text and its own body', () => {
    const quoted = { ...post(), author: { ...post().author, displayName: 'Eve\u202E<b>', handle: 'eve.test' }, content: { kind: 'html' as const, html: '<p>quoted <script>x</script>words</p>', emojis: [] }, contentWarning: 'cw inside' };
    const markup = renderToStaticMarkup(<PostBody post={post({ quote: quoted })} />);
    const root = parse(markup);
    expect(root.querySelector('.post-body-quote-name')?.textContent).toBe('Eve<b>');
    expect(root.querySelector('.post-body-quote-handle')?.textContent).toBe('@eve.test');
    expect(root.querySelector('.post-body-quote .post-body-cw-text')?.textContent).toBe('cw inside');
    expect(markup).not.toContain('quoted');
  });

  it('leaves out Mastodon\u2019s "RE:" paragraph where the quote is shown, and keeps it where the quote is not', () => {
    const html = (text: string) => ({ kind: 'html' as const, html: `<p class="quote-inline">RE: <a href="https://x.example/@a/1">x.example/@a/1</a></p><p>${text}</p>`, emojis: [] });
    const shown = parse(renderToStaticMarkup(<PostBody post={post({ content: html('my take'), quote: post() })} />));
    expect(shown.querySelector('.post-body-html')?.textContent).toBe('my take');
    const pending = parse(renderToStaticMarkup(<PostBody post={post({ content: html('my take'), quote: { unavailable: 'pending', uri: null } })} />));
    expect(pending.querySelector('.post-body-html')?.textContent).toBe('RE: x.example/@a/1my take');
    expect(pending.querySelector('.post-body-quote-unavailable')?.textContent).toBe('Quoted post: waiting for its author to allow the quote.');
  });

  it.each([
    ['revoked', 'its author withdrew the quote'],
    ['deleted', 'deleted, or no longer found'],
    ['blocked', 'a block stands between you and its author'],
    ['detached', 'its author detached it from this quote'],
  ] as const)('says why a %s quote is not shown', (unavailable, words) => {
    const root = parse(renderToStaticMarkup(<PostBody post={post({ quote: { unavailable, uri: 'at://did:plc:x/app.bsky.feed.post/1' } })} />));
    expect(root.querySelector(`[data-unavailable="${unavailable}"]`)?.textContent).toContain(words);
  });
});

describe('Mastodon HTML that would take the page down', () => {
  it.each(['<frameset></frameset>', '<frameset><frame src="https://x.example/"></frameset>', '<html><frameset cols="50%,50%"></frameset></html>'])(
    'draws %s as an empty body instead of throwing',
    (markup) => {
      const root = parse(html(markup));
      expect(root.querySelector('.post-body-html')?.textContent).toBe('');
    },
  );

  it('stops indenting past a dozen nested elements, keeping the text', () => {
    const root = parse(html(`${'<blockquote>'.repeat(2000)}deep${'</blockquote>'.repeat(2000)}`));
    expect(root.querySelectorAll('blockquote').length).toBeLessThanOrEqual(12);
    expect(root.textContent).toBe('deep');
  });

  it('draws at most a few thousand nodes of one post and says the rest is left out', () => {
    const root = parse(html('<span>x</span>'.repeat(50_000)));
    expect(root.querySelectorAll('span').length).toBeLessThanOrEqual(3_000);
    expect(root.textContent?.endsWith('…')).toBe(true);
  });
});
