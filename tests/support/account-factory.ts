import type { AccountSummary } from '../../shared/domain/account.ts';

/** A signed-in account as the core lists it, with the fields a test does not care about filled in. */
export const accountSummary = (id: string, network: 'mastodon' | 'bluesky', overrides: Partial<AccountSummary> = {}): AccountSummary => ({
  id,
  network,
  server: 'example',
  handle: id,
  displayName: id,
  avatarUrl: null,
  status: 'ok',
  postByDefault: true,
  limits: null,
  ...overrides,
});
