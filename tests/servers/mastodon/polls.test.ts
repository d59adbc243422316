import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMastodonServer, type MastodonTestServer } from './index.ts';
import { tokenFor } from './test-token.ts';

let server: MastodonTestServer;
const inADay = () => new Date(Date.now() + 86_400_000);

beforeAll(async () => {
  server = await startMastodonServer();
  for (const username of ['amy', 'bob', 'cat']) server.addUser({ username, password: `${username} pw` });
});

afterAll(() => server.close());

interface PollAnswer {
  id: string;
  expired: boolean;
  votes_count: number;
  voters_count: number;
  options: { title: string; votes_count: number }[];
  voted?: boolean;
  own_votes?: number[];
  error?: string;
}

async function vote(username: string, pollId: string, choices: number[]) {
  const answer = await fetch(`${server.url}/api/v1/polls/${pollId}/votes`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await tokenFor(server, username, 'read write')}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ choices }),
  });
  return { status: answer.status, body: (await answer.json()) as PollAnswer };
}

describe('polls', () => {
  it('counts votes and voters, and tells each voter their own choices', async () => {
    const status = server.post('amy', { text: 'Tea or coffee?', poll: { options: ['Tea', 'Coffee', 'Both'], multiple: true, expiresAt: inADay() } });
    const pollId = status.poll!.id;
    expect((await vote('bob', pollId, [0, 2])).body).toMatchObject({ voted: true, own_votes: [0, 2], votes_count: 2, voters_count: 1 });
    const cat = await vote('cat', pollId, [1]);
    expect(cat.body.options.map((option) => option.votes_count)).toEqual([1, 1, 1]);
    expect(cat.body).toMatchObject({ voted: true, own_votes: [1], votes_count: 3, voters_count: 2 });
    const anonymous = (await (await fetch(`${server.url}/api/v1/polls/${pollId}`)).json()) as PollAnswer;
    expect(anonymous.voted).toBeUndefined();
  });

  it('refuses a second vote, a closed poll, several choices in a one-choice poll, and unknown options', async () => {
    const open = server.post('amy', { text: 'One?', poll: { options: ['a', 'b'], expiresAt: inADay() } });
    expect((await vote('bob', open.poll!.id, [0, 1])).status).toBe(422);
    expect((await vote('bob', open.poll!.id, [5])).status).toBe(422);
    expect((await vote('bob', open.poll!.id, [1])).status).toBe(200);
    expect((await vote('bob', open.poll!.id, [0])).body.error).toBe('Validation failed: You have already voted on this poll');
    const closed = server.post('amy', { text: 'Too late?', poll: { options: ['a', 'b'], expiresAt: new Date(Date.now() - 1000) } });
    expect(closed.poll).toMatchObject({ expired: true });
    expect((await vote('bob', closed.poll!.id, [0])).body.error).toBe('Validation failed: The poll has already ended');
  });

  it('hides the poll of a status the voter may not see', async () => {
    const hidden = server.post('amy', { text: 'Followers?', visibility: 'private', poll: { options: ['a', 'b'], expiresAt: inADay() } });
    expect((await vote('cat', hidden.poll!.id, [0])).status).toBe(404);
  });
});
