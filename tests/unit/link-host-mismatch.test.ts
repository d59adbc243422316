import { describe, expect, it } from 'vitest';
import { httpUrl, linkHostMismatch } from '../../shared/text/links.ts';

describe('httpUrl', () => {
  it('keeps http and https links only', () => {
    expect(httpUrl('https://example.com/a?b#c')?.href).toBe('https://example.com/a?b#c');
    expect(httpUrl(' HTTP://Example.com ')?.hostname).toBe('example.com');
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', 'data:text/html,<b>x</b>', 'mailto:a@b.c', 'ftp://example.com', '//example.com', '/relative', 'not a url', '']) {
      expect(httpUrl(href), href).toBeNull();
    }
  });
});

describe('linkHostMismatch', () => {
  it('flags text that shows another host than the target', () => {
    expect(linkHostMismatch('paypal.com/login', 'https://evil.example/paypal')).toEqual({ shown: 'paypal.com', actual: 'evil.example' });
    expect(linkHostMismatch('https://paypal.com', 'https://evil.example/')).toEqual({ shown: 'paypal.com', actual: 'evil.example' });
    expect(linkHostMismatch('PayPal.COM', 'https://evil.example/')?.actual).toBe('evil.example');
    expect(linkHostMismatch('example.com:8080/x', 'https://evil.example/')?.shown).toBe('example.com');
  });

  it('accepts the same host, with or without www., scheme, port or path', () => {
    expect(linkHostMismatch('example.com', 'https://example.com/')).toBeNull();
    expect(linkHostMismatch('www.example.com/page', 'https://example.com/page')).toBeNull();
    expect(linkHostMismatch('example.com', 'http://www.example.com:8443/x')).toBeNull();
    expect(linkHostMismatch('https://Example.com/a/b?c=d', 'https://example.com/a/b?c=d')).toBeNull();
    expect(linkHostMismatch('example.com.', 'https://example.com./')).toBeNull();
  });

  it('accepts a subdomain of the shown host, not the other way round', () => {
    expect(linkHostMismatch('example.com', 'https://blog.example.com/post')).toBeNull();
    expect(linkHostMismatch('blog.example.com', 'https://example.com/blog')).toEqual({ shown: 'blog.example.com', actual: 'example.com' });
    expect(linkHostMismatch('paypal.com', 'https://paypal.com.evil.example/')).toEqual({ shown: 'paypal.com', actual: 'paypal.com.evil.example' });
    expect(linkHostMismatch('ample.com', 'https://example.com/')).not.toBeNull();
  });

  it('reads the host a person sees, not what a URL parser finds after user info', () => {
    expect(linkHostMismatch('https://paypal.com@evil.example/', 'https://evil.example/')).toEqual({ shown: 'paypal.com', actual: 'evil.example' });
  });

  it('is not fooled by bidi controls or zero-width characters inside the text', () => {
    expect(linkHostMismatch('pay\u200Bpal.com', 'https://evil.example/')?.shown).toBe('paypal.com');
    // The renderer shows link texts without bidi controls, so the reader sees what is compared.
    expect(linkHostMismatch('\u202Emoc.lapyap', 'https://paypal.com/')?.shown).toBe('moc.lapyap');
    expect(linkHostMismatch('\u2066paypal.com\u2069', 'https://evil.example/')?.shown).toBe('paypal.com');
  });

  it('compares international names in one form', () => {
    expect(linkHostMismatch('bücher.example', 'https://xn--bcher-kva.example/')).toBeNull();
    expect(linkHostMismatch('bücher.example', 'https://buecher.example/')).toEqual({ shown: 'xn--bcher-kva.example', actual: 'buecher.example' });
  });

  it('treats a host cut short with an ellipsis as a prefix (Bluesky shortens link texts)', () => {
    expect(linkHostMismatch('example.com/a-very-long-pa...', 'https://example.com/a-very-long-path')).toBeNull();
    expect(linkHostMismatch('a-really-long-subdomain.exam...', 'https://a-really-long-subdomain.example.com/')).toBeNull();
    expect(linkHostMismatch('a-really-long-subdomain.exam…', 'https://a-really-long-subdomain.evil.example/')).not.toBeNull();
    expect(linkHostMismatch('paypal.com...', 'https://evil.example/')?.shown).toBe('paypal.com');
  });

  it('never flags text that is not a host', () => {
    for (const text of ['click here', '@alice', '@alice@evil.example', '#paypal.com', 'v1.2', '3.14', 'read more…', 'example', 'exampl...', '', '   ', 'a b.com']) {
      expect(linkHostMismatch(text, 'https://evil.example/'), text).toBeNull();
    }
  });

  it('has nothing to say about links that are not http(s)', () => {
    expect(linkHostMismatch('paypal.com', 'javascript:alert(1)')).toBeNull();
    expect(linkHostMismatch('paypal.com', 'not a url')).toBeNull();
  });

  it('knows dotted IPv4 addresses as hosts', () => {
    expect(linkHostMismatch('192.168.0.1', 'https://evil.example/')?.shown).toBe('192.168.0.1');
    expect(linkHostMismatch('192.168.0.1/admin', 'http://192.168.0.1/admin')).toBeNull();
  });
});
