/**
 * The data for a Bluesky external link card (app.bsky.embed.external), which the client must
 * fetch itself: the page's OpenGraph tags and its preview image. Every fetch is guarded
 * (http/guarded-get.ts), with a cap on how much of the body is read.
 */
import { Parser } from 'htmlparser2';
import { capGraphemes } from '../../../shared/compose/graphemes.ts';
import type { LinkPreview } from '../../../shared/contract.ts';
import { httpUrl } from '../../../shared/text/links.ts';
import { phrase, selectNone, ServerError } from '../base/errors.ts';
import { checkedUrl, decoderFor, guardedGet, mimeTypeOf } from '../http/guarded-get.ts';

export interface FetchLimits {
  /** The whole fetch, redirects and body included. */
  timeoutMs?: number;
  /** Read at most this much of a page, then parse what came. */
  maxHtmlBytes?: number;
  maxImageBytes?: number;
  maxRedirects?: number;
}

const defaults = { timeoutMs: 5000, maxHtmlBytes: 512 * 1024, maxImageBytes: 5_000_000, maxRedirects: 3 };
const userAgent = 'Braid/1.0 (link preview)';
const maxTitleLength = 300;
const maxDescriptionLength = 1000;

const guardOptions = (accept: string, limits: FetchLimits) => ({
  accept,
  userAgent,
  timeoutMs: limits.timeoutMs ?? defaults.timeoutMs,
  maxRedirects: limits.maxRedirects ?? defaults.maxRedirects,
});

/** Fetches a page's head and reads its preview data (OpenGraph, then Twitter, then plain HTML). */
export async function fetchLinkPreview(url: string, limits: FetchLimits = {}): Promise<LinkPreview> {
  const start = checkedUrl(url, { which: 'link', from: '' });
  const answer = await guardedGet(start, guardOptions('text/html,application/xhtml+xml', limits));
  const mimeType = mimeTypeOf(answer.response);
  if (mimeType !== 'text/html' && mimeType !== 'application/xhtml+xml') {
    await answer.discard();
    throw new ServerError('server', phrase('error.link.notPage', { host: answer.url.host, type: mimeType || selectNone }));
  }
  const head = new HeadReader();
  const decoder = decoderFor(answer.response);
  for await (const chunk of answer.chunks(limits.maxHtmlBytes ?? defaults.maxHtmlBytes)) {
    head.write(decoder.decode(chunk, { stream: true }));
    if (head.done) break; // leaving the loop cancels the rest of the body
  }
  head.end(decoder.decode());
  return head.preview(start, answer.url);
}

/** Fetches a preview image; throws when it is not an image or larger than maxImageBytes. */
export async function fetchPreviewImage(imageUrl: string, limits: FetchLimits = {}): Promise<{ bytes: Uint8Array; mimeType: string }> {
  const maxBytes = limits.maxImageBytes ?? defaults.maxImageBytes;
  const answer = await guardedGet(checkedUrl(imageUrl, { which: 'image', from: '' }), guardOptions('image/*', limits));
  const host = answer.url.host;
  const mimeType = mimeTypeOf(answer.response);
  const tooLarge = () => new ServerError('server', phrase('error.link.imageTooLarge', { host, size: formatBytes(maxBytes) }));
  if (!mimeType.startsWith('image/')) {
    await answer.discard();
    throw new ServerError('server', phrase('error.link.notImage', { host, type: mimeType || selectNone }));
  }
  if (Number(answer.response.headers.get('content-length') ?? 0) > maxBytes) {
    await answer.discard();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  // One byte more than allowed tells a body that is too large from one that just fits.
  for await (const chunk of answer.chunks(maxBytes + 1)) {
    chunks.push(chunk);
    length += chunk.byteLength;
  }
  if (length > maxBytes) throw tooLarge();
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, mimeType };
}

const formatBytes = (bytes: number) => (bytes >= 1_000_000 ? `${Math.round(bytes / 100_000) / 10} MB` : `${Math.round(bytes / 1000)} kB`);

// ---------------------------------------------------------------------------------------------
// Reading the head.

const wantedMeta = ['og:title', 'og:description', 'og:image', 'og:site_name', 'twitter:title', 'twitter:description', 'twitter:image', 'twitter:image:src', 'description'];

/** Collects the head's meta tags and first <title>; done at </head> or <body>. */
class HeadReader {
  done = false;
  private readonly meta = new Map<string, string>();
  private title: string | undefined;
  private inTitle = false;
  private svgDepth = 0;
  private readonly parser = new Parser({
    onopentag: (name, attributes) => {
      if (this.done) return;
      if (name === 'body') this.done = true;
      else if (name === 'svg') this.svgDepth++;
      else if (name === 'title' && this.svgDepth === 0 && this.title === undefined) this.inTitle = true;
      else if (name === 'meta') this.readMeta(attributes);
    },
    ontext: (text) => {
      if (this.inTitle) this.title = (this.title ?? '') + text;
    },
    onclosetag: (name) => {
      if (name === 'title') this.inTitle = false;
      else if (name === 'svg') this.svgDepth = Math.max(0, this.svgDepth - 1);
      else if (name === 'head') this.done = true;
    },
  });

  write(html: string): void {
    this.parser.write(html);
  }

  end(html: string): void {
    this.parser.end(html);
  }

  preview(link: URL, finalUrl: URL): LinkPreview {
    const first = (...keys: string[]) => keys.map((key) => clean(this.meta.get(key) ?? '')).find((value) => value !== '');
    const image = first('og:image', 'twitter:image', 'twitter:image:src');
    return {
      url: link.href,
      title: capGraphemes(first('og:title', 'twitter:title') ?? clean(this.title ?? ''), maxTitleLength) || link.host,
      description: capGraphemes(first('og:description', 'twitter:description', 'description') ?? '', maxDescriptionLength),
      imageUrl: image === undefined ? null : (httpUrl(image, finalUrl)?.href ?? null),
      siteName: first('og:site_name') ?? null,
    };
  }

  private readMeta(attributes: Record<string, string>): void {
    const key = (attributes.property ?? attributes.name ?? '').trim().toLowerCase();
    const content = attributes.content;
    if (content !== undefined && wantedMeta.includes(key) && !this.meta.has(key)) this.meta.set(key, content);
  }
}

const clean = (text: string) => text.replace(/\s+/g, ' ').trim();
