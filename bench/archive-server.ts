/**
 * The Mastodon server of the archive import benchmark (bench/archive.ts), in its own process so
 * that its work is not counted in the import's CPU time: the Mastodon test server with one user
 * holding `ARCHIVE_STATUSES` generated statuses (tests/servers/mastodon/generated-statuses.ts),
 * behind a proxy that holds every request 50 ms (the test server has no latency option of its
 * own; the fan-out benchmark's delaying proxy serves). The server's request budget is raised: the
 * benchmark measures the import, not Mastodon's 300 requests per 5 minutes. Prints one JSON line
 * with what the import needs, and stops when its standard input closes.
 */
import { startMastodonServer } from '../tests/servers/mastodon/index.ts';
import { tokenFor } from '../tests/servers/mastodon/test-token.ts';
import { startInterceptingProxy } from '../tests/support/intercepting-proxy.ts';

export interface ArchiveServer {
  /** The proxy's URL: every request through it waits `latencyMs`. */
  url: string;
  accountId: string;
  accessToken: string;
  statuses: number;
  latencyMs: number;
}

export const latencyMs = 50;
const statuses = Number(process.env.ARCHIVE_STATUSES ?? 50_000);

const server = await startMastodonServer({ rateLimit: { limit: 1_000_000, windowMs: 300_000 } });
const amy = server.addUser({ username: 'amy', password: 'amy pw' });
server.seedStatuses('amy', statuses, { from: new Date(Date.UTC(2020, 0, 1)) });
const accessToken = await tokenFor(server, 'amy', 'read');
const proxy = await startInterceptingProxy(server.url, () => ({ kind: 'delay', ms: latencyMs }));
const answer: ArchiveServer = { url: proxy.url, accountId: `mastodon:${new URL(proxy.url).host}:${amy.id}`, accessToken, statuses, latencyMs };
process.stdout.write(`${JSON.stringify(answer)}\n`);

process.stdin.resume();
process.stdin.on('end', () => {
  void (async () => {
    await proxy.close();
    await server.close();
    process.exit(0);
  })();
});
