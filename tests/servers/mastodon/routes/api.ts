import { authorizeUser } from '../auth.ts';
import { credentialAccount, instanceV1, instanceV2 } from '../entities.ts';
import { sendJson, type Ctx } from '../http.ts';
import type { Router } from '../router.ts';
import { configuredScopes } from '../scopes.ts';

function firstUser(ctx: Ctx) {
  return ctx.server.state.users.values().next().value;
}

/** RFC 8414 metadata as Mastodon 4.3+ serves it, with its non-standard app_registration_endpoint. */
function oauthMetadata(ctx: Ctx): void {
  const base = ctx.server.baseUrl();
  const grantTypes = ['authorization_code', 'client_credentials'];
  if (ctx.server.options.tokenLifetime !== null) grantTypes.push('refresh_token');
  sendJson(ctx, 200, {
    issuer: `${base}/`,
    service_documentation: 'https://docs.joinmastodon.org/',
    authorization_endpoint: `${base}/oauth/authorize`,
    token_endpoint: `${base}/oauth/token`,
    app_registration_endpoint: `${base}/api/v1/apps`,
    revocation_endpoint: `${base}/oauth/revoke`,
    scopes_supported: configuredScopes,
    response_types_supported: ['code'],
    response_modes_supported: ['query', 'fragment', 'form_post'],
    code_challenge_methods_supported: ['S256'],
    grant_types_supported: grantTypes,
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
  });
}

export function apiRoutes(router: Router, options: { v2Instance: boolean; pkce: boolean }): void {
  router.add('GET', '/api/v1/accounts/verify_credentials', (ctx) => {
    const auth = authorizeUser(ctx, ['profile', 'read', 'read:accounts']);
    if (auth) {
      const { renderer, social } = ctx.server;
      sendJson(ctx, 200, credentialAccount(auth.user, ctx.server.baseUrl(), renderer.stats(auth.user.id), renderer.profile(social.requireAccount(auth.user.username))));
    }
  });
  router.add('GET', '/api/v1/instance', (ctx) => {
    sendJson(ctx, 200, instanceV1(ctx.server.options, ctx.server.baseUrl(), ctx.server.state.users.size, firstUser(ctx)));
  });
  if (options.v2Instance) {
    router.add('GET', '/api/v2/instance', (ctx) => sendJson(ctx, 200, instanceV2(ctx.server.options, ctx.server.baseUrl(), firstUser(ctx))));
  }
  if (options.pkce) router.add('GET', '/.well-known/oauth-authorization-server', oauthMetadata);
}
