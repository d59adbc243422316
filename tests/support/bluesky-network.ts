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
// - E-mail two-factor sign-in, as Bluesky's own service (bsky.social) does it. The open-source
//   PDS that dev-env runs (@atproto/pds 0.5.x) has none: its createSession
//   (dist/api/com/atproto/server/createSession.js) passes the body to AccountManager.login
//   (dist/account-manager/account-manager.js), which checks the account password, then the app
//   passwords, and never reads `authFactorToken`; nothing throws AuthFactorTokenRequired; the
//   account table has no e-mail-2FA flag (the lexicons only declare `emailAuthFactor` /
//   `authFactorToken`); the mailer has no sign-in-code template. bsky.social does it in its
//   closed-source "entryway". So the harness adds it in the PDS process:
//   enableEmailAuthFactor(did) confirms the account's e-mail through the PDS's own flow (the
//   confirmation mail is captured, its code confirms the address), then turns 2FA on. From then
//   on, a createSession with the ACCOUNT password and no `authFactorToken` stores a code in the
//   PDS's email_token table (purpose 'email_auth_factor', the PDS's own XXXXX-XXXXX token, valid
//   15 minutes), mails it through the PDS's mail transport and answers 401
//   AuthFactorTokenRequired "A sign in code has been sent to your email address"; with a code,
//   the PDS's own check answers 400 InvalidToken "Token is invalid" (400 ExpiredToken "Token is
//   expired") or signs in and deletes the code (single use). App passwords skip 2FA. This is
//   modelled on bsky.social (whose code is not public: the error name is the lexicon's, "Token
//   is invalid" is what Bluesky's app looks for on a wrong code, the app-password bypass is
//   what guides and atproto pull request #4680 describe); exact statuses and wording there may
//   differ. Only createSession is affected (not the OAuth sign-in page).
// - lastEmailCode(email): every mail the PDS sends (dev-env gives it nodemailer's jsonTransport:
//   nothing leaves the process) is captured; this returns the XXXXX-XXXXX code of the latest
//   mail to that address (a sign-in code, an e-mail confirmation code…), or null.
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
import type { AuthRequiredError } from '@atproto/xrpc-server';
import { freePort } from './free-port.ts';
import { startPostgres } from './postgres.ts';
import type { Postgres } from './postgres.ts';
import { closingPartialStart, quietEndedQueries } from './dev-env-partial-start.ts';
import { quietPgQueryQueueDeprecation } from './quiet-pg-deprecation.ts';

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
  /**
   * Turns e-mail 2FA on for the user (see the top of this file): confirms the e-mail address if
   * needed, then every createSession with the account password needs the code the PDS mails.
   */
  enableEmailAuthFactor(did: string): Promise<void>;
  /** The code (XXXXX-XXXXX) in the latest mail the PDS sent to this address, or null when none. */
  lastEmailCode(email: string): Promise<string | null>;
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

interface LoginInput {
  identifier: string;
  password: string;
  authFactorToken?: string;
}

interface LoginResult {
  user: { did: string; email: string | null };
  /** null when the account password was used. */
  appPassword: unknown;
  isSoftDeleted: boolean;
}

interface Account {
  did: string;
  email: string | null;
  emailConfirmedAt: string | null;
}

/** What 2FA uses of the account manager. */
interface EmailAuthInternals {
  login(input: LoginInput): Promise<LoginResult>;
  getAccount(did: string, flags?: { includeDeactivated?: boolean; includeTakenDown?: boolean }): Promise<Account | null>;
  requestEmailConfirmation(did: string): Promise<void>;
  confirmEmail(did: string, email: string, token: string): Promise<unknown>;
  createEmailToken(did: string, purpose: string): Promise<string>;
  /** Throws the PDS's 400 InvalidToken / ExpiredToken, else deletes the token. */
  assertValidEmailTokenAndCleanup(did: string, purpose: string, token: string): Promise<void>;
}

interface MailOptions {
  to?: unknown;
  from?: unknown;
  subject?: string;
  text?: unknown;
  html?: unknown;
}

/** pds.ctx.mailer: a ServerMailer over a nodemailer transport (jsonTransport without an SMTP URL). */
interface MailerInternals {
  transporter: { sendMail(options: MailOptions): Promise<unknown> };
  email?: { fromAddress?: string } | null;
}

interface AuthVerifierInternals {
  verifyBearerJwt(req: IncomingMessage, options: Record<string, unknown>): Promise<unknown>;
}

const CREATE_SESSION_PATH = '/xrpc/com.atproto.server.createSession';
/** The email_token purpose of sign-in codes (the PDS's table accepts any purpose). */
const SIGN_IN_CODE_PURPOSE = 'email_auth_factor';
/** The PDS's e-mail tokens: getRandomToken().toUpperCase(), base32 letters and digits. */
const EMAIL_CODE = /\b[A-Z2-7]{5}-[A-Z2-7]{5}\b/;
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

let startQueue: Promise<unknown> = Promise.resolve();

/** Starts PostgreSQL and the network on free ports. Always close() it, also when a test fails. */
export async function startBlueskyNetwork(): Promise<BlueskyNetwork> {
  const start = startQueue.then(() => startNetworkOnFreePorts());
  startQueue = start.catch(() => undefined);
  return start;
}

/** A port checked free can still be taken before the server binds it: then start again on others. */
async function startNetworkOnFreePorts(): Promise<BlueskyNetwork> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startNetwork();
    } catch (error) {
      if (attempt >= 3 || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}

async function startNetwork(): Promise<BlueskyNetwork> {
  quietPgQueryQueueDeprecation(); // dev-env's bsync trips one pg 8 deprecation notice: see quiet-pg-deprecation.ts
  const runDir = await mkdtemp(join(tmpdir(), 'braid-bluesky-'));
  let postgres: Postgres | undefined;
  let network: TestNetwork | undefined;
  // When the process exits without close() (a crash, process.exit): at least no folder stays.
  const removeRunDirOnExit = (): void => rmSync(runDir, { recursive: true, force: true });
  process.on('exit', removeRunDirOnExit);
  const cleanUp = async (): Promise<void> => {
    process.off('exit', removeRunDirOnExit);
    try {
      await quietEndedQueries(async () => network?.close());
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
    const [devEnvModule, xrpcServerModule, startedPostgres] = await Promise.allSettled([
      import('@atproto/dev-env'),
      import('@atproto/xrpc-server'), // the PDS's own copy: its errors are the ones the PDS answers with
      startPostgres({ database: 'bsky' }),
    ]);
    if (startedPostgres.status === 'fulfilled') postgres = startedPostgres.value;
    if (devEnvModule.status === 'rejected') throw devEnvModule.reason;
    if (xrpcServerModule.status === 'rejected') throw xrpcServerModule.reason;
    if (startedPostgres.status === 'rejected') throw startedPostgres.reason;
    const DevEnvNetwork = devEnvModule.value.TestNetwork;
    const databaseUrl = startedPostgres.value.url;
    const [plcPort, pdsPort, bskyPort] = [await freePort(), await freePort(), await freePort()];
    const appViewUrl = `http://localhost:${bskyPort}`;
    // dev-env reads these while creating the network (the PDS and AppView put their folders in
    // the temp dir), so they are set only for that time.
    const restoreEnv = setEnv({ DB_POSTGRES_URL: databaseUrl, REDIS_HOST: process.env.REDIS_HOST ?? 'localhost', TMPDIR: runDir });
    try {
      // closingPartialStart: a create that fails halfway leaves nothing running (see that file).
      network = await closingPartialStart(devEnvModule.value, () =>
        DevEnvNetwork.create({
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
        }),
      );
    } finally {
      restoreEnv();
    }
    return harness(network, xrpcServerModule.value.AuthRequiredError, cleanUp);
  } catch (error) {
    await cleanUp().catch(() => undefined);
    throw error;
  }
}

/** The BlueskyNetwork API over a started dev-env network; cleanUp stops and removes everything. */
function harness(devEnv: TestNetwork, authRequiredError: typeof AuthRequiredError, cleanUp: () => Promise<void>): BlueskyNetwork {
  const pds = devEnv.pds;
  const accountManager = pds.ctx.accountManager as unknown as AccountManagerInternals;
  const counter = countCreateSessions(pds.server.server);
  const revocation = revokeAccessTokensOnDemand(accountManager, pds.ctx.authVerifier as unknown as AuthVerifierInternals);
  const mailer = pds.ctx.mailer as unknown as MailerInternals;
  const mails = captureMails(mailer);
  const emailAuth = emulateEmailAuthFactor(pds.ctx.accountManager, pds.server.server, mailer, mails, authRequiredError);

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

    enableEmailAuthFactor: (did) => emailAuth.enable(did),

    lastEmailCode: async (email) => mails.lastCode(email),

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

interface MailBox {
  /** The code in the latest mail to that address, or null. */
  lastCode(email: string): string | null;
}

/** Records every mail the PDS sends (to, subject, text), after its transport has compiled it. */
function captureMails(mailer: MailerInternals): MailBox {
  const sent: { to: string[]; subject: string; text: string }[] = [];
  const transporter = mailer.transporter;
  const send = transporter.sendMail.bind(transporter);
  transporter.sendMail = async (options) => {
    const info = await send(options);
    // jsonTransport answers { message: '<the compiled mail as JSON>' }, with the text part
    // nodemailer-html-to-text made from the HTML; an SMTP transport would not: then the options.
    const compiled = parseJsonMessage(info);
    const parts = [compiled?.text, compiled?.html, options.text, options.html].filter((part): part is string => typeof part === 'string');
    sent.push({ to: addresses(compiled?.to ?? options.to), subject: options.subject ?? '', text: parts.join('\n') });
    return info;
  };
  return {
    lastCode(email) {
      const address = email.toLowerCase();
      const mail = sent.findLast((candidate) => candidate.to.includes(address));
      return mail === undefined ? null : (EMAIL_CODE.exec(mail.text)?.[0] ?? null);
    },
  };
}

function parseJsonMessage(info: unknown): Record<string, unknown> | undefined {
  if (typeof info !== 'object' || info === null || !('message' in info) || typeof info.message !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(info.message);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Nodemailer's `to`: 'a@x, b@y', { address }, or a list of those; lower-cased addresses. */
function addresses(to: unknown): string[] {
  if (typeof to === 'string') return to.split(',').map((part) => (/<([^>]+)>/.exec(part)?.[1] ?? part).trim().toLowerCase());
  if (Array.isArray(to)) return to.flatMap((entry) => addresses(entry));
  if (typeof to === 'object' && to !== null && 'address' in to) return addresses(to.address);
  return [];
}

/**
 * E-mail 2FA on createSession, as bsky.social's entryway does it (see the top of this file), by
 * wrapping AccountManager.login: createSession hands it the request body itself (req.body,
 * with authFactorToken), which tells its calls from the OAuth sign-in page's.
 */
function emulateEmailAuthFactor(
  accountManager: EmailAuthInternals,
  server: Server | undefined,
  mailer: MailerInternals,
  mails: MailBox,
  authRequiredError: typeof AuthRequiredError,
): { enable(did: string): Promise<void> } {
  if (server === undefined) throw new Error('The PDS has no HTTP server (not started?)');
  const enabled = new Set<string>();
  const createSessions = new Set<IncomingMessage & { body?: unknown }>();
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST' || new URL(req.url ?? '/', 'http://pds').pathname !== CREATE_SESSION_PATH) return;
    createSessions.add(req);
    res.once('close', () => createSessions.delete(req));
  });

  const login = accountManager.login.bind(accountManager);
  accountManager.login = async (input) => {
    const result = await login(input); // a wrong password fails here, before any code is sent
    const { did, email } = result.user;
    if (result.appPassword !== null || !enabled.has(did) || ![...createSessions].some((req) => req.body === input)) return result;
    if (input.authFactorToken === undefined || input.authFactorToken === '') {
      if (email === null) throw new Error(`${did} has 2FA on but no e-mail address`);
      const code = await accountManager.createEmailToken(did, SIGN_IN_CODE_PURPOSE);
      await mailer.transporter.sendMail({
        to: email,
        from: mailer.email?.fromAddress,
        subject: 'Sign in to Bluesky',
        html: `<p>Your sign in code is <b>${code}</b>. It expires in 15 minutes.</p><p>If you did not try to sign in, change your password.</p>`,
      });
      throw new authRequiredError('A sign in code has been sent to your email address', 'AuthFactorTokenRequired');
    }
    await accountManager.assertValidEmailTokenAndCleanup(did, SIGN_IN_CODE_PURPOSE, input.authFactorToken);
    return result;
  };

  return {
    async enable(did) {
      const account = await accountManager.getAccount(did, { includeDeactivated: true });
      if (account === null) throw new Error(`No account ${did} on the PDS`);
      if (account.email === null) throw new Error(`${did} has no e-mail address: 2FA needs one`);
      if (account.emailConfirmedAt === null) {
        // bsky.social offers 2FA for a confirmed address only: confirm it the PDS's own way.
        await accountManager.requestEmailConfirmation(did);
        const code = mails.lastCode(account.email);
        if (code === null) throw new Error(`The PDS mailed no confirmation code to ${account.email}`);
        await accountManager.confirmEmail(did, account.email, code);
      }
      enabled.add(did);
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

// --- Bridged handles (Bridgy Fed): added for the find-people tests ---
//
// A Mastodon account bridged into Bluesky by Bridgy Fed has a handle under ap.brid.gy, e.g.
// amy.social.example.ap.brid.gy for @amy@social.example. The local PDS cannot hand one out by
// itself: its service domains are .test and .example (dev-env's TestPds), so createAccount
// answers 400 UnsupportedDomain "Not a supported handle domain" for any other handle, and
// com.atproto.identity.updateHandle to a handle outside them must resolve to the account's DID
// (AccountManager.normalizeAndValidateHandle), which dev-env's resolvers (mockResolvers in
// @atproto/dev-env's util.js) try by DNS only (_atproto.<handle> TXT): 400 "External handle did
// not resolve to DID". createBridgedUser makes the network resolve such handles as their own DNS
// would (the TXT record Bridgy Fed publishes): the PDS's and the AppView's handle resolvers answer
// the handles given here with their DIDs, everything else as before. The user is created with a
// .test handle, then takes the bridged one through updateHandle, the PDS's own path (a PLC
// operation and an identity event, which the AppView indexes, verifying the handle).

export interface CreateBridgedUserInput {
  /** The bridged handle, e.g. 'amy.social.example.ap.brid.gy' (any handle outside .test and .example). */
  handle: string;
  /** The .test handle the account is first created with; a random one by default. */
  initialHandle?: string;
  password?: string;
  displayName?: string;
  /** The profile description, e.g. Bridgy Fed's "🌉 bridged from …" line. */
  description?: string;
}

interface HandleResolverInternals {
  handle: { resolve(handle: string): Promise<string | undefined> };
}

/** The handles each network resolves itself (bridged handle → DID). */
const bridgedHandles = new WeakMap<TestNetwork, Map<string, string>>();

function resolveBridgedHandles(devEnv: TestNetwork): Map<string, string> {
  const known = bridgedHandles.get(devEnv);
  if (known) return known;
  const handles = new Map<string, string>();
  bridgedHandles.set(devEnv, handles);
  const bsky = devEnv.bsky as unknown as { ctx: { idResolver: HandleResolverInternals }; dataplane: { idResolver: HandleResolverInternals } };
  const pds = devEnv.pds as unknown as { ctx: { idResolver: HandleResolverInternals } };
  for (const resolver of [pds.ctx.idResolver, bsky.ctx.idResolver, bsky.dataplane.idResolver]) {
    const resolve = resolver.handle.resolve.bind(resolver.handle);
    resolver.handle.resolve = async (handle) => handles.get(handle.toLowerCase()) ?? resolve(handle);
  }
  return handles;
}

/**
 * A user whose handle is a bridged one (see above), signed in with an app password like
 * createUser's users. Call processAll() before reading the handle from the AppView.
 */
export async function createBridgedUser(network: BlueskyNetwork, input: CreateBridgedUserInput): Promise<BlueskyUser> {
  const handle = input.handle.toLowerCase();
  if (handle.endsWith('.test') || handle.endsWith('.example')) throw new Error(`${handle} is a handle of the local PDS: use createUser`);
  const handles = resolveBridgedHandles(network.devEnv);
  const user = await network.createUser({
    handle: input.initialHandle ?? `bridged-${randomLetters(8)}.test`,
    ...(input.password ? { password: input.password } : {}),
    displayName: input.displayName ?? handle.split('.')[0] ?? handle,
  });
  handles.set(handle, user.did);
  const agent = new AtpAgent({ service: network.pdsUrl });
  await agent.login({ identifier: user.did, password: user.password });
  await agent.com.atproto.identity.updateHandle({ handle });
  if (input.description !== undefined) await agent.upsertProfile((existing) => ({ ...existing, description: input.description }));
  return { ...user, handle };
}
