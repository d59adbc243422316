import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchLinkPreview, fetchPreviewImage } from '../../electron/core/media/link-card.ts';
import { ServerError } from '../../electron/core/base/errors.ts';

const longDescription = 'word '.repeat(300);
const imageBytes = Uint8Array.from({ length: 2000 }, (_, index) => index % 251);
const hugeBytes = 32 * 1024 * 1024;

const ogPage = `<!doctype html><html><head>
  <meta charset="utf-8">
  <title>Plain title that og:title beats</title>
  <meta property="og:title" content="  Tom &amp; Jerry&#39;s
     &quot;Show&quot;  ">
  <meta property="og:description" content="${longDescription}">
  <meta property="og:image" content="/images/card.png?size=large&amp;v=2">
  <meta property="og:site_name" content="Cartoon &lt;Network&gt;">
  <meta name="twitter:title" content="Not this one">
</head><body><h1>Hello</h1></body></html>`;

const plainPage = `<html><head>
  <title>
    Caf&eacute;   menu
  </title>
  <meta name="description" content="Coffee &amp; cake,   all day.">
  <svg><title>not the page title</title></svg>
</head><body>text</body></html>`;

interface Stream {
  written: number;
  closed: Promise<void>;
}

const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
const streams = new Map<string, Stream>();
let server: Server;
let base: string;
let host: string;

function html(response: ServerResponse, body: string | Buffer, contentType = 'text/html; charset=utf-8', status = 200) {
  response.writeHead(status, { 'content-type': contentType });
  response.end(body);
}

function redirect(response: ServerResponse, location: string, status = 302) {
  response.writeHead(status, { location });
  response.end();
}

/**
 * Streams `total` bytes of filler after `head` (after a pause of `pauseMs`), respecting
 * backpressure, and records how far it got before the client closed the connection.
 */
function streamFiller(path: string, response: ServerResponse, headers: Record<string, string>, head: string, filler: string, total: number, pauseMs = 0) {
  const chunk = Buffer.from(filler.repeat(Math.ceil(65_536 / filler.length)));
  const stream: Stream = { written: 0, closed: new Promise((resolve) => response.on('close', () => resolve())) };
  streams.set(path, stream);
  response.writeHead(200, headers);
  response.write(head);
  const pump = () => {
    while (stream.written < total && !response.destroyed) {
      stream.written += chunk.length;
      if (!response.write(chunk)) {
        response.once('drain', pump);
        return;
      }
    }
    if (!response.destroyed) response.end();
  };
  setTimeout(pump, pauseMs);
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    seen.push({ path, headers: request.headers });
    if (path.startsWith('/loop/')) return redirect(response, `/loop/${Number(path.slice(6)) + 1}`);
    switch (path) {
      case '/og': return html(response, ogPage);
      case '/plain': return html(response, plainPage);
      case '/nothing': return html(response, '<html><head></head><body>no title</body></html>');
      case '/start': return redirect(response, '/hop/two', 301);
      case '/hop/two': return redirect(response, 'final/page', 307); // relative to /hop/
      case '/hop/final/page': return html(response, '<head><meta property="og:title" content="Arrived"><meta property="og:image" content="thumb.png"></head>');
      case '/to-ftp': return redirect(response, 'ftp://example.com/file');
      case '/to-file': return redirect(response, 'file:///etc/passwd');
      case '/huge':
        return streamFiller(path, response, { 'content-type': 'text/html' }, '<html><head><meta property="og:title" content="Huge page"></head><body>', '<p>filler</p>', hugeBytes, 1000);
      case '/endless-head':
        return streamFiller(path, response, { 'content-type': 'text/html' }, '<html><head><meta property="og:title" content="Long head">', '<meta name="x" content="y">', hugeBytes);
      case '/hang':
        response.writeHead(200, { 'content-type': 'text/html' });
        response.write('<html><head><title>Never ends');
        return undefined;
      case '/json': return html(response, '{"title":"no"}', 'application/json');
      case '/error': return html(response, '<html><head><title>Internal Server Error</title></head></html>', 'text/html', 500);
      case '/latin1': return html(response, Buffer.from('<title>Café crème</title>', 'latin1'), 'text/html; charset=ISO-8859-1');
      case '/unknown-charset': return html(response, '<title>Café</title>', 'text/html; charset="x-klingon"');
      case '/image.png':
        response.writeHead(200, { 'content-type': 'image/png', 'content-length': String(imageBytes.length) });
        return response.end(imageBytes);
      case '/image-redirect': return redirect(response, '/image.png');
      case '/big-image-declared':
        return streamFiller(path, response, { 'content-type': 'image/jpeg', 'content-length': String(hugeBytes) }, '', 'x', hugeBytes);
      case '/big-image-chunked':
        return streamFiller(path, response, { 'content-type': 'image/jpeg' }, '', 'x', hugeBytes);
      default: return html(response, 'not found', 'text/plain', 404);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  base = `http://${host}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** The ServerError a call threw, for asserting on its code and message. */
async function failureOf(call: Promise<unknown>): Promise<ServerError> {
  const error = await call.then(() => undefined, (thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(ServerError);
  return error as ServerError;
}

const withinSeconds = (seconds: number, promise: Promise<void>) =>
  Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error('the server connection stayed open')), seconds * 1000))]);

describe('fetchLinkPreview', () => {
  it('reads OpenGraph tags, decoding entities, collapsing whitespace and capping the description', async () => {
    const preview = await fetchLinkPreview(`${base}/og`);
    expect(preview).toMatchObject({
      url: `${base}/og`,
      title: 'Tom & Jerry\'s "Show"',
      imageUrl: `${base}/images/card.png?size=large&v=2`,
      siteName: 'Cartoon <Network>',
    });
    expect(preview.description.length).toBe(1000);
    expect(preview.description.endsWith('…')).toBe(true);
    expect(preview.description.startsWith('word word')).toBe(true);
    const request = seen.find((entry) => entry.path === '/og');
    expect(request?.headers.accept).toBe('text/html,application/xhtml+xml');
    expect(request?.headers['user-agent']).toBe('Braid/1.0 (link preview)');
    expect(request?.headers.cookie).toBeUndefined();
  });

  it('falls back to <title> and meta description, and to the host when there is no title', async () => {
    expect(await fetchLinkPreview(`${base}/plain`)).toEqual({
      url: `${base}/plain`,
      title: 'Café menu',
      description: 'Coffee & cake, all day.',
      imageUrl: null,
      siteName: null,
    });
    expect(await fetchLinkPreview(`${base}/nothing`)).toMatchObject({ title: host, description: '', imageUrl: null });
  });

  it('follows relative redirects and resolves the image against the final page', async () => {
    const preview = await fetchLinkPreview(`${base}/start`);
    expect(preview).toMatchObject({ url: `${base}/start`, title: 'Arrived', imageUrl: `${base}/hop/final/thumb.png` });
  });

  it('refuses redirects to other schemes and too many redirects', async () => {
    for (const path of ['/to-ftp', '/to-file']) {
      const refused = await failureOf(fetchLinkPreview(`${base}${path}`));
      expect(refused.code).toBe('invalid_input');
      expect(refused.message).toContain(host);
    }
    const before = seen.length;
    const looping = await failureOf(fetchLinkPreview(`${base}/loop/0`, { maxRedirects: 3 }));
    expect(looping.code).toBe('server');
    expect(looping.message).toContain(`${host} redirects more than 3 times`);
    expect(seen.slice(before).map((entry) => entry.path)).toEqual(['/loop/0', '/loop/1', '/loop/2', '/loop/3']);
  });

  it('stops reading a huge page at </head> and closes the connection', async () => {
    // The server sends the head at once and the rest of the page only after a second: a reader
    // that stops at </head> has closed the connection by then.
    expect(await fetchLinkPreview(`${base}/huge`)).toMatchObject({ title: 'Huge page' });
    const stream = streams.get('/huge')!;
    await withinSeconds(1, stream.closed);
    expect(stream.written).toBe(0);
  });

  it('parses what came when the head goes on past maxHtmlBytes', async () => {
    expect(await fetchLinkPreview(`${base}/endless-head`, { maxHtmlBytes: 64 * 1024 })).toMatchObject({ title: 'Long head' });
    const stream = streams.get('/endless-head')!;
    await withinSeconds(3, stream.closed);
    expect(stream.written).toBeLessThan(hugeBytes);
  });

  it('times out on a page that never finishes', async () => {
    const error = await failureOf(fetchLinkPreview(`${base}/hang`, { timeoutMs: 300 }));
    expect(error.code).toBe('network');
    expect(error.message).toBe(`${host} did not answer within 0.3 seconds.`);
  });

  it('refuses answers that are not web pages, and HTTP errors', async () => {
    const json = await failureOf(fetchLinkPreview(`${base}/json`));
    expect(json.code).toBe('server');
    expect(json.message).toBe(`${host} answered with application/json instead of a web page, so there is no preview.`);
    const failed = await failureOf(fetchLinkPreview(`${base}/error`));
    expect(failed).toMatchObject({ code: 'server', status: 500, message: `${host} answered with an error (HTTP 500).` });
  });

  it('decodes the charset the server names, and falls back to UTF-8 for unknown ones', async () => {
    expect((await fetchLinkPreview(`${base}/latin1`)).title).toBe('Café crème');
    expect((await fetchLinkPreview(`${base}/unknown-charset`)).title).toBe('Café');
  });

  it('refuses non-http links and links with credentials before fetching', async () => {
    const before = seen.length;
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'not a link', `http://user:secret@${host}/og`]) {
      const error = await failureOf(fetchLinkPreview(url));
      expect(error.code).toBe('invalid_input');
    }
    expect(seen.length).toBe(before);
  });

  it('reports a server that cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failureOf(fetchLinkPreview(`http://127.0.0.1:${port}/`));
    expect(error).toMatchObject({ code: 'network', message: `Could not reach 127.0.0.1:${port}.` });
  });
});

describe('fetchPreviewImage', () => {
  it('returns the image bytes and type, following redirects', async () => {
    const image = await fetchPreviewImage(`${base}/image-redirect`);
    expect(image.mimeType).toBe('image/png');
    expect(image.bytes).toEqual(imageBytes);
    expect(seen.findLast((entry) => entry.path === '/image.png')?.headers.accept).toBe('image/*');
  });

  it('refuses images larger than maxImageBytes, by Content-Length or while streaming', async () => {
    for (const path of ['/big-image-declared', '/big-image-chunked']) {
      const error = await failureOf(fetchPreviewImage(`${base}${path}`, { maxImageBytes: 1_000_000 }));
      expect(error).toMatchObject({ code: 'server', message: `The preview image from ${host} is larger than 1 MB.` });
      const stream = streams.get(path)!;
      await withinSeconds(3, stream.closed);
      expect(stream.written).toBeLessThan(hugeBytes);
    }
  });

  it('refuses answers that are not images and non-http links', async () => {
    expect(await failureOf(fetchPreviewImage(`${base}/og`))).toMatchObject({ code: 'server', message: `${host} answered with text/html instead of an image.` });
    expect((await failureOf(fetchPreviewImage('file:///etc/passwd'))).code).toBe('invalid_input');
  });
});
