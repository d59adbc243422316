/**
 * Mastodon polls through the contract: the timeline shows a poll with the account's own part in it,
 * a vote counts on the server and comes back with the new tallies, and refusals (a second vote, a
 * closed poll, a choice the poll does not have) say why.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../shared/contract.ts';
import { postKey, type Post } from '../../shared/domain/post.ts';
import { startMastodonServer, type MastodonStatus, type MastodonTestServer } from '../servers/mastodon/index.ts';
import { startCore, type CoreHarness } from '../support/core-harness.ts';
import { signInMastodon } from '../support/mastodon-user.ts';
import { viewAfter } from '../support/timeline-texts.ts';

let server: MastodonTestServer;
let braid: CoreHarness;
let amy: string;
let open: MastodonStatus;
let closed: MastodonStatus;

const keyOf = (status: MastodonStatus) => postKey({ network: 'mastodon', uri: status.uri });
const inTimeline = async (status: MastodonStatus): Promise<Post> => {
  const view = await braid.value('timeline.view');
  return view.items.flatMap((item) => item.posts).find((post) => post.uri === status.uri)!;
};

async function failure(result: Promise<{ ok: boolean; error?: AppError }>): Promise<AppError> {
  const answer = await result;
  expect(answer.ok).toBe(false);
  return answer.error!;
}

beforeAll(async () => {
  server = await startMastodonServer();
  server.addUser({ username: 'amy', password: 'amy-password-1' });
  server.addUser({ username: 'bob', password: 'bob-password-1' });
  server.follow('amy', 'bob');
  open = server.post('bob', { text: 'Where next?', poll: { options: ['Lisbon', 'Oslo', 'Kyoto'], multiple: true, expiresAt: new Date(Date.now() + 86_400_000) } });
  closed = server.post('bob', { text: 'Too late', poll: { options: ['a', 'b'], expiresAt: new Date(Date.now() - 60_000) } });
  braid = startCore();
  amy = await signInMastodon(braid, server, 'amy', 'amy-password-1');
  await viewAfter(braid, 'timeline.refresh');
}, 60_000);

afterAll(async () => {
  braid?.close();
  await server?.close();
});

describe('Mastodon polls', () => {
  it('shows the poll with no vote of the account yet, votes, and reads the new tallies back', async () => {
    const before = await inTimeline(open);
    expect(before.poll).toMatchObject({ multiple: true, expired: false, votes: 0, voters: 0, options: [{ title: 'Lisbon', votes: 0 }, { title: 'Oslo' }, { title: 'Kyoto' }] });
    expect(before.seenBy[0]!.poll).toEqual({ id: open.poll!.id, ownVotes: null });

    const voted = await braid.value('post.vote', { key: keyOf(open), accountId: amy, choices: [0, 2] });
    expect(voted.poll?.options.map((option) => option.votes)).toEqual([1, 0, 1]);
    expect(voted.poll).toMatchObject({ votes: 2, voters: 1 });
    expect(voted.seenBy.find((s) => s.accountId === amy)?.poll?.ownVotes).toEqual([0, 2]);
    // on the server, and kept in the timeline
    expect(server.statusesOf('bob').find((s) => s.id === open.id)?.poll).toMatchObject({ votes_count: 2, voters_count: 1 });
    expect((await inTimeline(open)).seenBy[0]!.poll?.ownVotes).toEqual([0, 2]);
  });

  it('says why a vote is refused: voted already (the server’s words), closed, or no such option', async () => {
    expect(await failure(braid.call('post.vote', { key: keyOf(open), accountId: amy, choices: [1] }))).toMatchObject({ message: expect.stringContaining('already voted') as string });
    expect(await failure(braid.call('post.vote', { key: keyOf(closed), accountId: amy, choices: [0] }))).toMatchObject({ code: 'invalid_input', message: 'This poll has closed.' });
    expect((await failure(braid.call('post.vote', { key: keyOf(open), accountId: amy, choices: [7] }))).code).toBe('invalid_input');
  });
});
