/**
 * Pigeon: a small third network that lives only in tests, to prove that a network is one module.
 * Its "server" is an object in memory: people post to it, Braid reads each account's home
 * timeline from it in pages and posts to it. It is registered through the registry alone
 * (CoreOptions.networks), with no change to the core.
 */
import { randomUUID } from 'node:crypto';
import type { Post } from '../../shared/domain/post.ts';
import { ServerError } from '../../electron/core/base/errors.ts';
import type { NetworkDefinition } from '../../electron/core/networks/network.ts';
import { makePost } from './post-factory.ts';

export interface PigeonPost {
  id: string;
  author: string;
  text: string;
  createdAt: string;
  /** Braid's idempotency key, when Braid sent it. */
  key?: string;
}

export interface PigeonServer {
  host: string;
  /** Valid tokens and whose they are. */
  tokens: Map<string, string>;
  posts: PigeonPost[];
  signedOut: string[];
  post(author: string, text: string, createdAt: Date): PigeonPost;
}

export function createPigeonServer(host = 'pigeon.test'): PigeonServer {
  const server: PigeonServer = {
    host,
    tokens: new Map(),
    posts: [],
    signedOut: [],
    post(author, text, createdAt) {
      const post = { id: randomUUID(), author, text, createdAt: createdAt.toISOString() };
      server.posts.push(post);
      return post;
    },
  };
  return server;
}

const accountIdOf = (server: PigeonServer, user: string) => `pigeon:${server.host}:${user}`;

function toPost(server: PigeonServer, post: PigeonPost, accountId: string): Post {
  const author = { network: 'pigeon', id: `https://${server.host}/${post.author}`, handle: `${post.author}@${server.host}`, displayName: post.author, avatarUrl: null, profileUrl: null };
  return { ...makePost({ author, at: post.createdAt, text: post.text, seenBy: accountId, uri: `pigeon://${server.host}/${post.id}`, nativeId: post.id }), url: `https://${server.host}/${post.author}/${post.id}` };
}

export function pigeonNetwork(server: PigeonServer): NetworkDefinition {
  return {
    id: 'pigeon',
    create(env) {
      const userOf = (accountId: string) => {
        const user = accountId.split(':').at(-1)!;
        if (!server.tokens.size || ![...server.tokens.values()].includes(user)) throw new ServerError('auth_expired', 'Pigeon does not know this account any more.');
        return user;
      };
      const notHere = async (): Promise<never> => {
        throw new ServerError('not_supported', 'Pigeon has no likes or reposts.');
      };
      return {
        info: {
          id: 'pigeon',
          name: 'Pigeon',
          shareWords: { action: 'Coo', done: 'cooed' },
          lacks: [{ feature: 'content_warning', message: 'Pigeon has no content warnings.' }],
        },
        signIn: {},
        accounts: {
          check: async (accountId) => void userOf(accountId),
          signOut: async (accountId) => void server.signedOut.push(accountId),
          async signInWithToken(host, token) {
            const user = server.tokens.get(token);
            if (host !== server.host || !user) throw new ServerError('auth_expired', 'Pigeon refused this token.');
            return env.saveAccount({ id: accountIdOf(server, user), network: 'pigeon', server: host, handle: `${user}@${host}`, displayName: user, avatarUrl: null });
          },
        },
        timeline: {
          async home(accountId, cursor, limit) {
            userOf(accountId);
            const newestFirst = server.posts.toSorted((a, b) => b.createdAt.localeCompare(a.createdAt));
            const start = cursor === null ? 0 : newestFirst.findIndex((post) => post.id === cursor) + 1;
            const page = newestFirst.slice(start, start + limit);
            const more = start + limit < newestFirst.length;
            return { posts: page.map((post) => toPost(server, post, accountId)), cursor: more ? page.at(-1)!.id : null };
          },
        },
        publishing: {
          keys: (count) => Array.from({ length: count }, () => randomUUID()),
          async publish(job, account) {
            const user = userOf(account.id);
            return job.plan.parts.map((text, index) => {
              const key = job.keys[index]!;
              // The key makes a resend answer the post it made, as Mastodon's Idempotency-Key does.
              const post = server.posts.find((known) => known.key === key) ?? Object.assign(server.post(user, text, new Date()), { key });
              return { id: post.id, url: `https://${server.host}/${user}/${post.id}` };
            });
          },
        },
        actions: { sightingOn: notHere, like: notHere, boost: notHere },
        live: { start: () => ({ mode: 'none', setFocused: () => undefined, stop: () => undefined }) },
      };
    },
  };
}
