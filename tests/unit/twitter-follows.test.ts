import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTwitterFollows, twitterAuthor } from '../../electron/core/archive/files/twitter-follows.ts';
import { ExportFileError } from '../../electron/core/archive/files/zip-reader.ts';
import { authorSchema } from '../../shared/domain/post.ts';
import { writeMastodonExport, writeTwitterExport, writeZip } from '../support/export-files.ts';
import { tempDir } from '../support/temp-dir.ts';

const folder = tempDir('twitter-follows');
afterAll(() => folder.remove());
const file = (name: string) => join(folder.path, name);

async function refusal(reading: Promise<unknown>): Promise<ExportFileError> {
  const error = await reading.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ExportFileError);
  return error as ExportFileError;
}

describe('the people of a Twitter/X data export', () => {
  it('lists the people followed and following, with the handles and names its tweets give, the rest counted as unnamed', async () => {
    const path = file('follows.zip');
    const facts = await writeTwitterExport(path, { count: 3, follows: true, parts: 2 });
    const follows = await readTwitterFollows(path);
    expect(follows).toEqual(facts.follows);
    // Counts: the broken entry of following.js is skipped; unnamed counts each person once.
    expect(follows.following).toHaveLength(5);
    expect(follows.followers).toHaveLength(3);
    expect(follows.unnamed).toBe(3);
    // The newest tweet's name wins; a reply gives a handle without a name; a direct message names nobody.
    expect(follows.following.find((person) => person.id === '1001')).toEqual({ id: '1001', handle: 'bob_smith', name: 'Bob Smith' });
    expect(follows.following.find((person) => person.id === '1003')).toEqual({ id: '1003', handle: 'dave_x', name: null });
    expect(follows.following.find((person) => person.id === '1004')).toEqual({ id: '1004', handle: null, name: null });
    // Someone mentioned but in neither list is not one of them.
    expect([...follows.following, ...follows.followers].some((person) => person.id === '9999')).toBe(false);
  });

  it('reads an older export too (data/tweet.js)', async () => {
    const path = file('follows-older.zip');
    await writeTwitterExport(path, { count: 1, extras: false, older: true, follows: true });
    const follows = await readTwitterFollows(path);
    expect(follows.following.map((person) => person.id)).toEqual(['1001', '1002', '1003', '1004', '1005']);
    expect(follows.following.find((person) => person.id === '1002')?.name).toBe('Chloé Ünal 🌸');
  });

  it('makes twitter authors: twitter:<id>, the handle, the name or else the handle', () => {
    const named = twitterAuthor({ id: '1001', handle: 'bob_smith', name: 'Bob Smith' });
    const handleOnly = twitterAuthor({ id: '1003', handle: 'dave_x', name: null });
    const unnamed = twitterAuthor({ id: '1004', handle: null, name: null });
    expect(named).toMatchObject({ network: 'twitter', id: 'twitter:1001', handle: 'bob_smith', displayName: 'Bob Smith', profileUrl: 'https://x.com/bob_smith' });
    expect(handleOnly).toMatchObject({ id: 'twitter:1003', handle: 'dave_x', displayName: 'dave_x' });
    expect(unnamed).toMatchObject({ id: 'twitter:1004', handle: '', displayName: '', profileUrl: 'https://x.com/i/user/1004' });
    for (const author of [named, handleOnly, unnamed]) expect(authorSchema.safeParse(author).success).toBe(true);
  });

  it('refuses what is not a Twitter/X export with its follows, never running its JavaScript', async () => {
    const notZip = file('not.zip');
    await writeFile(notZip, 'plain text, no zip');
    expect((await refusal(readTwitterFollows(notZip))).reason).toBe('not_zip');

    const mastodon = file('mastodon.zip');
    await writeMastodonExport(mastodon, { count: 1, extras: false });
    expect((await refusal(readTwitterFollows(mastodon))).reason).toBe('not_an_export');

    // A Twitter export without following.js or follower.js: nobody to look for.
    const noFollows = file('no-follows.zip');
    await writeTwitterExport(noFollows, { count: 1, extras: false });
    expect((await refusal(readTwitterFollows(noFollows))).reason).toBe('not_an_export');

    // Code where the JSON should be: refused as broken, not run.
    const hostile = file('hostile.zip');
    (globalThis as { ran?: boolean }).ran = false;
    await writeZip(hostile, [
      ['data/account.js', 'window.YTD.account.part0 = [{"account":{"accountId":"1","username":"x"}}]'],
      ['data/following.js', 'window.YTD.following.part0 = (globalThis.ran = true, [])'],
    ]);
    expect((await refusal(readTwitterFollows(hostile))).reason).toBe('broken_export');
    expect((globalThis as { ran?: boolean }).ran).toBe(false);
  });
});
