import { credentialApplication } from '../entities.ts';
import { sendError } from '../errors.ts';
import { list, sendJson, str, type Ctx } from '../http.ts';
import { redirectUriProblem } from '../redirect-uris.ts';
import type { Router } from '../router.ts';
import { allConfigured, defaultScopes, parseScopes } from '../scopes.ts';

function validWebsite(website: string): boolean {
  try {
    const url = new URL(website);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** POST /api/v1/apps: Doorkeeper::Application.create! with Mastodon's extra validations; failures are 422 RecordInvalid. */
function createApp(ctx: Ctx): void {
  const name = str(ctx.input, 'client_name')?.trim() ?? '';
  const redirectUri = list(ctx.input, 'redirect_uris')?.join('\n') ?? '';
  const asOne = ctx.server.options.redirectUrisAsOne;
  const redirectUris = asOne ? [redirectUri.trim()].filter((u) => u !== '') : redirectUri.split(/\s+/).filter((u) => u !== '');
  const scopes = parseScopes(list(ctx.input, 'scopes')?.join(' '));
  const website = str(ctx.input, 'website') || null;

  const problems: string[] = [];
  if (name === '') problems.push("Application name can't be blank");
  if (redirectUris.length === 0) problems.push("Redirect URI can't be blank");
  // Kept as one, a joined list is stored unchecked: it fails only when used.
  for (const uri of redirectUris.filter((u) => !(asOne && /\s/.test(u)))) {
    const problem = redirectUriProblem(uri);
    if (problem) problems.push(`Redirect URI ${problem}`);
  }
  if (!allConfigured(scopes)) problems.push("Scopes doesn't match configured on the server.");
  if (name.length > 60) problems.push('Application name is too long (maximum is 60 characters)');
  if (website !== null && !validWebsite(website)) problems.push('Application website is invalid');
  if (problems.length > 0) {
    sendError(ctx, 422, { error: `Validation failed: ${[...new Set(problems)].join(', ')}` });
    return;
  }

  const app = ctx.server.state.createApp({
    name, website, redirectUri, redirectUris, scopes: scopes.length > 0 ? scopes : [...defaultScopes],
  });
  sendJson(ctx, 200, credentialApplication(app));
}

export function appRoutes(router: Router): void {
  router.add('POST', '/api/v1/apps', createApp);
}
