import { randomBytes } from 'node:crypto';
import { sameScopes } from './scopes.ts';

export interface User {
  id: string;
  username: string;
  password: string;
  displayName: string;
  createdAt: Date;
}

export interface App {
  id: string;
  name: string;
  website: string | null;
  /** As registered: several URIs separated by whitespace (Mastodon stores them one per line). */
  redirectUri: string;
  redirectUris: string[];
  scopes: string[];
  clientId: string;
  clientSecret: string;
}

/** An authorization code (Doorkeeper's "access grant"). */
export interface Grant {
  code: string;
  appId: string;
  userId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string | null;
  createdAt: number;
  used: boolean;
}

export interface Token {
  accessToken: string;
  refreshToken: string | null;
  appId: string;
  userId: string | null;
  scopes: string[];
  createdAt: number;
  expiresInSeconds: number | null;
  revoked: boolean;
}

export type TokenStatus = 'live' | 'revoked' | 'expired';

const codeLifetimeMs = 10 * 60 * 1000;

/** Same shape as Doorkeeper's default generator: 32 random bytes, URL-safe base64. */
function secret(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenStatus(token: Token, now = Date.now()): TokenStatus {
  if (token.revoked) return 'revoked';
  if (token.expiresInSeconds !== null && now >= token.createdAt + token.expiresInSeconds * 1000) return 'expired';
  return 'live';
}

export function grantUsable(grant: Grant, now = Date.now()): boolean {
  return !grant.used && now < grant.createdAt + codeLifetimeMs;
}

export function createState() {
  const users = new Map<string, User>();
  const apps = new Map<string, App>();
  const grants = new Map<string, Grant>();
  const tokens = new Map<string, Token>();
  const issued: string[] = [];
  const counters = { appsRegistered: 0, tokensIssued: 0, revocations: 0 };
  let nextApp = 1;
  let nextAccount = 0;

  function remember(value: string): string {
    issued.push(value);
    return value;
  }

  function userByName(username: string): User | undefined {
    return [...users.values()].find((u) => u.username.toLowerCase() === username.toLowerCase());
  }

  return {
    users,
    apps,
    counters,
    secrets: (): string[] => [...issued],
    userByName,

    addUser(input: { username: string; password: string; displayName?: string }): User {
      if (userByName(input.username)) throw new Error(`user ${input.username} exists already`);
      // Mastodon ids are snowflakes: opaque digit strings, far above 2^53.
      const id = ((BigInt(Date.now()) << 16n) + BigInt(++nextAccount)).toString();
      const user = { id, username: input.username, password: input.password, displayName: input.displayName ?? input.username, createdAt: new Date() };
      users.set(id, user);
      return user;
    },

    createApp(input: Omit<App, 'id' | 'clientId' | 'clientSecret'>): App {
      const app = { ...input, id: String(nextApp++), clientId: secret(), clientSecret: remember(secret()) };
      apps.set(app.id, app);
      counters.appsRegistered++;
      return app;
    },

    appByClientId(clientId: string): App | undefined {
      return [...apps.values()].find((a) => a.clientId === clientId);
    },

    createGrant(input: Omit<Grant, 'code' | 'createdAt' | 'used'>): Grant {
      const grant = { ...input, code: remember(secret()), createdAt: Date.now(), used: false };
      grants.set(grant.code, grant);
      return grant;
    },

    grantByCode: (code: string): Grant | undefined => grants.get(code),

    /** With non-expiring tokens Doorkeeper's `reuse_access_token` hands back the live token of the same app, user and scopes. */
    issueToken(app: App, userId: string | null, scopes: string[], expiresInSeconds: number | null): Token {
      if (expiresInSeconds === null) {
        const reusable = [...tokens.values()].find((t) => t.appId === app.id && t.userId === userId && sameScopes(t.scopes, scopes) && tokenStatus(t) === 'live');
        if (reusable) return reusable;
      }
      const token: Token = {
        accessToken: remember(secret()),
        refreshToken: expiresInSeconds === null ? null : remember(secret()),
        appId: app.id, userId, scopes, createdAt: Date.now(), expiresInSeconds, revoked: false,
      };
      tokens.set(token.accessToken, token);
      counters.tokensIssued++;
      return token;
    },

    tokenByAccess: (value: string): Token | undefined => tokens.get(value),

    tokenByRefresh(value: string): Token | undefined {
      return [...tokens.values()].find((t) => t.refreshToken === value);
    },

    revokeUser(username: string): void {
      const user = userByName(username);
      if (!user) throw new Error(`no user ${username}`);
      for (const t of tokens.values()) if (t.userId === user.id) t.revoked = true;
      for (const g of grants.values()) if (g.userId === user.id) g.used = true;
    },

    liveTokensOf(username: string): string[] {
      const user = userByName(username);
      return [...tokens.values()].filter((t) => user && t.userId === user.id && tokenStatus(t) === 'live').map((t) => t.accessToken);
    },
  };
}

export type State = ReturnType<typeof createState>;
