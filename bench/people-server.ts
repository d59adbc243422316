/**
 * The Mastodon server of the find-people benchmark (bench/people.ts), in its own process: the
 * Mastodon test server with its default rate limit (300 API requests per 5 minutes per token),
 * one user, amy, following `PEOPLE_FOLLOWING` remote accounts, behind a proxy that holds every
 * request 150 ms. Of the people amy follows, one in 20 is a Bluesky user through Bridgy Fed
 * (`n<i>.test@bsky.brid.gy`), one in 10 names a Bluesky handle in a profile field, one in 50 is
 * bridged the other way (their `…ap.brid.gy` exists on Bluesky), the rest name nothing (the
 * Bluesky stand-in in bench/people.ts knows which). Prints one JSON line with what the finder
 * needs; when its standard input closes, prints one more line (the time of every request the
 * proxy forwarded and the statuses the server answered), then stops.
 */
import { startMastodonServer } from '../tests/servers/mastodon/index.ts';
import { tokenFor } from '../tests/servers/mastodon/test-token.ts';
import { startInterceptingProxy } from '../tests/support/intercepting-proxy.ts';

export interface PeopleServer {
  /** The proxy's URL: every request through it waits `latencyMs`. */
  url: string;
  accountId: string;
  accessToken: string;
  following: number;
  latencyMs: number;
}

export interface PeopleServerRequests {
  /** Epoch ms of each request the proxy received, API or not. */
  at: number[];
  /** The server's answers to /api/ requests, by status. */
  statuses: Record<string, number>;
}

/** What each followed person is, by index (bench/people.ts answers the same on Bluesky). */
export const kindOf = (i: number): 'bridged' | 'field' | 'bridged-out' | 'nothing' =>
  i % 20 === 0 ? 'bridged' : i % 10 === 5 ? 'field' : i % 50 === 7 ? 'bridged-out' : 'nothing';
export const acctOf = (i: number) => (kindOf(i) === 'bridged' ? `n${i}.test@bsky.brid.gy` : `p${i}@remote${i % 7}.example`);
export const nameOf = (i: number) => `Person ${i}`;

export const latencyMs = 150;
const following = Number(process.env.PEOPLE_FOLLOWING ?? 2000);

if (import.meta.main) {
  const server = await startMastodonServer();
  const amy = server.addUser({ username: 'amy', password: 'amy pw' });
  for (let i = 0; i < following; i++) {
    const acct = acctOf(i);
    server.addRemoteAccount(acct, { displayName: nameOf(i) });
    if (kindOf(i) === 'bridged') server.setProfile(acct, { note: `🌉 bridged from https://bsky.app/profile/n${i}.test on Bluesky by https://fed.brid.gy/` });
    if (kindOf(i) === 'field') server.setProfile(acct, { fields: [{ name: 'Bluesky', value: `@p${i}.bsky.social` }] });
    server.follow('amy', acct);
  }
  const accessToken = await tokenFor(server, 'amy', 'read');
  const at: number[] = [];
  const proxy = await startInterceptingProxy(server.url, () => {
    at.push(Date.now());
    return { kind: 'delay', ms: latencyMs };
  });
  const answer: PeopleServer = { url: proxy.url, accountId: `mastodon:${new URL(proxy.url).host}:${amy.id}`, accessToken, following, latencyMs };
  process.stdout.write(`${JSON.stringify(answer)}\n`);

  process.stdin.resume();
  process.stdin.on('end', () => {
    void (async () => {
      const statuses: Record<string, number> = {};
      for (const request of server.requests) if (request.path.startsWith('/api/')) statuses[request.status] = (statuses[request.status] ?? 0) + 1;
      const requests: PeopleServerRequests = { at, statuses };
      process.stdout.write(`${JSON.stringify(requests)}\n`);
      await proxy.close();
      await server.close();
      process.exit(0);
    })();
  });
}
