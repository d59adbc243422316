import { describe, expect, it } from 'vitest';
import { listenForRedirect, redirectError } from '../../electron/core/base/loopback-redirect.ts';

const withState = (state: string) => (params: URLSearchParams) => params.get('state') === state;

describe('the loopback redirect listener', () => {
  it('listens on 127.0.0.1, ignores other redirects, and answers the browser after completing', async () => {
    const redirect = await listenForRedirect(withState('state-1'));
    expect(redirect.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const result = redirect.wait(async (params) => `exchanged ${params.get('code')}`);
    const wrong = await fetch(`${redirect.redirectUri}?code=evil&state=other`);
    expect(wrong.status).toBe(400);
    const right = await fetch(`${redirect.redirectUri}?code=abc&state=state-1`);
    expect(await right.text()).toContain('Signed in');
    expect(right.headers.get('content-security-policy')).toContain("script-src 'self'");
    await expect(result).resolves.toBe('exchanged abc');
    await expect(fetch(`${redirect.redirectUri}?code=again&state=state-1`)).rejects.toThrow();
  });

  it('tells the browser when completing failed', async () => {
    const redirect = await listenForRedirect(withState('s'));
    const result = redirect.wait(async (params) => {
      throw redirectError(params) ?? new Error('no');
    });
    const page = await fetch(`${redirect.redirectUri}?error=access_denied&state=s`);
    expect(await page.text()).toContain('Not signed in');
    await expect(result).rejects.toThrow('You declined access on the server’s page.');
  });

  it('fails on timeout and on cancel', async () => {
    const slow = await listenForRedirect(withState('s'), 50);
    await expect(slow.wait(async () => 'never')).rejects.toThrow(/not completed in time/);
    const cancelled = await listenForRedirect(withState('s'));
    const waiting = cancelled.wait(async () => 'never');
    cancelled.close();
    await expect(waiting).rejects.toThrow(/cancelled/);
  });
});
