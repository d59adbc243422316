// The scopes Mastodon's Doorkeeper configuration knows (4.4: `profile` added, `read:me` gone).
export const configuredScopes: readonly string[] = [
  'read', 'write', 'follow', 'push', 'profile',
  'read:accounts', 'read:blocks', 'read:bookmarks', 'read:favourites', 'read:filters', 'read:follows',
  'read:lists', 'read:mutes', 'read:notifications', 'read:search', 'read:statuses',
  'write:accounts', 'write:blocks', 'write:bookmarks', 'write:conversations', 'write:favourites',
  'write:filters', 'write:follows', 'write:lists', 'write:media', 'write:mutes', 'write:notifications',
  'write:reports', 'write:statuses',
  'admin:read', 'admin:read:accounts', 'admin:read:reports', 'admin:read:domain_allows',
  'admin:read:domain_blocks', 'admin:read:ip_blocks', 'admin:read:email_domain_blocks',
  'admin:read:canonical_email_blocks',
  'admin:write', 'admin:write:accounts', 'admin:write:reports', 'admin:write:domain_allows',
  'admin:write:domain_blocks', 'admin:write:ip_blocks', 'admin:write:email_domain_blocks',
  'admin:write:canonical_email_blocks',
];

export const defaultScopes: readonly string[] = ['read'];

/** Splits a scope string on whitespace (query strings may use '+', which URLSearchParams already turns into spaces). */
export function parseScopes(value: string | undefined): string[] {
  return [...new Set((value ?? '').split(/\s+/).filter((s) => s !== ''))];
}

export function allConfigured(scopes: readonly string[]): boolean {
  return scopes.every((s) => configuredScopes.includes(s));
}

export function isSubset(requested: readonly string[], allowed: readonly string[]): boolean {
  return requested.every((s) => allowed.includes(s));
}

export function sameScopes(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && isSubset(a, b);
}

/** Doorkeeper lets a token through when it holds ANY of the scopes an endpoint lists. */
export function grantsAny(held: readonly string[], required: readonly string[]): boolean {
  return required.some((s) => held.includes(s));
}
