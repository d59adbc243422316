/** A user's access token from the test server, through the authorization-code flow with PKCE as a client does it. */
import { createHash, randomBytes } from 'node:crypto';
import type { MastodonTestServer } from './index.ts';

const callback = 'http://127.0.0.1:53682/callback';

const form = (url: string, body: Record<string, string>) => fetch(url, { method: 'POST', body: new URLSearchParams(body), redirect: 'manual' });

/** The user's password is `${username} pw`, as the server tests create them. */
export async function tokenFor(
  server: MastodonTestServer,
  username: string,
  scope = 'read write',
  appInfo: { client_name: string; website?: string } = { client_name: 'Braid Tests' },
): Promise<string> {
  const app = (await (await form(`${server.url}/api/v1/apps`, { ...appInfo, redirect_uris: callback, scopes: scope })).json()) as { client_id: string; client_secret: string };
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const answer = await form(`${server.url}/oauth/authorize`, {
    response_type: 'code', client_id: app.client_id, redirect_uri: callback, scope, code_challenge: challenge, code_challenge_method: 'S256',
    username, password: `${username} pw`, decision: 'authorize',
  });
  const code = new URL(answer.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const token = await form(`${server.url}/oauth/token`, { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: callback, client_id: app.client_id, client_secret: app.client_secret });
  if (token.status !== 200) throw new Error(`no token for ${username}: HTTP ${token.status}`);
  return ((await token.json()) as { access_token: string }).access_token;
}
