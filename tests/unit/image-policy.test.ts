// Pictures: https only in every real run; the demo's local servers (plain http on loopback) are
// let in by exact origin, in the CSP and in the renderer's filter alike.
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, contentSecurityPolicyFor, demoImageOrigins, securityHeaders, securityHeadersFor } from '../../electron/core/base/security.ts';
import { imageUrl, loopbackHttpOrigin } from '../../shared/text/links.ts';

const imgSrc = (policy: string) => policy.split('; ').find((directive) => directive.startsWith('img-src '));

describe('the Content-Security-Policy', () => {
  it('loads pictures over https only when no demo origins are given', () => {
    expect(imgSrc(contentSecurityPolicy)).toBe("img-src 'self' https: blob: data:");
    expect(contentSecurityPolicyFor([])).toBe(contentSecurityPolicy);
    expect(securityHeaders['Content-Security-Policy']).toBe(contentSecurityPolicy);
    expect(contentSecurityPolicy).not.toMatch(/http:/);
  });

  it("adds exactly the demo's loopback origins to img-src, media-src and connect-src (a local app view's video playlists), nothing else", () => {
    const policy = contentSecurityPolicyFor(['http://localhost:2584', 'http://127.0.0.1:40001']);
    expect(imgSrc(policy)).toBe("img-src 'self' https: blob: data: http://localhost:2584 http://127.0.0.1:40001");
    expect(policy.split('; ')).toContain("media-src 'self' https: blob: http://localhost:2584 http://127.0.0.1:40001");
    expect(policy.split('; ')).toContain("connect-src 'self' https://video.bsky.app https://video.cdn.bsky.app http://localhost:2584 http://127.0.0.1:40001");
    // Every other directive is the real one.
    const others = (p: string) => p.split('; ').filter((d) => !/^(img|media|connect)-src /.test(d));
    expect(others(policy)).toEqual(others(contentSecurityPolicy));
    expect(securityHeadersFor(['http://127.0.0.1:40001'])['Content-Security-Policy']).toBe(contentSecurityPolicyFor(['http://127.0.0.1:40001']));
  });

  it.each([
    'http:',
    'http://example.com:80',
    'https://127.0.0.1:443',
    'http://127.0.0.1', // no port: every local web server
    'http://127.0.0.1:8080/path',
    'http://127.0.0.1:8080; script-src *',
    "'unsafe-inline'",
    '*',
    'http://10.0.0.1:8080',
  ])('refuses %s as an image origin', (origin) => {
    expect(() => contentSecurityPolicyFor([origin])).toThrow(/loopback/);
  });
});

describe('BRAID_DEMO_IMAGE_ORIGINS', () => {
  it('is empty when unset, and lists exact loopback origins (commas or spaces, duplicates once)', () => {
    expect(demoImageOrigins({})).toEqual([]);
    expect(demoImageOrigins({ BRAID_DEMO_IMAGE_ORIGINS: '' })).toEqual([]);
    expect(demoImageOrigins({ BRAID_DEMO_IMAGE_ORIGINS: 'http://localhost:2584, http://127.0.0.1:40001 http://127.0.0.1:40001/ http://[::1]:9' })).toEqual([
      'http://localhost:2584',
      'http://127.0.0.1:40001',
      'http://[::1]:9',
    ]);
  });

  it('stops the host on anything that is not an http origin on this machine', () => {
    for (const value of ['https://cdn.example', 'http://cdn.example:8080', 'http://127.0.0.1', 'javascript:alert(1)']) {
      expect(() => demoImageOrigins({ BRAID_DEMO_IMAGE_ORIGINS: value })).toThrow(/BRAID_DEMO_IMAGE_ORIGINS/);
    }
  });
});

describe('imageUrl, the renderer’s filter', () => {
  it('takes https and refuses plain http by default', () => {
    expect(imageUrl('https://cdn.example/a.png')).toBe('https://cdn.example/a.png');
    expect(imageUrl('http://cdn.example/a.png')).toBeNull();
    expect(imageUrl('http://127.0.0.1:40001/a.png')).toBeNull();
    expect(imageUrl('data:image/png;base64,AAAA')).toBeNull();
    expect(imageUrl('javascript:alert(1)')).toBeNull();
    expect(imageUrl(null)).toBeNull();
  });

  it('admits plain http from exactly the given loopback origins', () => {
    const demo = ['http://127.0.0.1:40001', 'http://localhost:2584'];
    expect(imageUrl('http://127.0.0.1:40001/system/a.png', demo)).toBe('http://127.0.0.1:40001/system/a.png');
    expect(imageUrl('http://localhost:2584/img/avatar/plain/did/cid@jpeg', demo)).toBe('http://localhost:2584/img/avatar/plain/did/cid@jpeg');
    expect(imageUrl('https://cdn.example/a.png', demo)).toBe('https://cdn.example/a.png');
    for (const other of ['http://127.0.0.1:40002/a.png', 'http://localhost:40001/a.png', 'http://127.0.0.1/a.png', 'http://user:pw@127.0.0.1:40001/a.png']) {
      expect(imageUrl(other, demo)).toBeNull();
    }
  });

  it('never admits http from a non-loopback origin, even when told to', () => {
    expect(imageUrl('http://cdn.example:8080/a.png', ['http://cdn.example:8080'])).toBeNull();
    expect(imageUrl('http://10.0.0.1:8080/a.png', ['http://10.0.0.1:8080'])).toBeNull();
  });

  it('knows a loopback http origin', () => {
    expect(loopbackHttpOrigin('http://127.0.0.1:5')).toBe('http://127.0.0.1:5');
    expect(loopbackHttpOrigin('http://LOCALHOST:5/')).toBe('http://localhost:5');
    expect(loopbackHttpOrigin('http://localhost:5/x')).toBeNull();
    expect(loopbackHttpOrigin('http://localhost.example:5')).toBeNull();
    expect(loopbackHttpOrigin('https://localhost:5')).toBeNull();
  });
});
