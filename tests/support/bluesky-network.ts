// The real local Bluesky network for Braid's tests: PLC + PDS + AppView (plus the bsync and
// ozone services dev-env always starts) from @atproto/dev-env, on a throwaway PostgreSQL.
//
//   const network = await startBlueskyNetwork();   // ~2 s + PostgreSQL ~3 s, ~400 MB RSS
//   try { … } finally { await network.close(); }   // stops everything, removes every temp folder
//
// What it adds to dev-env, all on the SERVER side (a client cannot fake or skip it):
// - createSessionCount(): every POST /xrpc/com.atproto.server.createSession the PDS's HTTP server
//   receives (successful or not), counted by a 'request' listener put in front of the PDS's
//   express app. Per user: the identifier in the request body, read when the response is sent.
// - revokeAppPasswords(did): deletes the user's app passwords and every refresh token through
//   the PDS's account manager, so the next refresh answers 400 ExpiredToken ("Token has been
//   revoked"). Access JWTs are stateless on a real PDS and would keep working until they expire
//   (2 h); here the access JWTs already issued to that user are made to verify as expired at once
//   (400 ExpiredToken, the PDS's own error), so a client sees "access expired → refresh → revoked"
//   right away, as it would 2 hours later.
//
// Only one start runs at a time per process (starting juggles process.env); the network itself
// can live alongside others. Server logs are off unless the environment has LOG_ENABLED=true
// (e.g. LOG_ENABLED=true LOG_LEVEL=error), read once when dev-env is first imported.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtpAgent } from '@atproto/api';
import type { TestNetwork } from '@atproto/dev-env';
import { freePort, startPostgres } from './postgres.ts';
import type { Postgres } from './postgres.ts';

export interface BlueskyUser {
  did: string;
  handle: string;
  /** The account password (what the user never gives Braid). */
  password: string;
  email: string;
  /** An app password made with com.atproto.server.createAppPassword: what Braid signs in with. */
  appPassword: string;
}

export interface CreateUserInput {
  /** Must end in .test, e.g. 'alice.test'. */
  handle: string;
  /** Account password; a random one by default. */
  password?: string;
  /** Profile display name; the handle's first label by default. */
  displayName?: string;
}

/** Whose createSession calls to count: a user, or the identifier a client sends (handle, DID or email). */
export type SessionCountFilter = string | Pick<BlueskyUser, 'did' | 'handle' | 'email'>;

export interface BlueskyNetwork {
  /** http://localhost:PORT */
  pdsUrl: string;
  plcUrl: string;
  appViewUrl: string;
  /** Creates an account (com.atproto.server.createAccount), an app password and a profile. Call processAll() before reading it from the AppView. */
  createUser(input: CreateUserInput): Promise<BlueskyUser>;
  /** A further app password for an existing user (e.g. to sign in again after revokeAppPasswords). Counts no createSession. */
  createAppPassword(did: string, name?: string): Promise<string>;
  /** com.atproto.server.createSession requests the PDS received, successful or not; all of them, or one user's. */
  createSessionCount(filter?: SessionCountFilter): number;
  /** Invalidates every app password and session of the user on the server (see the top of this file). */
  revokeAppPasswords(did: string): Promise<void>;
  /** Waits until the AppView has indexed everything written so far. */
  processAll(): Promise<void>;
  /** Closes the network, stops PostgreSQL and removes the temp folders. Safe to call twice. */
  close(): Promise<void>;
  /** The dev-env network itself, for what this harness does not cover. */
  devEnv: TestNetwork;
}

// --- The few dev-env / PDS internals used here (untyped or protected in their .d.ts) ---

interface TokenPair {
  accessJwt: string;
  refreshJwt: string;
}

interface AccountManagerInternals {
  createSession(...args: unknown[]): Promise<TokenPair>;
  createAccountAndSession(...args: unknown[]): Promise<TokenPair>;
  rotateRefreshToken(...args: unknown[]): Promise<TokenPair | null>;
  listAppPasswords(did: string): Promise<{ name: string }[]>;
  revokeAppPassword(did: string, name: string): Promise<void>;
  createAppPassword(did: string, name: string, privileged: boolean): Promise<{ password: string }>;
  db: { db: { deleteFrom(table: 'refresh_token'): { where(column: 'did', op: '=', value: string): { execute(): Promise<unknown> } } } };
}

interface AuthVerifierInternals {
  verifyBearerJwt(req: IncomingMessage, options: Record<string, unknown>): Promise<unknown>;
}

const CREATE_SESSION_PATH = '/xrpc/com.atproto.server.createSession';
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

let startQueue: Promise<unknown> = Promise.resolve();

/** Starts PostgreSQL and the network on free ports. Always close() it, also when a test fails. */
export async function startBlueskyNetwork(): Promise<BlueskyNetwork> {
  const start = startQueue.then(() => startNetwork());
  startQueue = start.catch(() => undefined);
  return start;
}

async function startNetwork(): Promise<BlueskyNetwork> {
  const runDir = await mkdtemp(join(tmpdir(), 'braid-bluesky-'));
  let postgres: Postgres | undefined;
  let network: TestNetwork | undefined;
  // When the process exits without close() (a crash, process.exit): at least no folder stays.
  const removeRunDirOnExit = (): void => rmSync(runDir, { recursive: true, force: true });
  process.on('exit', removeRunDirOnExit);
  const cleanUp = async (): Promise<void> => {
    process.off('exit', removeRunDirOnExit);
    try {
      await network?.close();
    } finally {
      try {
        await postgres?.stop();
      } finally {
        await rm(runDir, { recursive: true, force: true });
      }
    }
  };

  try {
    // Loading dev-env takes seconds (thousands of modules): do it while PostgreSQL starts. And
    // before TMPDIR changes: dev-env keeps a port-lock folder under the temp dir, chosen at import.
    const [devEnvModule, startedPostgres] = await Promise.allSettled([import('@atproto/dev-env'), startPostgres({ database: 'bsky' })]);
    if (startedPostgres.status === 'fulfilled') postgres = startedPostgres.value;
    if (devEnvModule.status === 'rejected') throw devEnvModule.reason;
    if (startedPostgres.status === 'rejected') throw startedPostgres.reason;
    const DevEnvNetwork = devEnvModule.value.TestNetwork;
    const databaseUrl = startedPostgres.value.url;
    const [plcPort, pdsPort, bskyPort] = [await freePort(), await freePort(), await freePort()];
    const appViewUrl = `http://localhost:${bskyPort}`;
    // dev-env reads these while creating the network (the PDS and AppView put their folders in
    // the temp dir), so they are set only for that time.
    const restoreEnv = setEnv({ DB_POSTGRES_URL: databaseUrl, REDIS_HOST: process.env.REDIS_HOST ?? 'localhost', TMPDIR: runDir });
    try {
      network = await DevEnvNetwork.create({
        dbPostgresUrl: databaseUrl,
        dbPostgresSchema: `braid_${randomLetters(10)}`, // letters and _ only: dev-env prefixes it (bsync_…)
        plc: { port: plcPort },
        pds: {
          port: pdsPort,
          hostname: 'localhost',
          enableDidDocWithSession: true,
          bskyAppViewCdnUrlPattern: `${appViewUrl}/img/%s/plain/%s/%s`,
        },
        bsky: { port: bskyPort, publicUrl: appViewUrl },
      });
    } finally {
      restoreEnv();
    }
    return harness(network, cleanUp);
  } catch (error) {
    await cleanUp().catch(() => undefined);
    throw error;
  }
}

/** The BlueskyNetwork API over a started dev-env network; cleanUp stops and removes everything. */
function harness(devEnv: TestNetwork, cleanUp: () => Promise<void>): BlueskyNetwork {
  const pds = devEnv.pds;
  const accountManager = pds.ctx.accountManager as unknown as AccountManagerInternals;
  const counter = countCreateSessions(pds.server.server);
  const revocation = revokeAccessTokensOnDemand(accountManager, pds.ctx.authVerifier as unknown as AuthVerifierInternals);

  let closing: Promise<void> | undefined;
  return {
    pdsUrl: pds.url,
    plcUrl: devEnv.plc.url,
    appViewUrl: devEnv.bsky.url,
    devEnv,

    async createUser({ handle, password = `pw-${randomLetters(16)}`, displayName }) {
      if (!handle.endsWith('.test')) throw new Error(`Handles on the local network must end in .test: ${handle}`);
      const email = `${handle}@braid.test`; // unique, as handles are
      const agent = new AtpAgent({ service: pds.url });
      const { data: account } = await agent.createAccount({ handle, email, password });
      const { data: appPassword } = await agent.com.atproto.server.createAppPassword({ name: 'braid-test' });
      const name = displayName ?? handle.split('.')[0] ?? handle;
      await agent.upsertProfile((existing) => ({ ...existing, displayName: name }));
      return { did: account.did, handle: account.handle, password, email, appPassword: appPassword.password };
    },

    async createAppPassword(did, name = `braid-${randomLetters(8)}`) {
      return (await accountManager.createAppPassword(did, name, false)).password;
    },

    createSessionCount: (filter) => counter.count(filter),

    async revokeAppPasswords(did) {
      for (const { name } of await accountManager.listAppPasswords(did)) {
        await accountManager.revokeAppPassword(did, name); // also deletes that password's refresh tokens
      }
      await accountManager.db.db.deleteFrom('refresh_token').where('did', '=', did).execute(); // sessions made with the account password
      revocation.revokeIssuedAccessTokens(did);
    },

    processAll: () => devEnv.processAll(),

    async close() {
      closing ??= cleanUp();
      return closing;
    },
  };
}

/** Counts createSession requests at the PDS's HTTP server, before express sees them. */
function countCreateSessions(server: Server | undefined): { count(filter?: SessionCountFilter): number } {
  if (server === undefined) throw new Error('The PDS has no HTTP server (not started?)');
  let total = 0;
  const byIdentifier = new Map<string, number>();
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://pds').pathname !== CREATE_SESSION_PATH) return;
    total += 1;
    // The body is parsed by the XRPC layer (req.body) before the answer is written; record the
    // identifier then, before any byte reaches the client (so a test reading the count after
    // login() resolves always sees it).
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      const body = (req as IncomingMessage & { body?: unknown }).body;
      const identifier = typeof body === 'object' && body !== null && 'identifier' in body ? body.identifier : undefined;
      if (typeof identifier === 'string') {
        const key = identifier.toLowerCase();
        byIdentifier.set(key, (byIdentifier.get(key) ?? 0) + 1);
      }
      return end(...args);
    }) as ServerResponse['end'];
  });
  return {
    count(filter) {
      if (filter === undefined) return total;
      const keys = typeof filter === 'string' ? [filter] : [filter.did, filter.handle, filter.email];
      return [...new Set(keys.map((k) => k.toLowerCase()))].reduce((sum, key) => sum + (byIdentifier.get(key) ?? 0), 0);
    },
  };
}

/**
 * Remembers every access JWT the account manager issues (sign-in, sign-up, refresh), and on
 * revokeIssuedAccessTokens(did) makes that user's verify as already expired.
 */
function revokeAccessTokensOnDemand(accountManager: AccountManagerInternals, authVerifier: AuthVerifierInternals): { revokeIssuedAccessTokens(did: string): void } {
  const issued = new Map<string, Set<string>>();
  const revoked = new Set<string>();
  const remember = (tokens: TokenPair | null): void => {
    if (tokens === null) return;
    const did = jwtSubject(tokens.accessJwt);
    if (did === undefined) return;
    let set = issued.get(did);
    if (set === undefined) issued.set(did, (set = new Set()));
    set.add(tokens.accessJwt);
  };
  for (const method of ['createSession', 'createAccountAndSession', 'rotateRefreshToken'] as const) {
    const original: (...args: unknown[]) => Promise<TokenPair | null> = accountManager[method].bind(accountManager);
    accountManager[method] = async (...args: unknown[]) => {
      const tokens = await original(...args);
      remember(tokens);
      return tokens as TokenPair;
    };
  }
  const verify = authVerifier.verifyBearerJwt.bind(authVerifier);
  authVerifier.verifyBearerJwt = async (req, options) => {
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (token !== undefined && revoked.has(token)) {
      // jose's currentDate: the PDS itself then answers 400 ExpiredToken "Token has expired".
      return verify(req, { ...options, currentDate: new Date(Date.now() + YEAR_MS) });
    }
    return verify(req, options);
  };
  return {
    revokeIssuedAccessTokens(did) {
      for (const token of issued.get(did) ?? []) revoked.add(token);
      issued.delete(did);
    },
  };
}

function jwtSubject(jwt: string): string | undefined {
  try {
    const payload: unknown = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
    return typeof payload === 'object' && payload !== null && 'sub' in payload && typeof payload.sub === 'string' ? payload.sub : undefined;
  } catch {
    return undefined;
  }
}

function randomLetters(length: number): string {
  return [...randomBytes(length)].map((byte) => String.fromCharCode(97 + (byte % 26))).join('');
}

/** Sets (or, with undefined, deletes) environment variables; returns a function restoring them. */
function setEnv(values: Record<string, string | undefined>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((key) => [key, process.env[key]]));
  const apply = (entries: Record<string, string | undefined>): void => {
    for (const [key, value] of Object.entries(entries)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(values);
  return () => apply(previous);
}
