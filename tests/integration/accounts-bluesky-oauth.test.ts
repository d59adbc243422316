import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectBlueskyNetwork, type BlueskyNetworkClient } from '../support/bluesky-global-setup.ts';
import type { BlueskyUser } from '../support/bluesky-network.ts';
import { actInThePdsPage } from '../support/bluesky-oauth-user.ts';
import { leakedSecrets, startCore, type CoreHarness } from '../support/core-harness.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';

let network: BlueskyNetworkClient;
let erin: BlueskyUser;
let braid: CoreHarness;
const suffix = randomBytes(3).toString('hex');

beforeAll(async () => {
  network = await connectBlueskyNetwork(inject('blueskyNetwork'));
  erin = await network.createUser({ handle: `erin-${suffix}.test`, displayName: 'Erin via OAuth' });
  await network.processAll();
  braid = startCore({ networks: builtInNetworks({ bluesky: { plcUrl: network.plcUrl, entryway: network.pdsUrl } }) });
}, 180_000);
afterAll(() => braid?.close());

describe('Bluesky OAuth sign-in, through the core’s contract', () => {
  it('signs in on the account’s own server page: no password ever reaches Braid, no createSession', async () => {
    const begun = await braid.value('accounts.bluesky.begin', { identifier: erin.handle });
    const waiting = braid.call('accounts.bluesky.await', { flowId: begun.flowId });
    const answer = await actInThePdsPage(begun.authorizeUrl, erin);
    expect(answer.body).toContain('Signed in');
    const result = await waiting;
    expect(result).toMatchObject({ ok: true, value: { id: `bluesky:${erin.did}`, handle: erin.handle, displayName: 'Erin via OAuth', status: 'ok' } });
    expect(await network.createSessionCount(erin)).toBe(0);
  });

  it('stays signed in after a restart, and the account is checked with its server', async () => {
    braid = braid.restart();
    expect((await braid.value('accounts.check')).map((a) => [a.handle, a.status])).toEqual([[erin.handle, 'ok']]);
    const session = braid.core.secrets.read(`bluesky-oauth:${erin.did}`);
    expect(session.ok && session.value).toBeTruthy();
  });

  it('keeps the OAuth tokens and DPoP key out of the renderer, the database and the logs', async () => {
    const read = braid.core.secrets.read(`bluesky-oauth:${erin.did}`);
    const stored = JSON.parse(read.ok ? (read.value ?? '{}') : '{}') as { tokenSet?: { access_token?: string; refresh_token?: string }; dpopJwk?: { d?: string } };
    const secrets = [stored.tokenSet?.access_token, stored.tokenSet?.refresh_token, stored.dpopJwk?.d, erin.password].filter((s): s is string => !!s);
    expect(secrets).toHaveLength(4);
    expect(leakedSecrets(braid.transcript(), secrets)).toEqual([]);
    expect(leakedSecrets(braid.plainFiles(), secrets)).toEqual([]);
  });

  it('removing the account signs it out on the server and forgets the session', async () => {
    await braid.value('accounts.remove', { id: `bluesky:${erin.did}` });
    expect(await braid.value('accounts.list')).toEqual([]);
    expect(braid.core.secrets.read(`bluesky-oauth:${erin.did}`)).toEqual({ ok: true, value: null });
  });
});
