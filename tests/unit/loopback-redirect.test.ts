import { describe, expect, it } from 'vitest';
import { listenForRedirect } from '../../electron/core/accounts/loopback-redirect.ts';

describe('the loopback redirect listener', () => {
  it('listens on 127.0.0.1 and hands over the code that comes with the right state', async () => {
    const redirect = await listenForRedirect('state-1');
    expect(redirect.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback$/);
    const wrong = await fetch(`${redirect.redirectUri}?code=evil&state=other`);
    expect(wrong.status).toBe(400);
    const right = await fetch(`${redirect.redirectUri}?code=abc&state=state-1`);
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('Signed in');
    expect(right.headers.get('content-security-policy')).toContain("script-src 'self'");
    await expect(redirect.code).resolves.toBe('abc');
    await expect(fetch(`${redirect.redirectUri}?code=again&state=state-1`)).rejects.toThrow();
  });

  it('fails when the user declines on the server', async () => {
    const redirect = await listenForRedirect('s');
    await fetch(`${redirect.redirectUri}?error=access_denied&state=s`);
    await expect(redirect.code).rejects.toThrow(/declined/);
  });

  it('fails on timeout and on cancel', async () => {
    const slow = await listenForRedirect('s', 50);
    await expect(slow.code).rejects.toThrow(/not completed in time/);
    const cancelled = await listenForRedirect('s');
    cancelled.close();
    await expect(cancelled.code).rejects.toThrow(/cancelled/);
  });
});
