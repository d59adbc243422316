/**
 * Who lives in the demo: 29 sample people and the four accounts Braid signs in as.
 *
 * Two Mastodon test servers, "mastodon.one" and "mastodon.two", stand for two instances. Some
 * people are users of one of them; others live elsewhere in the fediverse (social.example …) and
 * reach both servers by federation, with the same status URIs on both, so that a post can be
 * seen by both Mastodon accounts. Three Bluesky people are bridged to the fediverse with Bridgy
 * Fed (@handle@bsky.brid.gy): their posts appear on both networks within minutes, which is what
 * Braid collapses into one timeline item (shared/timeline/cross-posts.ts: the bridged-account
 * rule; profile links between accounts are not read by the core yet).
 */
import type { TopicName } from './content.ts';

export type MastodonServerName = 'one' | 'two';

export type Home =
  /** handle `${key}.test`; bridged: also `${key}.test@bsky.brid.gy` on both Mastodon servers. */
  | { kind: 'bluesky'; bridged: boolean }
  /** A user of one of the Mastodon test servers, username `key`. */
  | { kind: 'mastodon-local'; server: MastodonServerName }
  /** `key@domain`, known to both Mastodon servers. */
  | { kind: 'mastodon-remote'; domain: string };

export interface Person {
  key: string;
  displayName: string;
  home: Home;
  topics: TopicName[];
  /** BCP 47 tag of what they write (default 'en'). */
  language?: string;
}

const bluesky = (key: string, displayName: string, topics: TopicName[], extra: Partial<Person> = {}): Person => ({
  key, displayName, home: { kind: 'bluesky', bridged: false }, topics, ...extra,
});
const bridged = (key: string, displayName: string, topics: TopicName[]): Person => ({ key, displayName, home: { kind: 'bluesky', bridged: true }, topics });
const local = (server: MastodonServerName) => (key: string, displayName: string, topics: TopicName[]): Person => ({
  key, displayName, home: { kind: 'mastodon-local', server }, topics,
});
const remote = (key: string, domain: string, displayName: string, topics: TopicName[], extra: Partial<Person> = {}): Person => ({
  key, displayName, home: { kind: 'mastodon-remote', domain }, topics, ...extra,
});

export const people: readonly Person[] = [
  bluesky('maya', 'Maya Okafor', ['photography', 'city']),
  bluesky('jonas', 'Jonas Lindqvist', ['cycling', 'coffee']),
  bluesky('hanako', '山田 花子', ['gardening-ja'], { language: 'ja' }),
  bluesky('priya', 'Priya 🌱', ['gardening', 'cooking']),
  bluesky('theo', 'Theo Marchetti', ['music', 'photography']),
  bluesky('aisha', 'Aisha Bello', ['science', 'running']),
  bluesky('sam', 'Sam Whitfield', ['tech', 'coffee']),
  bluesky('lucia', 'Lucía Fernández', ['books', 'city']),
  bluesky('kenji', 'Kenji Watanabe', ['cooking', 'music']),
  bluesky('ola', 'Ola Nowak', ['art', 'books']),
  bridged('ines', 'Inês Carvalho', ['city', 'cycling']),
  bridged('kai', 'Kai Nakamura', ['tech', 'science']),
  bridged('rosa', 'Rosa Delgado', ['birds', 'photography']),

  remote('lena', 'social.example', 'Lena Vogel', ['tech', 'books']),
  remote('nour', 'mstdn.example', 'نور الهدى', ['books-ar', 'books'], { language: 'ar' }),
  remote('felix', 'fosstodon.example', 'Felix Brandt', ['tech', 'cycling']),
  remote('amara', 'social.example', 'Amara Diallo', ['science', 'birds']),
  remote('tomas', 'photog.example', 'Tomás Ruiz', ['photography', 'city']),
  remote('grace', 'mstdn.example', 'Grace Liu', ['cooking', 'gardening']),
  remote('olu', 'fosstodon.example', 'Olu Adeyemi', ['music', 'tech']),
  remote('hedda', 'social.example', 'Hedda Berg 🐦', ['birds', 'running']),

  local('one')('ana', 'Ana Petrović', ['cooking', 'city']),
  local('one')('ben', 'Ben Carter', ['running', 'photography']),
  local('one')('chloe', 'Chloé Martin', ['art', 'coffee']),
  local('one')('dario', 'Dario Rossi', ['cycling', 'music']),
  local('two')('emil', 'Emil Johansson', ['tech', 'coffee']),
  local('two')('farah', 'Farah Haddad', ['books', 'science']),
  local('two')('gus', 'Gus Oyelaran', ['music', 'running']),
  local('two')('hira', 'Hira Qureshi', ['gardening', 'art']),
];

export function person(key: string): Person {
  const found = people.find((p) => p.key === key);
  if (!found) throw new Error(`no sample person ${key}`);
  return found;
}

/** The domain of bridged Bluesky accounts on Mastodon (Bridgy Fed). */
export const bridgyDomain = 'bsky.brid.gy';

export const blueskyHandle = (p: Person): string => `${p.key}.test`;

/** How a Mastodon server addresses the person: a username, or name@domain for everyone else. */
export function mastodonAcct(p: Person): string {
  switch (p.home.kind) {
    case 'mastodon-local':
      return p.key;
    case 'mastodon-remote':
      return `${p.key}@${p.home.domain}`;
    case 'bluesky':
      return `${blueskyHandle(p)}@${bridgyDomain}`;
  }
}

/** The Mastodon servers that hold the person's statuses (none for Bluesky people without a bridge). */
export function mastodonServersOf(p: Person): MastodonServerName[] {
  if (p.home.kind === 'mastodon-local') return [p.home.server];
  if (p.home.kind === 'mastodon-remote' || p.home.bridged) return ['one', 'two'];
  return [];
}

/** Every demo account's password (the Bluesky ones also sign in with it; Braid uses app passwords). */
export const demoPassword = 'demo-password';

export interface DemoAccount {
  network: 'mastodon' | 'bluesky';
  /** Mastodon: the username on `server`; Bluesky: the handle. */
  username: string;
  server?: MastodonServerName;
  displayName: string;
  /** Sample people this account follows (by key). */
  follows: string[];
}

const everyone = (filter: (p: Person) => boolean, except: string[] = []) => people.filter((p) => filter(p) && !except.includes(p.key)).map((p) => p.key);
const onBluesky = (p: Person) => p.home.kind === 'bluesky';
const onMastodon = (server: MastodonServerName) => (p: Person) => mastodonServersOf(p).includes(server);

/** Overlapping follows, so that many posts are seen by both accounts of a network. */
export const demoAccounts: readonly DemoAccount[] = [
  { network: 'mastodon', username: 'you', server: 'one', displayName: 'You on mastodon.one', follows: everyone(onMastodon('one'), ['olu']) },
  { network: 'mastodon', username: 'you', server: 'two', displayName: 'You on mastodon.two', follows: everyone(onMastodon('two'), ['grace', 'hedda']) },
  { network: 'bluesky', username: 'you-one.test', displayName: 'You on Bluesky (one)', follows: everyone(onBluesky, ['ola', 'kenji']) },
  { network: 'bluesky', username: 'you-two.test', displayName: 'You on Bluesky (two)', follows: everyone(onBluesky, ['jonas', 'lucia', 'aisha']) },
];
