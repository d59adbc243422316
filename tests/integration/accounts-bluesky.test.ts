import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectBlueskyNetwork, type BlueskyNetworkClient } from '../support/bluesky-global-setup.ts';
import type { BlueskyUser } from '../support/bluesky-network.ts';
import { leakedSecrets, startCore, type CoreHarness } from '../support/core-harness.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';

let network: BlueskyNetworkClient;
let alice: BlueskyUser;
let bob: BlueskyUser;
let braid: CoreHarness;
const suffix = randomBytes(3).toString('hex');

beforeAll(async () => {
  network = await connectBlueskyNetwork(inject('blueskyNetwork'));
  alice = await network.createUser({ handle: `alice-${suffix}.test`, displayName: 'Alice on Bluesky' });
  bob = await network.createUser({ handle: `bob-${suffix}.test`, displayName: 'Bob' });
  await network.processAll();
  braid = startCore({ networks: builtInNetworks({ bluesky: { plcUrl: network.plcUrl, entryway: network.pdsUrl } }) });
}, 180_000);
afterAll(() => braid?.close());

describe('Bluesky sign-in, through the core’s contract, on the local network', () => {
  it('resolves a handle to its PDS and signs in with an app password, once', async () => {
    const account = await braid.value('accounts.bluesky.signIn', { identifier: `@${alice.handle}`, password: alice.appPassword });
    expect(account).toMatchObject({
      id: `bluesky:${alice.did}`,
      network: 'bluesky',
      handle: alice.handle,
      displayName: 'Alice on Bluesky',
      server: new URL(network.pdsUrl).host,
      status: 'ok',
      postByDefault: true,
      limits: null,
    });
    expect(await network.createSessionCount(alice)).toBe(1);
  });

  it('signs in by DID too, and lists both accounts', async () => {
    const account = await braid.value('accounts.bluesky.signIn', { identifier: bob.did, password: bob.appPassword });
    expect(account.handle).toBe(bob.handle);
    expect((await braid.value('accounts.list')).map((a) => a.handle)).toEqual([alice.handle, bob.handle]);
  });

  it('after a restart both are still signed in, without any new createSession', async () => {
    const before = await network.createSessionCount();
    braid = braid.restart();
    const checked = await braid.value('accounts.check');
    expect(checked.map((a) => a.status)).toEqual(['ok', 'ok']);
    expect(await network.createSessionCount()).toBe(before);
  });

  it('a session revoked on the server asks to sign in again, and only for that account', async () => {
    await network.revokeAppPasswords(bob.did);
    const checked = await braid.value('accounts.check');
    expect(checked.find((a) => a.handle === alice.handle)?.status).toBe('ok');
    expect(checked.find((a) => a.handle === bob.handle)?.status).toBe('auth_expired');

    const fresh = await network.createAppPassword(bob.did);
    const again = await braid.value('accounts.bluesky.signIn', { identifier: bob.handle, password: fresh });
    expect(again).toMatchObject({ id: `bluesky:${bob.did}`, status: 'ok' });
  });

  it('explains a wrong password and an unknown handle', async () => {
    expect(await braid.call('accounts.bluesky.signIn', { identifier: alice.handle, password: 'wrong-wrong-wrong' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('Wrong handle or password') as string },
    });
    expect(await braid.call('accounts.bluesky.signIn', { identifier: `nobody-${suffix}.test`, password: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: `No Bluesky account has the handle @nobody-${suffix}.test.` },
    });
    expect(await braid.call('accounts.bluesky.signIn', { identifier: 'not a handle!', password: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_input' },
    });
  });

  it('never lets a session token or password reach the renderer, the database or the logs', async () => {
    const stored = [alice, bob].map((user) => braid.core.secrets.read(`account:bluesky:${user.did}`));
    const secrets = stored.flatMap((read) => {
      if (!read.ok || !read.value) return [];
      const { session } = JSON.parse(read.value) as { session: { accessJwt: string; refreshJwt: string } };
      return [session.accessJwt, session.refreshJwt];
    });
    expect(secrets).toHaveLength(4);
    secrets.push(alice.password, bob.password);
    expect(leakedSecrets(braid.transcript(), secrets)).toEqual([]);
    expect(leakedSecrets(braid.plainFiles(), secrets)).toEqual([]);
  });

  it('removing an account ends its session on the server and forgets it here', async () => {
    const id = `bluesky:${alice.did}`;
    await braid.value('accounts.remove', { id });
    expect((await braid.value('accounts.list')).map((a) => a.id)).not.toContain(id);
    expect(braid.core.secrets.read(`account:${id}`)).toEqual({ ok: true, value: null });
  });
});
