/**
 * Reading a person's website for rel="me" links, on pages that try to trip the reader: rel as a
 * list and in capitals, <link> and <a>, relative addresses, quotes inside other attributes, a
 * page too big to read whole, an answer that is not a page, too many redirects, and addresses
 * that are not public.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayRead, relMeLinks } from '../../electron/core/people/website-links.ts';

const hostile = `<!doctype html><html><head>
  <link REL="ME" href="https://bsky.app/profile/ann.example">
  <link rel="stylesheet me" href="/style.css">
  <link rel="alternate" href="https://bsky.app/profile/not-me.example">
</head><body>
  <a rel="me nofollow" href="https://social.example/@ann">Mastodon</a>
  <a title='a "rel=me" in a title' href="https://social.example/@title">not this one</a>
  <a data-note="<a rel=&quot;me&quot; href=&quot;https://social.example/@fake&quot;>" href="/about">about</a>
  <a rel="nofollow" href="https://social.example/@other">someone else</a>
  <a rel=me href="../profile">relative</a>
  <a rel="me" href="javascript:alert(1)">script</a>
  <a rel="me">no address</a>
  <div rel="me" href="https://social.example/@div">not a link</div>
</body></html>`;

let server: Server;
let base: string;
const requests: string[] = [];
let written = 0;

function page(response: ServerResponse, body: string, contentType = 'text/html; charset=utf-8') {
  response.writeHead(200, { 'content-type': contentType });
  response.end(body);
}

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push(path);
    if (path.startsWith('/hop/')) {
      const left = Number(path.slice(5));
      response.writeHead(302, { location: left > 0 ? `/hop/${left - 1}` : '/people/ann/' });
      response.end();
      return;
    }
    switch (path) {
      case '/people/ann/':
        return page(response, hostile);
      case '/json':
        return page(response, '{"html": "<a rel=\\"me\\" href=\\"https://social.example/@ann\\">"}', 'application/json');
      case '/huge': {
        // The rel="me" link comes after 600 kB of filler: past what is read.
        response.writeHead(200, { 'content-type': 'text/html' });
        response.write('<html><body><a rel="me" href="https://social.example/@early">early</a>');
        const filler = Buffer.from('<p>filler</p>'.repeat(5000));
        const total = 8 * 1024 * 1024;
        const pump = () => {
          while (written < total && !response.destroyed) {
            written += filler.length;
            if (!response.write(filler)) return void response.once('drain', pump);
          }
          if (!response.destroyed) response.end('<a rel="me" href="https://social.example/@late">late</a></body></html>');
        };
        pump();
        return;
      }
      case '/silent':
        return; // never answers
      default:
        response.writeHead(404, { 'content-type': 'text/html' });
        response.end('<a rel="me" href="https://social.example/@notfound">');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const local = { allowLoopback: true };

describe('the rel="me" links of a website', () => {
  it('reads rel as a case-insensitive list on <a> and <link>, resolves relative addresses, and ignores lookalikes', async () => {
    expect(await relMeLinks(`${base}/people/ann/`, local)).toEqual([
      'https://bsky.app/profile/ann.example',
      `${base}/style.css`,
      'https://social.example/@ann',
      `${base}/people/profile`,
    ]);
  });

  it('follows up to 3 redirects and resolves against the page it ended on, but not a 4th', async () => {
    expect(await relMeLinks(`${base}/hop/2`, local)).toContain(`${base}/people/profile`);
    await expect(relMeLinks(`${base}/hop/3`, local)).rejects.toThrow(/redirects more than 3 times/);
  });

  it('stops reading a page after 512 kB, keeping what came before', async () => {
    expect(await relMeLinks(`${base}/huge`, local)).toEqual(['https://social.example/@early']);
    expect(written).toBeLessThan(4 * 1024 * 1024);
  });

  it('refuses what is not an HTML page, an error page, and a site that does not answer in time', async () => {
    await expect(relMeLinks(`${base}/json`, local)).rejects.toThrow(/application\/json/);
    await expect(relMeLinks(`${base}/gone`, local)).rejects.toThrow(/HTTP 404/);
    await expect(relMeLinks(`${base}/silent`, { ...local, timeoutMs: 300 })).rejects.toThrow(/no answer|within/i);
    await expect(relMeLinks('ftp://example.com/', local)).rejects.toThrow();
  });

  it('asks no address that is not public, unless loopback is allowed (for tests), and checks every redirect', async () => {
    const before = requests.length;
    await expect(relMeLinks(`${base}/people/ann/`)).rejects.toThrow(/not a public address/);
    expect(requests.length).toBe(before);

    const resolved: Record<string, string[]> = { 'site.example': ['93.184.216.34'], 'inside.example': ['192.168.1.20'], 'mixed.example': ['93.184.216.34', '10.1.2.3'] };
    const resolve = async (host: string) => resolved[host] ?? [];
    const asked: string[] = [];
    const fetchStub = (async (url: URL) => {
      asked.push(url.host);
      return new Response(null, { status: 302, headers: { location: 'http://inside.example/' } });
    }) as typeof fetch;
    await expect(relMeLinks('https://site.example/', { resolve, fetch: fetchStub })).rejects.toThrow(/inside\.example is not a public address/);
    expect(asked).toEqual(['site.example']);
    await expect(relMeLinks('https://mixed.example/', { resolve, fetch: fetchStub })).rejects.toThrow(/not a public address/);
    await expect(relMeLinks('http://[::1]:1/', { resolve, fetch: fetchStub, allowLoopback: false })).rejects.toThrow(/not a public address/);
    await expect(relMeLinks('http://10.0.0.1/', { resolve, fetch: fetchStub, allowLoopback: true })).rejects.toThrow(/not a public address/);
    expect(asked).toEqual(['site.example']);
  });

  it('checks the address again as it connects: a name first answering a public address and then a private one is refused', async () => {
    const before = requests.length;
    const port = (server.address() as AddressInfo).port;
    // The check before the request hears a public address; the socket's own lookup then finds 127.0.0.1 (or ::1).
    const resolve = async () => ['93.184.216.34'];
    const error = await relMeLinks(`http://localhost:${port}/people/ann/`, { resolve }).then(() => undefined, (thrown: unknown) => thrown);
    const causes: string[] = [];
    for (let cause = error; cause instanceof Error; cause = cause.cause) causes.push(cause.message);
    expect(causes).toContain('localhost is not a public address');
    expect(requests.length).toBe(before);
  });

  it('tells public addresses from private, loopback, link-local and unique-local ones', () => {
    for (const address of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fd00::1', 'fe80::1', '::ffff:192.168.0.1', 'not an address']) {
      expect(mayRead(address), address).toBe(false);
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(mayRead(address), address).toBe(true);
    expect(mayRead('127.0.0.1', true)).toBe(true);
    expect(mayRead('::1', true)).toBe(true);
    expect(mayRead('192.168.0.1', true)).toBe(false);
  });
});
