// Media uploads (v2 processing), media_ids and scheduled_at on POST /api/v1/statuses, and rate limiting, over HTTP.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startMastodonServer, type MastodonServerOptions, type MastodonStatus, type MastodonTestServer } from './index.ts';
import { tokenFor } from './test-token.ts';

const servers: MastodonTestServer[] = [];

async function start(options: MastodonServerOptions = {}): Promise<MastodonTestServer> {
  const server = await startMastodonServer(options);
  servers.push(server);
  for (const username of ['alice', 'bob']) server.addUser({ username, password: `${username} pw` });
  return server;
}

afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(servers.splice(0).map((s) => s.close()));
});


/** A PNG header with the given size (enough for the server, which reads dimensions and does not decode). */
function png(width: number, height: number, totalBytes = 64): Uint8Array {
  const bytes = new Uint8Array(totalBytes);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

interface Media {
  id: string;
  type: string;
  url: string | null;
  preview_url: string;
  description: string | null;
  meta: { original: { width: number; height: number }; focus?: { x: number; y: number } };
}

function upload(server: MastodonTestServer, token: string, file: { bytes: Uint8Array; type: string; name?: string } | null, fields: Record<string, string> = {}, version = 'v2'): Promise<Response> {
  const body = new FormData();
  if (file) body.append('file', new Blob([file.bytes], { type: file.type }), file.name ?? 'picture.png');
  for (const [key, value] of Object.entries(fields)) body.append(key, value);
  return fetch(`${server.url}/api/${version}/media`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body });
}

const api = (server: MastodonTestServer, token: string, path: string, init: { method?: string; json?: unknown } = {}) =>
  fetch(`${server.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { Authorization: `Bearer ${token}`, ...(init.json === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(init.json === undefined ? {} : { body: JSON.stringify(init.json) }),
  });

const postStatus = (server: MastodonTestServer, token: string, body: Record<string, unknown>) => api(server, token, '/api/v1/statuses', { method: 'POST', json: body });

async function errorOf(response: Response, status = 422): Promise<string> {
  expect(response.status).toBe(status);
  return ((await response.json()) as { error: string }).error;
}

describe('media uploads', () => {
  it('answers 202 with a null url while processing, 206 then 200 on GET, and takes description and focus', async () => {
    const server = await start({ mediaProcessingMs: 60_000 });
    const alice = await tokenFor(server, 'alice');
    const answer = await upload(server, alice, { bytes: png(800, 600), type: 'image/png' }, { description: 'a cat', focus: '0.5,-0.25' });
    expect(answer.status).toBe(202);
    const media = (await answer.json()) as Media;
    expect(media).toMatchObject({ type: 'image', url: null, description: 'a cat', meta: { original: { width: 800, height: 600 }, focus: { x: 0.5, y: -0.25 } } });
    expect(media.preview_url).toMatch(new RegExp(`^${server.url}/system/media_attachments/files/`));

    const processing = await api(server, alice, `/api/v1/media/${media.id}`);
    expect(processing.status).toBe(206);
    expect(((await processing.json()) as Media).url).toBeNull();

    const edited = await api(server, alice, `/api/v1/media/${media.id}`, { method: 'PUT', json: { description: 'a sleeping cat' } });
    expect(edited.status).toBe(206);
    expect(((await edited.json()) as Media).description).toBe('a sleeping cat');

    server.finishMedia(media.id);
    const done = await api(server, alice, `/api/v1/media/${media.id}`);
    expect(done.status).toBe(200);
    const ready = (await done.json()) as Media;
    expect(ready.description).toBe('a sleeping cat');
    expect(ready.url).toMatch(/\/original\/.*\.png$/);
    const file = await fetch(ready.url ?? '');
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(png(800, 600));
  });

  it('finishes processing by itself after mediaProcessingMs; v1 and mediaProcessingMs 0 answer 200 with the url', async () => {
    const server = await start({ mediaProcessingMs: 30 });
    const alice = await tokenFor(server, 'alice');
    const media = (await (await upload(server, alice, { bytes: png(10, 10), type: 'image/png' })).json()) as Media;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect((await api(server, alice, `/api/v1/media/${media.id}`)).status).toBe(200);

    const v1 = await upload(server, alice, { bytes: png(10, 10), type: 'image/png' }, {}, 'v1');
    expect(v1.status).toBe(200);
    expect(((await v1.json()) as Media).url).toMatch(/^http/);

    const instant = await start({ mediaProcessingMs: 0 });
    const answer = await upload(instant, await tokenFor(instant, 'alice'), { bytes: png(10, 10), type: 'image/png' });
    expect(answer.status).toBe(200);
  });

  it('refuses files over the advertised limit, unsupported types and a missing file with 422', async () => {
    const server = await start({ imageSizeLimit: 1000 });
    const alice = await tokenFor(server, 'alice');
    const instance = (await (await fetch(`${server.url}/api/v2/instance`)).json()) as { configuration: { media_attachments: { image_size_limit: number; supported_mime_types: string[] } } };
    expect(instance.configuration.media_attachments.image_size_limit).toBe(1000);
    expect(instance.configuration.media_attachments.supported_mime_types).toContain('image/png');

    expect((await upload(server, alice, { bytes: png(10, 10, 999), type: 'image/png' })).status).toBe(202);
    expect(await errorOf(await upload(server, alice, { bytes: png(10, 10, 1000), type: 'image/png' }))).toBe(
      'Validation failed: File file size must be less than 1000 Bytes, File must be less than 1000 Bytes',
    );
    expect(await errorOf(await upload(server, alice, { bytes: new Uint8Array(10), type: 'application/pdf', name: 'doc.pdf' }))).toBe('Validation failed: File content type is invalid, File is invalid');
    expect(await errorOf(await upload(server, alice, null, { description: 'nothing' }))).toBe("Validation failed: File can't be blank");

    const defaults = await start();
    const big = await upload(defaults, await tokenFor(defaults, 'alice'), { bytes: png(10, 10, 16 * 1024 * 1024), type: 'image/png' });
    expect(await errorOf(big)).toBe('Validation failed: File file size must be less than 16 MB, File must be less than 16 MB');
  });

  it('finds only the uploader’s media, and needs write:media', async () => {
    const server = await start();
    const alice = await tokenFor(server, 'alice');
    const media = (await (await upload(server, alice, { bytes: png(10, 10), type: 'image/png' })).json()) as Media;
    const bob = await tokenFor(server, 'bob');
    expect(await errorOf(await api(server, bob, `/api/v1/media/${media.id}`), 404)).toBe('Record not found');
    expect((await upload(server, await tokenFor(server, 'alice', 'read'), { bytes: png(10, 10), type: 'image/png' })).status).toBe(403);
    expect((await upload(server, await tokenFor(server, 'alice', 'write:media'), { bytes: png(10, 10), type: 'image/png' })).status).toBe(202);
  });
});

describe('statuses with media_ids', () => {
  it('refuses media still processing, then attaches them with their ids once done', async () => {
    const server = await start({ mediaProcessingMs: 60_000 });
    const alice = await tokenFor(server, 'alice');
    const media = (await (await upload(server, alice, { bytes: png(10, 10), type: 'image/png' }, { description: 'alt' })).json()) as Media;
    expect(await errorOf(await postStatus(server, alice, { status: 'look', media_ids: [media.id] }))).toBe('Cannot attach files that have not finished processing. Try again in a moment!');
    expect(server.statusesOf('alice')).toEqual([]);

    server.finishMedia(media.id);
    // With media the text may be blank.
    const answer = await postStatus(server, alice, { status: '', media_ids: [media.id] });
    expect(answer.status).toBe(200);
    const status = (await answer.json()) as MastodonStatus;
    expect(status.media_attachments).toMatchObject([{ id: media.id, description: 'alt' }]);
    expect(status.media_attachments[0]?.url).toMatch(/^http/);
    // Attached media are no longer found, nor attachable again.
    expect((await api(server, alice, `/api/v1/media/${media.id}`)).status).toBe(404);
    expect(await errorOf(await postStatus(server, alice, { status: 'again', media_ids: [media.id] }))).toBe(`Media ${media.id} not found or already attached to another post`);
  });

  it('refuses another account’s media, more than 4, and a video with images', async () => {
    const server = await start({ mediaProcessingMs: 0 });
    const alice = await tokenFor(server, 'alice');
    const bob = await tokenFor(server, 'bob');
    const image = async (token: string) => ((await (await upload(server, token, { bytes: png(10, 10), type: 'image/png' })).json()) as Media).id;
    const bobs = await image(bob);
    expect(await errorOf(await postStatus(server, alice, { status: 'x', media_ids: [bobs] }))).toBe(`Media ${bobs} not found or already attached to another post`);
    const five = await Promise.all([1, 2, 3, 4, 5].map(() => image(alice)));
    expect(await errorOf(await postStatus(server, alice, { status: 'x', media_ids: five }))).toBe('Cannot attach more than 4 files');
    const video = ((await (await upload(server, alice, { bytes: new Uint8Array(100), type: 'video/mp4', name: 'clip.mp4' })).json()) as Media).id;
    expect(await errorOf(await postStatus(server, alice, { status: 'x', media_ids: [five[0], video] }))).toBe('Cannot attach a video to a post that already contains images');
    const four = await postStatus(server, alice, { status: 'x', media_ids: five.slice(0, 4) });
    expect(((await four.json()) as MastodonStatus).media_attachments.map((m) => m.id)).toEqual(five.slice(0, 4));
  });
});

describe('scheduled statuses', () => {
  it('answers a ScheduledStatus, lists it, and publishes it with publishScheduled()', async () => {
    const server = await start({ mediaProcessingMs: 0 });
    const alice = await tokenFor(server, 'alice');
    const media = (await (await upload(server, alice, { bytes: png(10, 10), type: 'image/png' })).json()) as Media;
    const at = new Date(Date.now() + 60 * 60 * 1000).toISOString();
    const answer = await postStatus(server, alice, { status: 'later', scheduled_at: at, visibility: 'unlisted', media_ids: [media.id] });
    expect(answer.status).toBe(200);
    const scheduled = (await answer.json()) as { id: string; scheduled_at: string; params: Record<string, unknown>; media_attachments: Media[] };
    expect(scheduled).toMatchObject({ scheduled_at: at, params: { text: 'later', visibility: 'unlisted', media_ids: [media.id], scheduled_at: null }, media_attachments: [{ id: media.id }] });
    expect(scheduled).not.toHaveProperty('content');
    expect(server.statusesOf('alice')).toEqual([]);

    const listed = await api(server, alice, '/api/v1/scheduled_statuses');
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { id: string }[]).map((s) => s.id)).toEqual([scheduled.id]);
    expect((await (await api(server, await tokenFor(server, 'bob'), '/api/v1/scheduled_statuses')).json()) as unknown[]).toEqual([]);

    const [published] = server.publishScheduled();
    expect(published).toMatchObject({ visibility: 'unlisted', media_attachments: [{ id: media.id }] });
    expect(server.statusesOf('alice').map((s) => s.id)).toEqual([published?.id]);
    expect((await (await api(server, alice, '/api/v1/scheduled_statuses')).json()) as unknown[]).toEqual([]);
  });

  it('refuses a time less than 5 minutes ahead with 422; a time already past posts at once', async () => {
    const server = await start();
    const alice = await tokenFor(server, 'alice');
    const soon = new Date(Date.now() + 4 * 60 * 1000).toISOString();
    expect(await errorOf(await postStatus(server, alice, { status: 'soon', scheduled_at: soon }))).toBe('Validation failed: Scheduled at The scheduled date must be in the future');
    expect(await errorOf(await postStatus(server, alice, { status: 'when?', scheduled_at: 'not a date' }))).toBe('Record invalid');
    const past = await postStatus(server, alice, { status: 'now', scheduled_at: new Date(Date.now() - 1000).toISOString() });
    expect(((await past.json()) as MastodonStatus).content).toContain('now');
    expect(server.statusesOf('alice')).toHaveLength(1);
  });

  it('cancels a scheduled status with DELETE', async () => {
    const server = await start();
    const alice = await tokenFor(server, 'alice');
    const at = new Date(Date.now() + 10 * 60 * 1000).toISOString();
    const { id } = (await (await postStatus(server, alice, { status: 'maybe', scheduled_at: at })).json()) as { id: string };
    expect((await api(server, await tokenFor(server, 'bob'), `/api/v1/scheduled_statuses/${id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await api(server, alice, `/api/v1/scheduled_statuses/${id}`, { method: 'DELETE' })).status).toBe(200);
    expect(server.publishScheduled()).toEqual([]);
  });
});

describe('rate limits', () => {
  it('answers 429 with X-RateLimit-* headers for the next calls after rateLimitNext()', async () => {
    const server = await start();
    const alice = await tokenFor(server, 'alice');
    const before = Date.now();
    server.rateLimitNext(2, 30_000);
    for (let call = 0; call < 2; call++) {
      const refused = await postStatus(server, alice, { status: 'x' });
      expect(await errorOf(refused, 429)).toBe('Too many requests');
      expect(refused.headers.get('x-ratelimit-limit')).toBe('300');
      expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
      const reset = Date.parse(refused.headers.get('x-ratelimit-reset') ?? '');
      expect(reset).toBeGreaterThanOrEqual(before + 30_000);
      expect(reset).toBeLessThan(before + 40_000);
    }
    expect(server.statusesOf('alice')).toEqual([]);
    const allowed = await postStatus(server, alice, { status: 'x' });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('x-ratelimit-remaining')).toMatch(/^\d+$/);
  });

  it('counts requests against the configured budget per window', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00.000Z'));
    const server = await start({ rateLimit: { limit: 3, windowMs: 60_000 } });
    const alice = await tokenFor(server, 'alice');
    const me = () => api(server, alice, '/api/v1/accounts/verify_credentials');
    const remaining = [];
    for (let call = 0; call < 3; call++) remaining.push((await me()).headers.get('x-ratelimit-remaining'));
    expect(remaining).toEqual(['2', '1', '0']);
    const refused = await me();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-ratelimit-limit')).toBe('3');
    expect(refused.headers.get('x-ratelimit-reset')).toBe('2030-01-01T00:01:00.000000Z');
    vi.setSystemTime(new Date('2030-01-01T00:01:00.000Z'));
    expect((await me()).status).toBe(200);
  });
});
