/**
 * A person on a Bluesky PDS's OAuth page, without a browser. The page is a React app over JSON
 * endpoints (@atproto/oauth-provider): this calls them as the page would, with the same cookies
 * (dev-id, ses-id, csrf-token), x-csrf-token, Origin, Referer and Sec-Fetch-* headers.
 */
import { request } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { expect } from 'vitest';
import type { BlueskyUser } from './bluesky-network.ts';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * One HTTP request exactly as given, as a browser would send it. Not fetch(): undici writes its
 * own Sec-Fetch-Mode ("cors"), and the PDS checks those headers.
 */
async function browserRequest(url: string, method: 'GET' | 'POST', headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Plays the user on the PDS's authorization page; returns the loopback listener's answer. */
export async function actInThePdsPage(
  authorizeUrl: string,
  user: BlueskyUser,
  decision: 'approve' | 'decline' = 'approve',
  beforeFollowing?: (location: URL) => Promise<void>,
): Promise<Answer> {
  const jar = new Map<string, string>();
  const keep = (answer: Answer) => {
    for (const cookie of answer.headers['set-cookie'] ?? []) {
      const pair = cookie.split(';')[0] ?? '';
      const at = pair.indexOf('=');
      jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  };
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const origin = new URL(authorizeUrl).origin;
  const userAgent = 'Mozilla/5.0 (braid-test)';
  const navigate = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', 'user-agent': userAgent };

  // 1. The browser opens the authorize URL (coming from the app: a cross-site navigation).
  const page = await browserRequest(authorizeUrl, 'GET', { ...navigate, 'sec-fetch-site': 'cross-site' });
  keep(page);
  expect(page.status, /__errorData.*?;/.exec(page.body)?.[0]).toBe(200);
  expect(jar.get('csrf-token')).toBeTruthy();

  const api = async (endpoint: string, body: unknown): Promise<Record<string, unknown>> => {
    const answer = await browserRequest(
      `${origin}/@atproto/oauth-provider/~api${endpoint}`,
      'POST',
      {
        'content-type': 'application/json',
        origin,
        referer: authorizeUrl,
        'sec-fetch-mode': 'same-origin',
        'sec-fetch-site': 'same-origin',
        'sec-fetch-dest': 'empty',
        'user-agent': userAgent,
        'x-csrf-token': jar.get('csrf-token') ?? '',
        cookie: cookie(),
      },
      JSON.stringify(body),
    );
    keep(answer);
    if (answer.status !== 200) throw new Error(`${endpoint}: ${answer.status} ${answer.body}`);
    return JSON.parse(answer.body) as Record<string, unknown>;
  };

  // 2. The user types the account password on the PDS's page (Braid never sees it), then
  //    consents, or declines.
  let decided: Record<string, unknown>;
  if (decision === 'approve') {
    const signedIn = await api('/sign-in', { locale: 'en', username: user.handle, password: user.password, remember: true });
    expect(signedIn.account).toMatchObject({ did: user.did });
    decided = await api('/consent', { did: user.did });
  } else {
    decided = await api('/reject', {});
  }
  expect(typeof decided.url).toBe('string');

  // 3. The page navigates to the redirect endpoint, which answers 303 to the loopback redirect.
  const redirect = await browserRequest(String(decided.url), 'GET', { ...navigate, 'sec-fetch-site': 'same-origin', referer: authorizeUrl, cookie: cookie() });
  expect(redirect.status, redirect.body.slice(0, 300)).toBe(303);
  const location = redirect.headers.location ?? '';
  expect(location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/callback\?/);

  // 4. The browser follows it to Braid's listener.
  await beforeFollowing?.(new URL(location));
  return browserRequest(location, 'GET', { ...navigate, 'sec-fetch-site': 'cross-site' });
}
