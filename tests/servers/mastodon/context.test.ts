import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMastodonServer, type MastodonTestServer } from './index.ts';
import { tokenFor } from './test-token.ts';

let server: MastodonTestServer;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startMastodonServer();
  for (const username of ['amy', 'bob', 'cat', 'dan']) server.addUser({ username, password: `${username} pw` });
  server.follow('amy', 'bob');
  const post = (name: string, author: string, replyTo?: string, visibility?: 'public' | 'private') =>
    (ids[name] = server.post(author, { text: name, ...(replyTo ? { inReplyToId: ids[replyTo] } : {}), ...(visibility ? { visibility } : {}) }).id);
  post('root', 'amy');
  post('first', 'bob', 'root');
  post('second', 'cat', 'root');
  post('first-a', 'amy', 'first');
  post('followers-only', 'bob', 'first', 'private'); // amy follows bob: she sees it; dan does not
  post('under-hidden', 'dan', 'followers-only');
  post('first-b', 'dan', 'first');
});

afterAll(() => server.close());

async function context(id: string, viewer?: string) {
  const headers: Record<string, string> = viewer ? { Authorization: `Bearer ${await tokenFor(server, viewer, 'read')}` } : {};
  const answer = await fetch(`${server.url}/api/v1/statuses/${id}/context`, { headers });
  const body = (await answer.json()) as { ancestors: { id: string; in_reply_to_id: string | null }[]; descendants: { id: string; in_reply_to_id: string | null }[] };
  const name = (status: { id: string }) => Object.keys(ids).find((key) => ids[key] === status.id);
  return { status: answer.status, ancestors: body.ancestors?.map(name), descendants: body.descendants?.map(name) };
}

describe('GET /api/v1/statuses/:id/context', () => {
  it('answers the ancestors root first and the descendants depth first, in the order posted', async () => {
    expect(await context(ids['first-a']!, 'amy')).toEqual({ status: 200, ancestors: ['root', 'first'], descendants: [] });
    expect(await context(ids.root!, 'amy')).toEqual({ status: 200, ancestors: [], descendants: ['first', 'first-a', 'followers-only', 'under-hidden', 'first-b', 'second'] });
  });

  it('leaves out what the viewer may not see, but not the replies to it that they may', async () => {
    expect((await context(ids.root!, 'dan')).descendants).toEqual(['first', 'first-a', 'under-hidden', 'first-b', 'second']);
    expect((await context(ids.root!)).descendants).toEqual(['first', 'first-a', 'under-hidden', 'first-b', 'second']);
  });

  it('is 404 for a status the viewer may not see', async () => {
    expect((await context(ids['followers-only']!, 'dan')).status).toBe(404);
  });
});
