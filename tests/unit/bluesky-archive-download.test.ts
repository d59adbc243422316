/**
 * The Bluesky archive downloads the repository (com.atproto.sync.getRepo) from the account's PDS
 * with plain fetch, against a local HTTP server here: a slow repository arrives whole as long as
 * bytes keep coming; one that goes quiet fails after the idle timeout; one over the size cap is
 * refused (declared or not); a 429 says when to come back; a pause stops the download.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerError } from '../../electron/core/base/errors.ts';
import { createBlueskyArchive } from '../../electron/core/networks/bluesky/archive.ts';
import { repoCar } from '../support/export-files.ts';

const did = 'did:plc:slowslowslowslowslowslow';
const accountId = `bluesky:${did}`;
// Generous: a busy machine must never make a steady trickle look like silence.
const idleMs = 1_000;

let server: Server;
let pds: string;
let car: Uint8Array;
/** How the next getRepo is answered. */
let answer: (request: IncomingMessage, response: ServerResponse) => void;
const open = new Set<ServerResponse>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  const records = Array.from({ length: 40 }, (_, n) => ({
    collection: 'app.bsky.feed.post',
    rkey: `3kslow${String(n).padStart(7, '0')}`,
    record: { $type: 'app.bsky.feed.post', text: `slow post ${n}`, createdAt: new Date(Date.UTC(2024, 0, 1, 0, n)).toISOString() },
  }));
  car = await repoCar(did, records);
  server = createServer((request, response) => {
    open.add(response);
    response.on('close', () => open.delete(response));
    if (!request.url?.startsWith('/xrpc/com.atproto.sync.getRepo?')) {
      response.writeHead(404).end();
      return;
    }
    answer(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  pds = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const response of open) response.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function archive(maxBytes = 10 * 1024 * 1024, at = () => pds) {
  const agent = {
    did,
    com: {
      atproto: {
        repo: {
          describeRepo: async () => ({ data: { handle: 'slow.test', didDoc: { id: did, service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: at() }] } } }),
        },
      },
    },
  };
  return createBlueskyArchive(async () => agent as never, undefined, undefined, { fetch, idleMs, maxBytes });
}

/** Sends `bytes` in `parts` chunks, `gapMs` apart. */
async function trickle(response: ServerResponse, bytes: Uint8Array, parts: number, gapMs: number, headers: Record<string, string> = {}) {
  response.writeHead(200, { 'content-type': 'application/vnd.ipld.car', ...headers });
  const size = Math.ceil(bytes.byteLength / parts);
  for (let start = 0; start < bytes.byteLength; start += size) {
    if (response.destroyed) return;
    response.write(bytes.subarray(start, start + size));
    await sleep(gapMs);
  }
  response.end();
}

async function failure(promise: Promise<unknown>): Promise<ServerError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ServerError);
  return error as ServerError;
}

describe('downloading a Bluesky repository', () => {
  it('reads a slow repository whole: the timeout is one of silence, never of the whole download', async () => {
    // Eight parts 300 ms apart: longer in all than the idle timeout, never silent that long.
    answer = (_request, response) => void trickle(response, car, 8, 300);
    const page = await archive().ownPostsPage(accountId, null);
    expect(page.posts).toHaveLength(40);
    expect(page.posts[0]?.text).toBe('slow post 39');
  });

  it('gives up once no byte came for the idle timeout: before the answer, and in the middle of it', async () => {
    answer = () => undefined; // never answers
    let error = await failure(archive().ownPostsPage(accountId, null));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/did not answer within/);

    answer = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/vnd.ipld.car' });
      response.write(car.subarray(0, 100)); // then silence
    };
    error = await failure(archive().ownPostsPage(accountId, null));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/did not answer within/);
  });

  it('refuses a repository over the size cap, whether its length is declared or not', async () => {
    answer = (_request, response) => void trickle(response, car, 4, 10, { 'content-length': String(car.byteLength) });
    let error = await failure(archive(1024).ownPostsPage(accountId, null));
    expect(error.code).toBe('server');
    expect(error.message).toMatch(/^127\.0\.0\.1:\d+ sent an answer over/);

    answer = (_request, response) => void trickle(response, car, 16, 10); // chunked: no length said
    error = await failure(archive(1024).ownPostsPage(accountId, null));
    expect(error.code).toBe('server');
    expect(error.message).toMatch(/sent an answer over/);
  });

  it('maps a 429 with its RateLimit-Reset to rate_limited with the time to try again, and a 400 with the server\'s words', async () => {
    const reset = Math.floor(Date.now() / 1000) + 120;
    answer = (_request, response) => response.writeHead(429, { 'content-type': 'application/json', 'ratelimit-reset': String(reset) }).end(JSON.stringify({ error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' }));
    let error = await failure(archive().ownPostsPage(accountId, null));
    expect(error.code).toBe('rate_limited');
    expect(error.retryAt).toBe(reset * 1000);

    answer = (_request, response) => response.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'RepoTakendown', message: 'Repo has been takendown' }));
    error = await failure(archive().ownPostsPage(accountId, null));
    expect(error).toMatchObject({ code: 'invalid_input', status: 400, serverCode: 'RepoTakendown' });
    expect(error.message).toContain('Repo has been takendown');
  });

  it('says which server could not be reached, and for what', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const gone = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failure(archive(undefined, () => gone).ownPostsPage(accountId, null));
    expect(error.code).toBe('network');
    expect(error.message).toBe(`Could not reach ${new URL(gone).host} for the list of your posts.`);
  });

  it('stops at once when the walk is paused', async () => {
    answer = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/vnd.ipld.car' });
      response.write(car.subarray(0, 100));
      // then nothing for a long while
    };
    const controller = new AbortController();
    const reason = new DOMException('paused', 'AbortError');
    const walk = archive().ownPostsPage(accountId, null, controller.signal);
    setTimeout(() => controller.abort(reason), 50);
    // The pause's own reason, not the idle timeout's network error: it stopped at the pause.
    await expect(walk).rejects.toBe(reason);
  });
});
