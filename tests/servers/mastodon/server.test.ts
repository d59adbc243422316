import { createHash, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startMastodonServer, type MastodonServerOptions, type MastodonTestServer } from './index.ts';

const loopback = 'http://127.0.0.1/callback';
const oob = 'urn:ietf:wg:oauth:2.0:oob';

interface RegisteredApp {
  client_id: string;
  client_secret: string;
}

const servers: MastodonTestServer[] = [];

async function start(options?: MastodonServerOptions): Promise<MastodonTestServer> {
  const server = await startMastodonServer(options);
  servers.push(server);
  server.addUser({ username: 'alice', password: 'correct horse', displayName: 'Alice' });
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function json(response: Response): Promise<Record<string, unknown>> {
  return (await response.json()) as Record<string, unknown>;
}

function post(url: string, body: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { method: 'POST', body: new URLSearchParams(body), headers, redirect: 'manual' });
}

async function registerApp(server: MastodonTestServer, scopes = 'read write', redirectUris: string[] = [loopback, oob]): Promise<RegisteredApp> {
  const response = await fetch(`${server.url}/api/v1/apps`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ client_name: 'Braid', redirect_uris: redirectUris, scopes, website: 'https://braid.example' }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as RegisteredApp;
}

function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

function decodeEntities(text: string): string {
  return text.replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
}

function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields[decodeEntities(m[1] ?? '')] = decodeEntities(m[2] ?? '');
  return fields;
}

interface AuthorizeInput {
  redirectUri?: string;
  scope?: string;
  challenge?: string;
  state?: string;
  username?: string;
  password?: string;
  decision?: 'authorize' | 'deny';
}

/** Opens the authorization page like a browser, then submits its form with the user's answer. */
async function authorize(server: MastodonTestServer, app: RegisteredApp, input: AuthorizeInput = {}): Promise<{ page: string; answer: Response }> {
  const query = new URLSearchParams({ response_type: 'code', client_id: app.client_id, redirect_uri: input.redirectUri ?? 'http://127.0.0.1:53682/callback', scope: input.scope ?? 'read write', state: input.state ?? 'xyz' });
  if (input.challenge) {
    query.set('code_challenge', input.challenge);
    query.set('code_challenge_method', 'S256');
  }
  const pageResponse = await fetch(`${server.url}/oauth/authorize?${query.toString()}`);
  expect(pageResponse.status).toBe(200);
  expect(pageResponse.headers.get('content-type')).toContain('text/html');
  const page = await pageResponse.text();
  const answer = await post(`${server.url}/oauth/authorize`, {
    ...hiddenFields(page),
    username: input.username ?? 'alice',
    password: input.password ?? 'correct horse',
    decision: input.decision ?? 'authorize',
  });
  return { page, answer };
}

function exchange(server: MastodonTestServer, app: RegisteredApp, code: string, extra: Record<string, string> = {}): Promise<Response> {
  return post(`${server.url}/oauth/token`, { grant_type: 'authorization_code', code, client_id: app.client_id, client_secret: app.client_secret, redirect_uri: 'http://127.0.0.1:53682/callback', ...extra });
}

async function signIn(server: MastodonTestServer, app: RegisteredApp, scope = 'read write'): Promise<Record<string, unknown>> {
  const { verifier, challenge } = pkcePair();
  const { answer } = await authorize(server, app, { challenge, scope });
  const code = new URL(answer.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const response = await exchange(server, app, code, { code_verifier: verifier });
  expect(response.status).toBe(200);
  return json(response);
}

function me(server: MastodonTestServer, token: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/api/v1/accounts/verify_credentials`, { headers: { Authorization: `Bearer ${token}`, ...headers } });
}

describe('app registration', () => {
  it('answers the CredentialApplication entity', async () => {
    const server = await start();
    const app = (await registerApp(server, 'read write push')) as unknown as Record<string, unknown>;
    expect(app).toMatchObject({ name: 'Braid', website: 'https://braid.example', scopes: ['read', 'write', 'push'], redirect_uris: [loopback, oob], redirect_uri: `${loopback}\n${oob}`, client_secret_expires_at: 0 });
    expect(typeof app.id).toBe('string');
    expect(app.client_id).toMatch(/^[\w-]{43}$/);
    expect(server.secrets()).toContain(app.client_secret);
    expect(server.counters().appsRegistered).toBe(1);
  });

  it('accepts form data with newline-separated redirect URIs and defaults the scopes to read', async () => {
    const server = await start();
    const response = await post(`${server.url}/api/v1/apps`, { client_name: 'Braid', redirect_uris: `${loopback}\n${oob}` });
    expect(await json(response)).toMatchObject({ scopes: ['read'], redirect_uris: [loopback, oob], website: null });
  });

  it('accepts multipart form data with redirect_uris[] fields', async () => {
    const server = await start();
    const form = new FormData();
    form.append('client_name', 'Braid');
    form.append('redirect_uris[]', loopback);
    form.append('redirect_uris[]', oob);
    const response = await fetch(`${server.url}/api/v1/apps`, { method: 'POST', body: form });
    expect(await json(response)).toMatchObject({ name: 'Braid', redirect_uris: [loopback, oob] });
  });

  it('refuses a missing name and a relative redirect URI with 422', async () => {
    const server = await start();
    const response = await post(`${server.url}/api/v1/apps`, { redirect_uris: '/callback' });
    expect(response.status).toBe(422);
    expect(await json(response)).toEqual({ error: "Validation failed: Application name can't be blank, Redirect URI must be an absolute URI." });
    const badScope = await post(`${server.url}/api/v1/apps`, { client_name: 'x', redirect_uris: oob, scopes: 'read everything' });
    expect(await json(badScope)).toEqual({ error: "Validation failed: Scopes doesn't match configured on the server." });
  });
});

describe('authorization code flow with PKCE', () => {
  it('signs in through the HTML form, on any loopback port, and verifies the credentials', async () => {
    const server = await start();
    const app = await registerApp(server);
    const { verifier, challenge } = pkcePair();
    const { page, answer } = await authorize(server, app, { challenge, state: 'st4te' });
    expect(page).toContain('Braid');
    expect(page).toContain('<li>read</li><li>write</li>');
    expect(page).toContain('name="username"');
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe('http://127.0.0.1:53682/callback');
    expect(location.searchParams.get('state')).toBe('st4te');
    const code = location.searchParams.get('code') ?? '';

    const tokenAnswer = await exchange(server, app, code, { code_verifier: verifier });
    expect(tokenAnswer.status).toBe(200);
    expect(tokenAnswer.headers.get('cache-control')).toBe('no-store');
    const token = await json(tokenAnswer);
    expect(token).toMatchObject({ token_type: 'Bearer', scope: 'read write' });
    expect(typeof token.created_at).toBe('number');
    expect(token).not.toHaveProperty('expires_in');
    expect(token).not.toHaveProperty('refresh_token');

    const account = await me(server, String(token.access_token));
    expect(account.status).toBe(200);
    expect(account.headers.get('x-ratelimit-limit')).toBe('300');
    expect(account.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
    expect(account.headers.get('x-ratelimit-reset')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const body = await json(account);
    expect(body).toMatchObject({ username: 'alice', acct: 'alice', display_name: 'Alice', emojis: [], fields: [], source: { privacy: 'public', note: '' } });
    expect(body.created_at).toMatch(/T00:00:00\.000Z$/);

    expect(server.tokensOf('alice')).toEqual([token.access_token]);
    expect(server.secrets()).toEqual(expect.arrayContaining([app.client_secret, code, token.access_token]));
    expect(server.requests).toContainEqual(expect.objectContaining({ method: 'GET', path: '/api/v1/accounts/verify_credentials', status: 200 }));
  });

  it('refuses a code used twice', async () => {
    const server = await start();
    const app = await registerApp(server);
    const { verifier, challenge } = pkcePair();
    const code = new URL((await authorize(server, app, { challenge })).answer.headers.get('location') ?? '').searchParams.get('code') ?? '';
    expect((await exchange(server, app, code, { code_verifier: verifier })).status).toBe(200);
    const again = await exchange(server, app, code, { code_verifier: verifier });
    expect(again.status).toBe(400);
    expect(await json(again)).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a wrong verifier and asks for a missing one, without burning the code', async () => {
    const server = await start();
    const app = await registerApp(server);
    const { verifier, challenge } = pkcePair();
    const code = new URL((await authorize(server, app, { challenge })).answer.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const wrong = await exchange(server, app, code, { code_verifier: pkcePair().verifier });
    expect(wrong.status).toBe(400);
    expect(await json(wrong)).toMatchObject({ error: 'invalid_grant' });
    const missing = await exchange(server, app, code);
    expect(missing.status).toBe(400);
    expect(await json(missing)).toEqual({ error: 'invalid_request', error_description: 'Missing required parameter: code_verifier.' });
    expect((await exchange(server, app, code, { code_verifier: verifier })).status).toBe(200);
  });

  it('accepts client_secret_basic instead of form fields', async () => {
    const server = await start();
    const app = await registerApp(server);
    const { challenge, verifier } = pkcePair();
    const code = new URL((await authorize(server, app, { challenge })).answer.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const basic = Buffer.from(`${app.client_id}:${app.client_secret}`).toString('base64');
    const response = await post(`${server.url}/oauth/token`, { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: 'http://127.0.0.1:1234/callback' }, { Authorization: `Basic ${basic}` });
    expect(response.status).toBe(200);
  });

  it('answers 401 invalid_client for a wrong client secret', async () => {
    const server = await start();
    const app = await registerApp(server);
    const { challenge, verifier } = pkcePair();
    const code = new URL((await authorize(server, app, { challenge })).answer.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const response = await exchange(server, app, code, { code_verifier: verifier, client_secret: 'nope' });
    expect(response.status).toBe(401);
    expect(await json(response)).toMatchObject({ error: 'invalid_client' });
  });

  it('shows the form again on a wrong password', async () => {
    const server = await start();
    const app = await registerApp(server);
    const { answer } = await authorize(server, app, { password: 'wrong' });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain('Invalid username or password');
  });

  it('shows an error page, never a redirect, for an unknown client or an unregistered redirect URI', async () => {
    const server = await start();
    const app = await registerApp(server);
    const unknown = await fetch(`${server.url}/oauth/authorize?response_type=code&client_id=nope&redirect_uri=${encodeURIComponent(loopback)}`, { redirect: 'manual' });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('content-type')).toContain('text/html');
    const elsewhere = await fetch(`${server.url}/oauth/authorize?response_type=code&client_id=${app.client_id}&redirect_uri=${encodeURIComponent('https://evil.example/cb')}`, { redirect: 'manual' });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.headers.get('location')).toBeNull();
    // localhost is a name, not a loopback address: Doorkeeper does not let its port vary.
    const named = await fetch(`${server.url}/oauth/authorize?response_type=code&client_id=${app.client_id}&redirect_uri=${encodeURIComponent('http://localhost:53682/callback')}`, { redirect: 'manual' });
    expect(named.status).toBe(400);
  });

  it('sends scopes the app did not register back as invalid_scope', async () => {
    const server = await start();
    const app = await registerApp(server, 'read');
    const response = await fetch(`${server.url}/oauth/authorize?response_type=code&client_id=${app.client_id}&redirect_uri=${encodeURIComponent(loopback)}&scope=read+write&state=s`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('invalid_scope');
    expect(location.searchParams.get('state')).toBe('s');
  });

  it('shows the code on a page for the out-of-band redirect URI', async () => {
    const server = await start();
    const app = await registerApp(server);
    const { verifier, challenge } = pkcePair();
    const { answer } = await authorize(server, app, { redirectUri: oob, challenge });
    expect(answer.status).toBe(302);
    const page = await fetch(new URL(answer.headers.get('location') ?? '', server.url));
    expect(page.status).toBe(200);
    const code = decodeEntities(/id="authorization-code" value="([^"]*)"/.exec(await page.text())?.[1] ?? '');
    expect(code).not.toBe('');
    expect((await exchange(server, app, code, { code_verifier: verifier, redirect_uri: oob })).status).toBe(200);
  });

  it('redirects with access_denied when the user denies', async () => {
    const server = await start();
    const app = await registerApp(server);
    const { answer } = await authorize(server, app, { decision: 'deny', state: 'abc', password: '' });
    const location = new URL(answer.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('abc');
    expect(location.searchParams.has('code')).toBe(false);
  });

  it('hands back the same live token when the same user authorizes the same app and scopes again', async () => {
    const server = await start();
    const app = await registerApp(server);
    const first = await signIn(server, app);
    const second = await signIn(server, app);
    expect(second.access_token).toBe(first.access_token);
    expect(server.counters().tokensIssued).toBe(1);
  });
});

describe('token lifecycle', () => {
  it('revokes through /oauth/revoke; the token then answers 401', async () => {
    const server = await start();
    const app = await registerApp(server);
    const token = String((await signIn(server, app)).access_token);
    const unauthenticated = await post(`${server.url}/oauth/revoke`, { token });
    expect(unauthenticated.status).toBe(403);
    expect(await json(unauthenticated)).toMatchObject({ error: 'unauthorized_client' });
    const revoked = await post(`${server.url}/oauth/revoke`, { token, client_id: app.client_id, client_secret: app.client_secret });
    expect(revoked.status).toBe(200);
    expect(await json(revoked)).toEqual({});
    const after = await me(server, token);
    expect(after.status).toBe(401);
    expect(await json(after)).toEqual({ error: 'The access token was revoked' });
    const unknown = await post(`${server.url}/oauth/revoke`, { token: 'unknown', client_id: app.client_id, client_secret: app.client_secret });
    expect(unknown.status).toBe(200);
    expect(server.counters().revocations).toBe(1);
    expect(server.tokensOf('alice')).toEqual([]);
  });

  it('answers 401 after the user revoked the app on the website', async () => {
    const server = await start();
    const app = await registerApp(server);
    const token = String((await signIn(server, app)).access_token);
    server.revokeTokensOf('alice');
    expect((await me(server, token)).status).toBe(401);
    const invalid = await me(server, 'made-up');
    expect(await json(invalid)).toEqual({ error: 'The access token is invalid' });
    expect((await fetch(`${server.url}/api/v1/accounts/verify_credentials`)).status).toBe(401);
  });

  it('answers 403 for a token without a read scope, 422 for an app-only token', async () => {
    const server = await start();
    const app = await registerApp(server);
    const writeOnly = String((await signIn(server, app, 'write')).access_token);
    const forbidden = await me(server, writeOnly);
    expect(forbidden.status).toBe(403);
    expect(await json(forbidden)).toEqual({ error: 'This action is outside the authorized scopes' });
    const appToken = await json(await post(`${server.url}/oauth/token`, { grant_type: 'client_credentials', client_id: app.client_id, client_secret: app.client_secret }));
    expect(appToken.scope).toBe('read');
    const noUser = await me(server, String(appToken.access_token));
    expect(noUser.status).toBe(422);
    expect(await json(noUser)).toEqual({ error: 'This method requires an authenticated user' });
  });

  it('refuses the refresh_token grant on Mastodon', async () => {
    const server = await start();
    const app = await registerApp(server);
    const response = await post(`${server.url}/oauth/token`, { grant_type: 'refresh_token', refresh_token: 'x', client_id: app.client_id, client_secret: app.client_secret });
    expect(response.status).toBe(400);
    expect(await json(response)).toMatchObject({ error: 'unsupported_grant_type' });
  });

  it('with expiring tokens: expires_in, 401 once expired, refresh rotates', async () => {
    const server = await start({ expiringTokens: { expiresIn: 1 } });
    const app = await registerApp(server);
    const first = await signIn(server, app);
    expect(first.expires_in).toBe(1);
    expect(typeof first.refresh_token).toBe('string');
    expect((await me(server, String(first.access_token))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const expired = await me(server, String(first.access_token));
    expect(expired.status).toBe(401);
    expect(await json(expired)).toEqual({ error: 'The access token expired' });

    const refresh = (refreshToken: unknown) => post(`${server.url}/oauth/token`, { grant_type: 'refresh_token', refresh_token: String(refreshToken), client_id: app.client_id, client_secret: app.client_secret });
    const renewed = await json(await refresh(first.refresh_token));
    expect(renewed.access_token).not.toBe(first.access_token);
    expect(renewed.refresh_token).not.toBe(first.refresh_token);
    expect((await me(server, String(renewed.access_token))).status).toBe(200);
    const reused = await refresh(first.refresh_token);
    expect(reused.status).toBe(400);
    expect(await json(reused)).toMatchObject({ error: 'invalid_grant' });
    expect(server.secrets()).toEqual(expect.arrayContaining([first.refresh_token, renewed.refresh_token]));
  });
});

describe('server variants', () => {
  it('publishes OAuth metadata when PKCE is on', async () => {
    const server = await start();
    const metadata = await json(await fetch(`${server.url}/.well-known/oauth-authorization-server`));
    expect(metadata).toMatchObject({
      issuer: `${server.url}/`,
      authorization_endpoint: `${server.url}/oauth/authorize`,
      token_endpoint: `${server.url}/oauth/token`,
      revocation_endpoint: `${server.url}/oauth/revoke`,
      app_registration_endpoint: `${server.url}/api/v1/apps`,
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code', 'client_credentials'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
    expect(metadata.scopes_supported).toContain('read:accounts');
  });

  it('without PKCE (Mastodon < 4.3): no metadata, and the challenge is ignored', async () => {
    const server = await start({ pkce: false });
    expect((await fetch(`${server.url}/.well-known/oauth-authorization-server`)).status).toBe(404);
    const app = await registerApp(server);
    const { answer } = await authorize(server, app, { challenge: pkcePair().challenge });
    const code = new URL(answer.headers.get('location') ?? '').searchParams.get('code') ?? '';
    expect((await exchange(server, app, code)).status).toBe(200);
  });

  it('reports the limits in /api/v2/instance and /api/v1/instance', async () => {
    const server = await start({ maxCharacters: 5000, title: 'Tiny' });
    const v2 = await json(await fetch(`${server.url}/api/v2/instance`));
    expect(v2).toMatchObject({
      title: 'Tiny',
      configuration: {
        statuses: { max_characters: 5000, max_media_attachments: 4, characters_reserved_per_url: 23 },
        media_attachments: { description_limit: 1500 },
        urls: { streaming: server.url.replace('http', 'ws') },
      },
    });
    const v1 = await json(await fetch(`${server.url}/api/v1/instance`));
    expect(v1).toMatchObject({ title: 'Tiny', urls: { streaming_api: server.url.replace('http', 'ws') }, configuration: { statuses: { max_characters: 5000 } } });
    expect(v1).not.toHaveProperty('max_toot_chars');
  });

  it('without v2 instance: 404 there, v1 still answers', async () => {
    const server = await start({ v2Instance: false });
    const v2 = await fetch(`${server.url}/api/v2/instance`, { headers: { Accept: 'application/json' } });
    expect(v2.status).toBe(404);
    expect(await json(v2)).toEqual({ error: 'Not Found' });
    const v1 = await fetch(`${server.url}/api/v1/instance`);
    expect(v1.status).toBe(200);
    expect((await json(v1)).configuration).toBeDefined();
  });

  it('unknown routes answer 404, as HTML unless JSON is asked for', async () => {
    const server = await start();
    const page = await fetch(`${server.url}/api/v1/nothing`);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
  });

  it('with htmlErrors every error is an HTML page', async () => {
    const server = await start({ htmlErrors: true });
    const unauthorized = await me(server, 'nope', { Accept: 'application/json' });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('content-type')).toContain('text/html');
    expect(await unauthorized.text()).toContain('<html');
    const app = await registerApp(server);
    const grant = await post(`${server.url}/oauth/token`, { grant_type: 'authorization_code', code: 'x', redirect_uri: loopback, client_id: app.client_id, client_secret: app.client_secret });
    expect(grant.status).toBe(400);
    expect(grant.headers.get('content-type')).toContain('text/html');
    const missing = await fetch(`${server.url}/api/v2/nothing`, { headers: { Accept: 'application/json' } });
    expect(missing.headers.get('content-type')).toContain('text/html');
  });
});
