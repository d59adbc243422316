// Vitest globalSetup: ONE local Bluesky network (PLC + PDS + AppView, see bluesky-network.ts)
// for the whole Vitest run, shared by every test file that asks for it.
//
// How tests reach it. The network's objects (and so createUser, processAll, the server-side
// createSession counter and revocation) live in Vitest's main process, where globalSetup runs;
// test files run in worker processes. So the setup also serves a tiny JSON control server on
// 127.0.0.1 that calls those functions, and hands its URL to the workers with Vitest's
// provide/inject (project.provide in the setup, inject() from 'vitest' in a test; documented for
// Vitest 5 at https://vitest.dev/config/globalsetup and https://vitest.dev/config/provide). A test
// file gets the full harness, minus close(), and with async counts:
//
//   import { inject } from 'vitest';
//   import { connectBlueskyNetwork } from '../support/bluesky-global-setup.ts';
//   import type { BlueskyNetworkClient } from '../support/bluesky-global-setup.ts';
//
//   let bluesky: BlueskyNetworkClient;
//   beforeAll(async () => { bluesky = await connectBlueskyNetwork(inject('blueskyNetwork')); }, 120_000);
//   … const alice = await bluesky.createUser({ handle: `alice-${suffix}.test` });
//   … await bluesky.processAll(); expect(await bluesky.createSessionCount(alice)).toBe(1);
//
// The network starts lazily, on the first connectBlueskyNetwork() of the run: a Vitest run
// without Bluesky tests starts no PostgreSQL and no network, and a machine without PostgreSQL
// fails only those tests, with the harness's "apt-get install postgresql" message. Every later
// connect gets the same network (or the same start error). Teardown closes it all.
//
// Shared means: test files run in parallel on the same PDS. Use unique handles per file (e.g. a
// random suffix; handles must end in .test), and count createSession per user
// (createSessionCount(user)), not the global total.
//
// E-mail 2FA: enableEmailAuthFactor(user.did), then signing in with user.password (not an app
// password) answers AuthFactorTokenRequired and mails a code; lastEmailCode(user.email) reads it.
import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TestProject } from 'vitest/node';
import type { BlueskyNetwork, BlueskyUser, CreateUserInput, SessionCountFilter } from './bluesky-network.ts';

/** What the setup provides to the workers. */
export interface ProvidedBlueskyNetwork {
  controlUrl: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    blueskyNetwork: ProvidedBlueskyNetwork;
  }
}

/** The shared network, as a test file in a worker sees it. */
export interface BlueskyNetworkClient {
  pdsUrl: string;
  plcUrl: string;
  appViewUrl: string;
  createUser(input: CreateUserInput): Promise<BlueskyUser>;
  createAppPassword(did: string, name?: string): Promise<string>;
  createSessionCount(filter?: SessionCountFilter): Promise<number>;
  revokeAppPasswords(did: string): Promise<void>;
  enableEmailAuthFactor(did: string): Promise<void>;
  lastEmailCode(email: string): Promise<string | null>;
  processAll(): Promise<void>;
}

interface NetworkUrls {
  pdsUrl: string;
  plcUrl: string;
  appViewUrl: string;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let network: Promise<BlueskyNetwork> | undefined;
  const started = (): Promise<BlueskyNetwork> => {
    network ??= import('./bluesky-network.ts').then(({ startBlueskyNetwork }) => startBlueskyNetwork());
    return network;
  };

  const actions: Record<string, (body: Record<string, unknown>) => Promise<unknown>> = {
    start: async () => {
      const { pdsUrl, plcUrl, appViewUrl } = await started();
      return { pdsUrl, plcUrl, appViewUrl } satisfies NetworkUrls;
    },
    'create-user': async (body) => (await started()).createUser(body as unknown as CreateUserInput),
    'create-app-password': async (body) => (await started()).createAppPassword(String(body.did), typeof body.name === 'string' ? body.name : undefined),
    'create-session-count': async (body) => (await started()).createSessionCount(body.filter as SessionCountFilter | undefined),
    'revoke-app-passwords': async (body) => (await started()).revokeAppPasswords(String(body.did)),
    'enable-email-auth-factor': async (body) => (await started()).enableEmailAuthFactor(String(body.did)),
    'last-email-code': async (body) => (await started()).lastEmailCode(String(body.email)),
    'process-all': async () => (await started()).processAll(),
  };

  const server = createServer((req, res) => void handle(req, res));
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const answer = (status: number, value: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value ?? null));
    };
    const action = req.method === 'POST' ? actions[(req.url ?? '').replace(/^\//, '')] : undefined;
    if (action === undefined) return answer(404, { error: `unknown action ${req.method} ${req.url}` });
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const text = Buffer.concat(chunks).toString('utf8');
      const body = (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>;
      answer(200, { result: await action(body) });
    } catch (error) {
      answer(500, { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    }
  };
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address !== 'object') throw new Error('the Bluesky control server has no port');
  project.provide('blueskyNetwork', { controlUrl: `http://127.0.0.1:${address.port}` });

  return async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
    if (network !== undefined) await (await network.catch(() => undefined))?.close();
  };
}

/** Connects a test file to the run's network (starting it on first use). Pass inject('blueskyNetwork'). */
export async function connectBlueskyNetwork(provided: ProvidedBlueskyNetwork | undefined): Promise<BlueskyNetworkClient> {
  if (provided === undefined) {
    throw new Error("No shared Bluesky network: add 'tests/support/bluesky-global-setup.ts' to test.globalSetup in vitest.config.ts, or use startBlueskyNetwork() from tests/support/bluesky-network.ts");
  }
  const call = async <T>(action: string, body: Record<string, unknown> = {}): Promise<T> => {
    const res = await fetch(`${provided.controlUrl}/${action}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const reply = (await res.json()) as { result?: T; error?: string };
    if (!res.ok) throw new Error(`Bluesky network (${action}): ${reply.error ?? res.statusText}`);
    return reply.result as T;
  };
  const urls = await call<NetworkUrls>('start');
  return {
    ...urls,
    createUser: (input) => call<BlueskyUser>('create-user', { ...input }),
    createAppPassword: (did, name) => call<string>('create-app-password', { did, name }),
    createSessionCount: (filter) => call<number>('create-session-count', { filter }),
    revokeAppPasswords: (did) => call<undefined>('revoke-app-passwords', { did }).then(() => undefined),
    enableEmailAuthFactor: (did) => call<undefined>('enable-email-auth-factor', { did }).then(() => undefined),
    lastEmailCode: (email) => call<string | null>('last-email-code', { email }),
    processAll: () => call<undefined>('process-all').then(() => undefined),
  };
}
