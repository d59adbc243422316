/**
 * The servers of the fan-out benchmark, in their own process so that their work does not share
 * the core's event loop: two Mastodon test servers and the local Bluesky network, each behind a
 * proxy that holds every request 150 ms. Prints one JSON line with what the core needs, and
 * stops when its standard input closes.
 */
import { startMastodonServer } from '../tests/servers/mastodon/index.ts';
import { startBlueskyNetwork } from '../tests/support/bluesky-network.ts';
import { startInterceptingProxy } from '../tests/support/intercepting-proxy.ts';

export interface FanoutServers {
  mastodon: { url: string; username: string; password: string }[];
  bluesky: { handle: string; appPassword: string }[];
  plcUrl: string;
  pdsUrl: string;
}

export const serverDelayMs = 150;

const [home, other] = await Promise.all([startMastodonServer(), startMastodonServer()]);
const bluesky = await startBlueskyNetwork();
const delay = () => ({ kind: 'delay' as const, ms: serverDelayMs });
const pds = await startInterceptingProxy(bluesky.pdsUrl, delay, () => [[bluesky.pdsUrl, pds.url]]);
const plc = await startInterceptingProxy(bluesky.plcUrl, undefined, () => [[bluesky.pdsUrl, pds.url]]);
const proxies = await Promise.all([startInterceptingProxy(home.url, delay), startInterceptingProxy(other.url, delay)]);
home.addUser({ username: 'amy', password: 'amy-password-1' });
other.addUser({ username: 'bob', password: 'bob-password-1' });
const users = [await bluesky.createUser({ handle: 'fan-ann.test' }), await bluesky.createUser({ handle: 'fan-ben.test' })];

const servers: FanoutServers = {
  mastodon: [
    { url: proxies[0].url, username: 'amy', password: 'amy-password-1' },
    { url: proxies[1].url, username: 'bob', password: 'bob-password-1' },
  ],
  bluesky: users.map((user) => ({ handle: user.handle, appPassword: user.appPassword })),
  plcUrl: plc.url,
  pdsUrl: pds.url,
};
process.stdout.write(`${JSON.stringify(servers)}\n`);

process.stdin.resume();
process.stdin.on('end', () => {
  void (async () => {
    await Promise.all([pds.close(), plc.close(), ...proxies.map((proxy) => proxy.close())]);
    await Promise.all([home.close(), other.close()]);
    await bluesky.close();
    process.exit(0);
  })();
});
