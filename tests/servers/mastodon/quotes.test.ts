import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMastodonServer, type MastodonTestServer } from './index.ts';
import { tokenFor } from './test-token.ts';

let server: MastodonTestServer;

beforeAll(async () => {
  server = await startMastodonServer();
  for (const username of ['amy', 'bob']) server.addUser({ username, password: `${username} pw` });
  server.addRemoteAccount('rae@far.example');
});

afterAll(() => server.close());

interface Quoting {
  id: string;
  content: string;
  quote: { state: string; quoted_status: { id: string; quote?: { state: string; quoted_status_id: string | null } | null } | null } | null;
}

async function api(path: string, viewer: string, init: { method?: string; body?: Record<string, string> } = {}) {
  const headers: Record<string, string> = { Authorization: `Bearer ${await tokenFor(server, viewer, 'read write')}` };
  if (init.body) headers['Content-Type'] = 'application/json';
  const answer = await fetch(`${server.url}${path}`, { method: init.method ?? 'GET', headers, ...(init.body ? { body: JSON.stringify(init.body) } : {}) });
  return { status: answer.status, body: (await answer.json()) as Quoting };
}

describe('quotes (Mastodon 4.5)', () => {
  it('says it speaks API version 7 and makes a quote from quoted_status_id, with the RE: paragraph for older clients', async () => {
    const instance = (await (await fetch(`${server.url}/api/v2/instance`)).json()) as { version: string; api_versions: { mastodon: number } };
    expect(instance).toMatchObject({ version: '4.5.0', api_versions: { mastodon: 7 } });
    const original = server.post('bob', { text: 'worth quoting' });
    const made = await api('/api/v1/statuses', 'amy', { method: 'POST', body: { status: 'my take', quoted_status_id: original.id } });
    expect(made.status).toBe(200);
    expect(made.body.quote).toMatchObject({ state: 'accepted', quoted_status: { id: original.id } });
    expect(made.body.content).toMatch(/^<p class="quote-inline">RE: <a href="[^"]+">/);
  });

  it('nests one level: a quoted status carries only a shallow quote', async () => {
    const first = server.post('bob', { text: 'first' });
    const second = server.post('amy', { text: 'second', quotedStatusId: first.id });
    const third = server.post('bob', { text: 'third', quotedStatusId: second.id });
    const read = await api(`/api/v1/statuses/${third.id}`, 'amy');
    expect(read.body.quote?.quoted_status?.quote).toEqual({ state: 'accepted', quoted_status_id: first.id });
  });

  it('keeps a quote of another server pending, and says deleted once the quoted status is gone', async () => {
    const remote = server.post('rae@far.example', { text: 'far away' });
    const pending = server.post('amy', { text: 'quoting far', quotedStatusId: remote.id });
    expect((await api(`/api/v1/statuses/${pending.id}`, 'amy')).body.quote).toEqual({ state: 'pending', quoted_status: null });
    const original = server.post('bob', { text: 'soon gone' });
    const quoting = server.post('amy', { text: 'quoting soon gone', quotedStatusId: original.id });
    server.deleteStatus(original.id);
    expect((await api(`/api/v1/statuses/${quoting.id}`, 'amy')).body.quote).toEqual({ state: 'deleted', quoted_status: null });
  });

  it('refuses to quote what the poster cannot see', async () => {
    const hidden = server.post('bob', { text: 'followers only', visibility: 'private' });
    expect((await api('/api/v1/statuses', 'amy', { method: 'POST', body: { status: 'peek', quoted_status_id: hidden.id } })).status).toBe(404);
  });
});
