import { describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../shared/bridge.ts';
import { channelNames, channels, fail, ok, resultSchema, type Handlers } from '../../shared/contract.ts';
import { createDispatcher } from '../../electron/core/dispatch.ts';
import { blankDraft } from '../../shared/compose/blank-draft.ts';
import type { Draft } from '../../shared/domain/draft.ts';

const account = {
  id: 'bluesky:did:plc:abc',
  network: 'bluesky',
  server: 'bsky.social',
  handle: 'alice.test',
  displayName: 'Alice',
  avatarUrl: null,
  status: 'ok',
  postByDefault: true,
  limits: null,
} as const;

const notUsedHere = async () => fail('not_supported', 'not used in this test');

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const unused = Object.fromEntries(channelNames.map((name) => [name, notUsedHere])) as unknown as Handlers;
  return {
    ...unused,
    'app.info': async () => ok({ name: 'Braid', version: '1.0.0', host: 'browser', platform: 'linux', networks: [], imageOrigins: [], desktopAlerts: 'web' }),
    'theme.get': async () => ok('dark'),
    'theme.set': async (theme) => ok(theme),
    'accounts.list': async () => ok([account]),
    ...overrides,
  };
}

describe('the dispatcher (the core’s one door)', () => {
  const silent = () => undefined;

  it('answers a valid call with the handler’s value', async () => {
    const dispatch = createDispatcher(handlers(), silent);
    await expect(dispatch('theme.set', 'light')).resolves.toEqual({ ok: true, value: 'light' });
    await expect(dispatch('theme.get', undefined)).resolves.toEqual({ ok: true, value: 'dark' });
  });

  it('refuses unknown channels and invalid payloads before any handler runs', async () => {
    const setTheme = vi.fn(async () => ok('dark' as const));
    const dispatch = createDispatcher(handlers({ 'theme.set': setTheme }), silent);
    const unknown = await dispatch('accounts.tokens', undefined);
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const proto = await dispatch('__proto__', undefined);
    expect(proto).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const invalid = await dispatch('theme.set', 'purple');
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(setTheme).not.toHaveBeenCalled();
  });

  it('says how far over its limit a text is, in words', async () => {
    const saveDraft = vi.fn(async (draft: Draft) => ok(draft));
    const dispatch = createDispatcher(handlers({ 'drafts.save': saveDraft }), silent);
    const draft = { ...blankDraft('8b3d1f0e-6a43-4a55-9f76-3a6a0cfe1a11', []), text: 'x'.repeat(100_123) };
    const refused = await dispatch('drafts.save', draft);
    expect(refused).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'Invalid request for drafts.save: text: too long: 100123 of 100000 characters.',
        phrase: { id: 'error.channel.invalid', values: { channel: 'drafts.save', problems: 'text: too long: 100123 of 100000 characters.' } },
      },
    });
    expect(saveDraft).not.toHaveBeenCalled();
  });

  it('strips fields the contract does not name from answers, so a token never crosses', async () => {
    const leaky = handlers({
      'accounts.list': async () => ok([{ ...account, accessToken: 'secret-token' } as typeof account]),
    });
    const result = await createDispatcher(leaky, silent)('accounts.list', undefined);
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toContain('secret-token');
  });

  it('turns a throwing handler or a contract-breaking answer into an internal error', async () => {
    const log = vi.fn();
    const broken = handlers({
      'theme.get': async () => {
        throw new Error('boom');
      },
      'app.info': async () => ok({ name: 'Braid' } as never),
    });
    const dispatch = createDispatcher(broken, log);
    await expect(dispatch('theme.get', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    await expect(dispatch('app.info', undefined)).resolves.toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(log).toHaveBeenCalledTimes(2);
  });

  it('passes a handler’s own error through untouched', async () => {
    const failing = handlers({ 'accounts.list': async () => fail('auth_expired', 'Sign in again', 'mastodon:x:1') });
    await expect(createDispatcher(failing, silent)('accounts.list', undefined)).resolves.toEqual({
      ok: false,
      error: { code: 'auth_expired', message: 'Sign in again', account: 'mastodon:x:1' },
    });
  });
});

describe('the bridge built from the contract', () => {
  it('forwards known channels to its transport and refuses unknown ones', async () => {
    const invoke = vi.fn(async () => ok('light'));
    const bridge = createBridge({ invoke, subscribe: () => () => undefined });
    await expect(bridge.invoke('theme.set', 'light')).resolves.toEqual(ok('light'));
    expect(invoke).toHaveBeenCalledWith('theme.set', 'light');

    const unknown = await (bridge.invoke as (channel: string) => Promise<unknown>)('shell.exec');
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(invoke).toHaveBeenCalledTimes(1);
  });

  it('reports a broken transport as a network error instead of throwing', async () => {
    const bridge = createBridge({
      invoke: async () => {
        throw new Error('socket closed');
      },
      subscribe: () => () => undefined,
    });
    await expect(bridge.invoke('app.info')).resolves.toMatchObject({ ok: false, error: { code: 'network' } });
  });

  it('subscribes only to events the contract names', () => {
    const subscribe = vi.fn(() => () => undefined);
    const bridge = createBridge({ invoke: vi.fn(), subscribe });
    const listener = vi.fn();
    bridge.on('theme.changed', listener);
    expect(subscribe).toHaveBeenCalledWith('theme.changed', expect.any(Function));
    expect(() => (bridge.on as (event: string, fn: () => void) => void)('ipc.raw', listener)).toThrow(/Unknown event/);
  });
});

describe('the contract itself', () => {
  it('gives every channel a request and a response schema', () => {
    for (const name of channelNames) {
      expect(channels[name].request.safeParse).toBeTypeOf('function');
      expect(channels[name].response.safeParse).toBeTypeOf('function');
    }
  });

  it('describes results as ok/value or ok/error with a closed set of codes', () => {
    const schema = resultSchema(channels['theme.get'].response);
    expect(schema.safeParse({ ok: true, value: 'dark' }).success).toBe(true);
    expect(schema.safeParse({ ok: false, error: { code: 'rate_limited', message: 'wait' } }).success).toBe(true);
    expect(schema.safeParse({ ok: false, error: { code: 'teapot', message: 'no' } }).success).toBe(false);
  });
});
