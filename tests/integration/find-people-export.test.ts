/**
 * The people of a Twitter/X data export looked for on Mastodon through the core's own call
 * (Core.findListed: a file path never comes from a renderer): by handle and name only, every
 * match a maybe, the people the export never names counted and not looked up. And the window's
 * way in: the file handed over in chunks through the contract (files.begin/append), then
 * people.findExport, and the refusals a broken handover gets.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMastodonServer, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { writeTwitterExport, writeZip } from '../support/export-files.ts';
import { signInMastodon } from '../support/mastodon-user.ts';
import { tempDir } from '../support/temp-dir.ts';

const folder = tempDir('find-people-export');
let mastodon: MastodonTestServer;
let braid: CoreHarness;
let amyId = '';

beforeAll(async () => {
  mastodon = await startMastodonServer();
  mastodon.addUser({ username: 'amy', password: 'amy-password-1' });
  mastodon.addRemoteAccount('bob_smith@other.example', { displayName: 'Robert' });
  mastodon.addRemoteAccount('chloe@other.example', { displayName: 'Chloé Ünal 🌸' });
  braid = startCore({ liveUpdates: false });
  amyId = await signInMastodon(braid, mastodon, 'amy', 'amy-password-1');
}, 60_000);

afterAll(async () => {
  braid?.close();
  await mastodon?.close();
  folder.remove();
});

describe('finding the people of a Twitter/X export on Mastodon', () => {
  it('finds them by username and by name, all maybes, and counts the unnamed', async () => {
    const file = join(folder.path, 'twitter.zip');
    await writeTwitterExport(file, { count: 2, follows: true });
    const progress: number[] = [];
    const result = await braid.core.findListed(file, amyId, { onProgress: ({ done }) => progress.push(done) });
    expect(result).toMatchObject({ from: 'twitter', to: amyId, unnamed: 3, unfinished: 0 });
    const found = Object.fromEntries(result.matches.map((match) => [match.person.id, match.candidates.map((candidate) => [candidate.author.handle, candidate.confidence, candidate.evidence.map((item) => item.kind).join(' ')])]));
    expect(found['twitter:1001']).toEqual([['bob_smith@other.example', 'maybe', 'handle']]);
    expect(found['twitter:1002']).toEqual([['chloe@other.example', 'maybe', 'name']]);
    // Seven people in the two lists, each once; the three the export never names are not looked up.
    expect(result.matches).toHaveLength(4);
    expect(progress.at(-1)).toBe(4);
  });

  it('refuses a file that is not a Twitter/X export, in the user’s words', async () => {
    const file = join(folder.path, 'other.zip');
    await writeZip(file, [['hello.txt', 'hi']]);
    await expect(braid.core.findListed(file, amyId)).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('takes the export from a window in chunks: a chunk sent again is ignored, one out of order or a file not whole is refused', async () => {
    const file = join(folder.path, 'handed.zip');
    await writeTwitterExport(file, { count: 2, follows: true });
    const bytes = readFileSync(file);
    const { fileId } = await braid.value('files.begin', { name: 'twitter-2026.zip', size: bytes.length });
    const half = Math.floor(bytes.length / 2);
    const chunk = (from: number, to: number) => bytes.subarray(from, to).toString('base64');
    expect(await braid.value('files.append', { fileId, offset: 0, dataBase64: chunk(0, half) })).toEqual({ received: half });
    expect(await braid.value('files.append', { fileId, offset: 0, dataBase64: chunk(0, half) })).toEqual({ received: half });
    const early = await braid.call('people.findExport', { fileId, to: amyId });
    expect(early).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(early)).toContain('twitter-2026.zip');
    expect(await braid.call('files.append', { fileId, offset: half + 1, dataBase64: chunk(half + 1, bytes.length) })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await braid.value('files.append', { fileId, offset: half, dataBase64: chunk(half, bytes.length) })).toEqual({ received: bytes.length });

    const result = await braid.value('people.findExport', { fileId, to: amyId });
    expect(result).toMatchObject({ from: 'twitter', to: amyId, unnamed: 3, unfinished: 0 });
    expect(result.matches.flatMap((match) => match.candidates.map((candidate) => candidate.author.handle)).sort()).toEqual(['bob_smith@other.example', 'chloe@other.example']);
    expect(braid.transcript()).toContain('"event":"people.finding","payload":{"from":"twitter"');

    await braid.value('files.discard', { fileId });
    expect(readdirSync(join(braid.dataDir, 'incoming'))).toEqual([]);
    expect(await braid.call('people.findExport', { fileId, to: amyId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('names a handed-over file that is not an export by the name the user chose, never by where Braid keeps it', async () => {
    const bytes = Buffer.from('not a zip at all');
    const { fileId } = await braid.value('files.begin', { name: 'holiday.zip', size: bytes.length });
    await braid.value('files.append', { fileId, offset: 0, dataBase64: bytes.toString('base64') });
    const refused = await braid.call('people.findExport', { fileId, to: amyId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(JSON.stringify(refused)).toContain('holiday.zip');
    expect(JSON.stringify(refused)).not.toContain(braid.dataDir);
  });
});
