// Bluesky's e-mail two-factor sign-in, through the core's contract, on the local network.
//
// The open-source PDS has no e-mail 2FA (bsky.social does it in its closed-source entryway):
// the harness adds it in the PDS process, as bsky.social behaves (see the top of
// tests/support/bluesky-network.ts). 2FA applies to the ACCOUNT password only: an app password
// signs in without a code.
import { randomBytes } from 'node:crypto';
import { AtpAgent } from '@atproto/api';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectBlueskyNetwork, type BlueskyNetworkClient } from '../support/bluesky-global-setup.ts';
import type { BlueskyUser } from '../support/bluesky-network.ts';
import { leakedSecrets, startCore, type CoreHarness } from '../support/core-harness.ts';
import { builtInNetworks } from '../../electron/core/networks/registry.ts';

const CODE = /^[A-Z2-7]{5}-[A-Z2-7]{5}$/;

let network: BlueskyNetworkClient;
let carol: BlueskyUser; // 2FA on, signs in with her account password
let dave: BlueskyUser; // 2FA on, signs in with an app password
let erin: BlueskyUser; // 2FA on, for what the PDS itself answers
let braid: CoreHarness;
const suffix = randomBytes(3).toString('hex');

/** A well-formed code that is not `code`. */
const otherThan = (code: string): string => (code === 'AAAAA-AAAAA' ? 'BBBBB-BBBBB' : 'AAAAA-AAAAA');

beforeAll(async () => {
  network = await connectBlueskyNetwork(inject('blueskyNetwork'));
  [carol, dave, erin] = await Promise.all(
    ['carol', 'dave', 'erin'].map((name) => network.createUser({ handle: `${name}-2fa-${suffix}.test`, displayName: `${name} (2FA)` })),
  ) as [BlueskyUser, BlueskyUser, BlueskyUser];
  await Promise.all([carol, dave, erin].map((user) => network.enableEmailAuthFactor(user.did)));
  await network.processAll();
  braid = startCore({ networks: builtInNetworks({ bluesky: { plcUrl: network.plcUrl, entryway: network.pdsUrl } }) });
}, 180_000);
afterAll(() => braid?.close());

describe('the local network’s e-mail 2FA: what the PDS answers', () => {
  it('asks for a code and mails it, refuses a wrong one, takes the right one once; app passwords skip it', async () => {
    const agent = new AtpAgent({ service: network.pdsUrl });
    const confirmation = await network.lastEmailCode(erin.email); // enabling 2FA confirmed the address by mail
    expect(confirmation).toMatch(CODE);

    await expect(agent.login({ identifier: erin.handle, password: erin.password })).rejects.toMatchObject({
      status: 401,
      error: 'AuthFactorTokenRequired',
      message: 'A sign in code has been sent to your email address',
    });
    const code = await network.lastEmailCode(erin.email);
    expect(code).toMatch(CODE);
    expect(code).not.toBe(confirmation);

    await expect(agent.login({ identifier: erin.handle, password: erin.password, authFactorToken: otherThan(code!) })).rejects.toMatchObject({
      status: 400,
      error: 'InvalidToken',
      message: 'Token is invalid',
    });
    await expect(agent.login({ identifier: erin.handle, password: 'wrong-wrong-wrong', authFactorToken: code! })).rejects.toMatchObject({
      status: 401,
      error: 'AuthenticationRequired',
      message: 'Invalid identifier or password',
    });

    const { data } = await agent.login({ identifier: erin.handle, password: erin.password, authFactorToken: code!.toLowerCase() });
    expect(data.did).toBe(erin.did);
    await expect(agent.login({ identifier: erin.handle, password: erin.password, authFactorToken: code! })).rejects.toMatchObject({
      status: 400,
      error: 'InvalidToken',
    });

    const withAppPassword = await new AtpAgent({ service: network.pdsUrl }).login({ identifier: erin.handle, password: erin.appPassword });
    expect(withAppPassword.data.did).toBe(erin.did);
    expect(await network.createSessionCount(erin)).toBe(6);
  });
});

describe('Bluesky e-mail 2FA, through the core’s contract, on the local network', () => {
  it('signing in with the account password asks for the code Bluesky e-mailed, and adds no account yet', async () => {
    const before = await network.lastEmailCode(carol.email);
    expect(await braid.call('accounts.bluesky.signIn', { identifier: `@${carol.handle}`, password: carol.password })).toEqual({
      ok: false,
      error: { code: 'auth_factor_required', message: 'Bluesky sent a sign-in code to your e-mail address. Type it to finish signing in.', phrase: { id: 'error.signIn.codeSent' } },
    });
    const code = await network.lastEmailCode(carol.email);
    expect(code).toMatch(CODE);
    expect(code).not.toBe(before);
    expect(await braid.value('accounts.list')).toEqual([]);
    expect(await network.createSessionCount(carol)).toBe(1);
  });

  it('refuses a wrong code, and adds no account', async () => {
    const code = (await network.lastEmailCode(carol.email))!;
    const result = await braid.call('accounts.bluesky.signIn', { identifier: carol.handle, password: carol.password, authFactorToken: otherThan(code) });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await braid.value('accounts.list')).toEqual([]);
    expect(await network.lastEmailCode(carol.email)).toBe(code); // no new mail: the code sent stays valid
  });

  // Known gap. Today the core says "localhost:PORT refused the sign-in (400): “Token is invalid”."
  // (the server's 400 InvalidToken, through fromXrpcError's default case). The fix belongs in
  // signIn in electron/core/networks/bluesky/sessions.ts: when a code was sent and the server
  // answers InvalidToken (or ExpiredToken), say that the sign-in code is wrong (or has expired).
  // Once the core does, this test fails: turn `it.fails` into `it`.
  it('says in plain words that the code is wrong', async () => {
    const code = (await network.lastEmailCode(carol.email))!;
    const result = await braid.call('accounts.bluesky.signIn', { identifier: carol.handle, password: carol.password, authFactorToken: otherThan(code) });
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.error.message;
    expect(message).toMatch(/sign-in code/i);
    expect(message).not.toMatch(/token|\(400\)/i);
  });

  it('signs in with the code from the mail: the account appears, status ok', async () => {
    const code = (await network.lastEmailCode(carol.email))!;
    const account = await braid.value('accounts.bluesky.signIn', { identifier: carol.handle, password: carol.password, authFactorToken: code });
    expect(account).toMatchObject({
      id: `bluesky:${carol.did}`,
      network: 'bluesky',
      handle: carol.handle,
      displayName: 'carol (2FA)',
      server: new URL(network.pdsUrl).host,
      status: 'ok',
    });
    expect((await braid.value('accounts.list')).map((a) => [a.handle, a.status])).toEqual([[carol.handle, 'ok']]);
    expect((await braid.value('accounts.check')).map((a) => [a.handle, a.status])).toEqual([[carol.handle, 'ok']]);
  });

  it('an app password signs in without a code, even with 2FA on, and no mail is sent', async () => {
    const before = await network.lastEmailCode(dave.email);
    const account = await braid.value('accounts.bluesky.signIn', { identifier: dave.handle, password: dave.appPassword });
    expect(account).toMatchObject({ id: `bluesky:${dave.did}`, status: 'ok' });
    expect(await network.lastEmailCode(dave.email)).toBe(before);
    expect(await network.createSessionCount(dave)).toBe(1);
  });

  it('never lets the account password, the code or a session token reach the renderer, the database or the logs', async () => {
    const read = braid.core.secrets.read(`account:bluesky:${carol.did}`);
    expect(read.ok && read.value).toBeTruthy();
    const { session } = JSON.parse(read.ok ? (read.value ?? '{}') : '{}') as { session: { accessJwt: string; refreshJwt: string } };
    const secrets = [carol.password, (await network.lastEmailCode(carol.email))!, session.accessJwt, session.refreshJwt];
    expect(leakedSecrets(braid.transcript(), secrets)).toEqual([]);
    expect(leakedSecrets(braid.plainFiles(), secrets)).toEqual([]);
  });
});
