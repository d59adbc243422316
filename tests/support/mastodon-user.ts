/**
 * A person on a Mastodon server's authorize page, without a browser: reads the form, fills in
 * the login and presses Authorize (or Deny), then follows the redirect wherever it leads.
 */
import type { CoreHarness } from './core-harness.ts';

export interface Approval {
  /** Where the server sent the browser: the loopback callback or the out-of-band code page. */
  finalUrl: string;
  finalPage: string;
  /** The code shown on the out-of-band page, if that is where it ended. */
  shownCode: string | null;
}

const decode = (text: string) =>
  text.replace(/&#(\d+);/g, (_m, n: string) => String.fromCharCode(Number(n))).replace(/&amp;/g, '&').replace(/&quot;/g, '"');

export async function approveOnServer(
  authorizeUrl: string,
  login: { username: string; password: string },
  decision: 'authorize' | 'deny' = 'authorize',
): Promise<Approval> {
  const form = await (await fetch(authorizeUrl)).text();
  const fields: Record<string, string> = {};
  for (const match of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    fields[decode(match[1]!)] = decode(match[2]!);
  }
  const posted = await fetch(new URL('/oauth/authorize', authorizeUrl), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, ...login, decision }).toString(),
    redirect: 'manual',
  });
  const location = posted.headers.get('location');
  if (!location) throw new Error(`the server did not redirect (HTTP ${posted.status}): ${(await posted.text()).slice(0, 300)}`);
  const finalUrl = new URL(location, authorizeUrl).href;
  const finalPage = await (await fetch(finalUrl)).text();
  const shown = /id="authorization-code" value="([^"]+)"/.exec(finalPage);
  return { finalUrl, finalPage, shownCode: shown?.[1] ? decode(shown[1]) : null };
}

/** Signs a test server's user into a core the way the app does (loopback redirect); the new account's id. */
export async function signInMastodon(braid: Pick<CoreHarness, 'value'>, server: { url: string }, username: string, password: string): Promise<string> {
  const begun = await braid.value('accounts.mastodon.begin', { instance: server.url, mode: 'loopback' });
  const waiting = braid.value('accounts.mastodon.await', { flowId: begun.flowId });
  await approveOnServer(begun.authorizeUrl, { username, password });
  return (await waiting).id;
}
