import { AtpAgent } from '@atproto/api';

export interface RepoRecord {
  uri: string;
  cid: string;
  value: Record<string, unknown> & { text?: string };
}

/** Every record of one collection in a user's repository, newest first, read from their PDS (all pages). */
export async function recordsOf(pdsUrl: string, did: string, collection = 'app.bsky.feed.post'): Promise<RepoRecord[]> {
  const agent = new AtpAgent({ service: pdsUrl });
  const records: RepoRecord[] = [];
  let cursor: string | undefined;
  do {
    const { data } = await agent.com.atproto.repo.listRecords({ repo: did, collection, limit: 100, ...(cursor ? { cursor } : {}) });
    records.push(...(data.records as RepoRecord[]));
    cursor = data.records.length === 100 ? data.cursor : undefined;
  } while (cursor);
  return records;
}

/** The texts of a user's posts, newest first. */
export const postTextsOf = async (pdsUrl: string, did: string): Promise<string[]> =>
  (await recordsOf(pdsUrl, did)).map((record) => record.value.text ?? '');
