import { describe, expect, it } from 'vitest';
import { ServerError } from '../../electron/core/base/errors.ts';
import { capped } from '../../electron/core/http/answer-cap.ts';

const url = 'https://big.example/api/v1/timelines/home';

describe('answers over the size limit', () => {
  it('refuses one whose Content-Length says it is too large, unread', () => {
    const response = new Response('x', { headers: { 'content-length': String(20 * 1024 * 1024) } });
    expect(() => capped(response, url)).toThrow(ServerError);
    expect(() => capped(new Response('x', { headers: { 'content-length': '99999999' } }), url)).toThrow('big.example sent an answer over 16 MB: Braid did not read it.');
  });

  it('stops reading one that says nothing of its size once it passes the limit', async () => {
    const chunks = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    await expect(capped(new Response(chunks), url, 1024 * 1024).text()).rejects.toMatchObject({ code: 'server' });
  });

  it('passes an answer under the limit through as it came', async () => {
    const response = capped(new Response('{"ok":true}', { status: 201, statusText: 'Created', headers: { 'content-type': 'application/json' } }), url);
    expect(response.status).toBe(201);
    expect(response.statusText).toBe('Created');
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(await response.json()).toEqual({ ok: true });
    expect(capped(new Response(null, { status: 204 }), url).status).toBe(204);
  });
});
