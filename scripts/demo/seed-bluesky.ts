/**
 * The demo's Bluesky side, on the local network (PLC + PDS + AppView): accounts, follows, posts
 * with facets, pictures, link cards, self-labels, replies, a quote and reposts. Posts are
 * written in batches (com.atproto.repo.applyWrites, one call per author and round), replies and
 * quotes in a later round than what they point at.
 */
import { AtpAgent, RichText, UnicodeString, type BlobRef } from '@atproto/api';
import type { BlueskyNetwork, BlueskyUser } from '../../tests/support/bluesky-network.ts';
import { blueskyHandle, demoAccounts, demoPassword, people, person } from './people.ts';
import type { PlannedBoost, PlannedPost } from './plan.ts';
import { sampleImages, type SampleImageName } from './sample-images.ts';

interface StrongRef {
  uri: string;
  cid: string;
}

interface Author {
  user: BlueskyUser;
  agent: AtpAgent;
  /** Pictures this author uploaded already (blobs belong to one repository). */
  blobs: Map<SampleImageName, BlobRef>;
}

export interface BlueskyWorld {
  /** Writes planned posts (replies and quotes after what they point at) and reposts. */
  write(posts: PlannedPost[], reposts?: PlannedBoost[]): Promise<void>;
  /** The demo accounts' users, by handle (with an app password each). */
  demoUsers: Map<string, BlueskyUser>;
  /** `from` mentions the account `to` (both handles) in a post of `text`, written `at`. */
  mention(from: string, to: string, text: string, at: Date): Promise<void>;
  follow(from: string, to: string): Promise<void>;
}

type Write = { $type: 'com.atproto.repo.applyWrites#create'; collection: string; value: Record<string, unknown> };

const create = (collection: string, value: Record<string, unknown>): Write => ({
  $type: 'com.atproto.repo.applyWrites#create',
  collection,
  value: { $type: collection, ...value },
});

/** At most 200 writes per applyWrites call (the PDS's limit). */
const batchSize = 200;

/** Creates every Bluesky person and demo account, and the demo accounts' follows. */
export async function startBlueskyWorld(network: Pick<BlueskyNetwork, 'pdsUrl' | 'createUser' | 'processAll'>): Promise<BlueskyWorld> {
  const handles = [...people.filter((p) => p.home.kind === 'bluesky').map(blueskyHandle), ...demoAccounts.filter((a) => a.network === 'bluesky').map((a) => a.username)];
  const displayNames = new Map<string, string>([
    ...people.map((p): [string, string] => [blueskyHandle(p), p.displayName]),
    ...demoAccounts.map((a): [string, string] => [a.username, a.displayName]),
  ]);
  const authors = new Map<string, Author>(
    await Promise.all(
      handles.map(async (handle): Promise<[string, Author]> => {
        const user = await network.createUser({ handle, password: demoPassword, displayName: displayNames.get(handle) });
        const agent = new AtpAgent({ service: network.pdsUrl });
        await agent.login({ identifier: user.handle, password: user.password });
        return [handle, { user, agent, blobs: new Map() }];
      }),
    ),
  );
  const authorOf = (handle: string): Author => {
    const found = authors.get(handle);
    if (!found) throw new Error(`no Bluesky account ${handle} in the demo`);
    return found;
  };
  const didOf = (handle: string) => authors.get(handle.toLowerCase())?.user.did;

  const applyWrites = async (author: Author, writes: Write[]): Promise<StrongRef[]> => {
    const refs: StrongRef[] = [];
    for (let i = 0; i < writes.length; i += batchSize) {
      const { data } = await author.agent.com.atproto.repo.applyWrites({ repo: author.user.did, writes: writes.slice(i, i + batchSize) });
      for (const result of data.results ?? []) {
        if ('uri' in result && 'cid' in result) refs.push({ uri: result.uri, cid: result.cid });
      }
    }
    if (refs.length !== writes.length) throw new Error(`the PDS created ${refs.length} of ${writes.length} records for ${author.user.handle}`);
    return refs;
  };

  const follows = demoAccounts.filter((a) => a.network === 'bluesky');
  await Promise.all(
    follows.map((account) => {
      const writes = account.follows.map((key) => create('app.bsky.graph.follow', { subject: authorOf(blueskyHandle(person(key))).user.did, createdAt: new Date().toISOString() }));
      return applyWrites(authorOf(account.username), writes);
    }),
  );

  /** Plan id → the record, and the thread root for replies. */
  const written = new Map<string, { ref: StrongRef; root: StrongRef }>();

  async function blobFor(author: Author, name: SampleImageName): Promise<BlobRef> {
    let blob = author.blobs.get(name);
    if (!blob) {
      const image = sampleImages[name];
      blob = (await author.agent.uploadBlob(image.bytes, { encoding: image.contentType })).data.blob;
      author.blobs.set(name, blob);
    }
    return blob;
  }

  function facetsOf(planned: PlannedPost): unknown[] {
    const rich = new RichText({ text: planned.text });
    rich.detectFacetsWithoutResolution(); // mentions carry the handle where the DID goes: filled in below
    const facets = (rich.facets ?? []).flatMap((facet) => {
      const features = facet.features.flatMap((feature) => {
        if (!('did' in feature) || typeof feature.did !== 'string') return [feature];
        const did = didOf(feature.did);
        return did ? [{ ...feature, did }] : [];
      });
      return features.length > 0 ? [{ ...facet, features }] : [];
    });
    if (!planned.disguisedLink) return facets;
    const { text, target } = planned.disguisedLink;
    const start = planned.text.indexOf(text);
    if (start < 0) throw new Error(`"${text}" is not in the post "${planned.text}"`);
    const unicode = new UnicodeString(planned.text);
    const index = { byteStart: unicode.utf16IndexToUtf8Index(start), byteEnd: unicode.utf16IndexToUtf8Index(start + text.length) };
    const outside = facets.filter((facet) => facet.index.byteEnd <= index.byteStart || facet.index.byteStart >= index.byteEnd);
    return [...outside, { index, features: [{ $type: 'app.bsky.richtext.facet#link', uri: target }] }];
  }

  async function embedOf(planned: PlannedPost, author: Author): Promise<Record<string, unknown> | undefined> {
    if (planned.quoteOf !== undefined) {
      const quoted = written.get(planned.quoteOf);
      if (!quoted) throw new Error(`quote of ${planned.quoteOf} before it was written`);
      return { $type: 'app.bsky.embed.record', record: quoted.ref };
    }
    if (planned.image) {
      const image = sampleImages[planned.image.name];
      const blob = await blobFor(author, planned.image.name);
      return { $type: 'app.bsky.embed.images', images: [{ image: blob, alt: planned.image.alt, aspectRatio: { width: image.width, height: image.height } }] };
    }
    if (planned.card) return { $type: 'app.bsky.embed.external', external: { uri: planned.card.url, title: planned.card.title, description: planned.card.description } };
    return undefined;
  }

  async function recordOf(planned: PlannedPost, author: Author): Promise<Write> {
    const parent = planned.replyTo === undefined ? undefined : written.get(planned.replyTo);
    if (planned.replyTo !== undefined && !parent) throw new Error(`reply to ${planned.replyTo} before it was written`);
    const embed = await embedOf(planned, author);
    return create('app.bsky.feed.post', {
      text: planned.text,
      createdAt: planned.at.toISOString(),
      langs: [planned.language],
      facets: facetsOf(planned),
      ...(embed ? { embed } : {}),
      ...(parent ? { reply: { root: parent.root, parent: parent.ref } } : {}),
      ...(planned.selfLabel ? { labels: { $type: 'com.atproto.label.defs#selfLabels', values: [{ val: planned.selfLabel }] } } : {}),
    });
  }

  /** One round: every post whose parent or quoted post exists, one applyWrites per author. */
  async function writeRound(round: PlannedPost[]): Promise<void> {
    const byAuthor = new Map<string, PlannedPost[]>();
    for (const planned of round) byAuthor.set(planned.author, [...(byAuthor.get(planned.author) ?? []), planned]);
    await Promise.all(
      [...byAuthor].map(async ([key, posts]) => {
        const author = authorOf(blueskyHandle(person(key)));
        const records: Write[] = [];
        for (const planned of posts) records.push(await recordOf(planned, author)); // in turn: a picture is uploaded once
        const refs = await applyWrites(author, records);
        posts.forEach((planned, i) => {
          const ref = refs[i]!;
          const parent = planned.replyTo === undefined ? undefined : written.get(planned.replyTo);
          written.set(planned.id, { ref, root: parent?.root ?? ref });
        });
      }),
    );
  }

  return {
    demoUsers: new Map(follows.map((account) => [account.username, authorOf(account.username).user])),
    async mention(from, to, text, at) {
      const full = `@${to} ${text}`;
      const end = new UnicodeString(`@${to}`).length;
      const facet = { index: { byteStart: 0, byteEnd: end }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: authorOf(to).user.did }] };
      await applyWrites(authorOf(from), [create('app.bsky.feed.post', { text: full, facets: [facet], createdAt: at.toISOString() })]);
    },
    async follow(from, to) {
      await applyWrites(authorOf(from), [create('app.bsky.graph.follow', { subject: authorOf(to).user.did, createdAt: new Date().toISOString() })]);
    },
    async write(posts, reposts = []) {
      let waiting = posts.filter((p) => p.network === 'bluesky');
      while (waiting.length > 0) {
        const ready = waiting.filter((p) => [p.replyTo, p.quoteOf].every((id) => id === undefined || written.has(id)));
        if (ready.length === 0) throw new Error(`demo posts point at posts that are never written: ${waiting.map((p) => p.id).join(', ')}`);
        await writeRound(ready);
        waiting = waiting.filter((p) => !ready.includes(p));
      }
      const byBooster = new Map<string, Write[]>();
      for (const repost of reposts) {
        const subject = written.get(repost.of)?.ref;
        if (!subject) continue; // a Mastodon post
        const handle = blueskyHandle(person(repost.by));
        byBooster.set(handle, [...(byBooster.get(handle) ?? []), create('app.bsky.feed.repost', { subject, createdAt: repost.at.toISOString() })]);
      }
      await Promise.all([...byBooster].map(([handle, writes]) => applyWrites(authorOf(handle), writes)));
    },
  };
}
