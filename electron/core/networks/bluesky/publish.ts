/**
 * Sending one outbox target to a Bluesky account: images uploaded as blobs, the records built
 * once (rich text facets through RichText, self-labels, language, the reply refs, a link card),
 * then the whole thread written in ONE applyWrites under record keys (TIDs) made at Send. Each
 * reply refers to the record before it by a CID computed here exactly as the PDS computes it.
 * Writing again can never double a post: a second create on a taken key fails. After a failed or
 * unanswered write, getRecord on the first key says whether the thread landed.
 */
import { RichText, type Agent } from '@atproto/api';
import { TID } from '@atproto/common-web';
import { cidForLex } from '@atproto/lex-cbor';
import { jsonToLex } from '@atproto/lex-json';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { prepareImage } from '../../media/image-prep.ts';
import { fetchLinkPreview, fetchPreviewImage } from '../../media/link-card.ts';
import type { Job, PostedPart, PublishContext, Publisher } from '../publishing.ts';
import { phrase, ServerError, type What } from '../../base/errors.ts';
import { hostOf, replyRefsOf, viewOf, xrpc } from './actions.ts';
import { fromXrpcError } from './xrpc-errors.ts';

const postCollection = 'app.bsky.feed.post';
/** app.bsky.embed.images: 2,000,000 bytes per image; app.bsky.embed.external thumb: 1,000,000. */
const imageLimits = { maxBytes: 2_000_000, maxSide: 4096 };
const thumbLimits = { maxBytes: 1_000_000, maxSide: 2000 };

type StrongRef = { uri: string; cid: string };
type JsonRecord = Record<string, unknown>;
type UploadedImage = { blob: unknown; width: number; height: number };

/** One record key (TID) per part, made at Send: a create on a known key can never post twice. */
export const blueskyKeys = (count: number): string[] => Array.from({ length: count }, () => TID.nextStr());

export const postUrl = (did: string, rkey: string) => `https://bsky.app/profile/${did}/post/${rkey}`;

/** The record's CID as the PDS will compute it: DAG-CBOR of the record read from its JSON. */
async function cidOf(record: JsonRecord): Promise<string> {
  return (await cidForLex(jsonToLex(JSON.parse(JSON.stringify(record)) as Parameters<typeof jsonToLex>[0]))).toString();
}

async function uploadBlob(agent: Agent, host: string, bytes: Uint8Array, mimeType: string, what: What): Promise<unknown> {
  const { data } = await xrpc(host, what, () => agent.uploadBlob(bytes, { encoding: mimeType }));
  return JSON.parse(JSON.stringify(data.blob)); // the blob ref in its JSON form, to be saved
}

export function createBlueskyPublisher(agentFor: (accountId: string) => Promise<Agent>): Publisher {
  return {
    async publish(job: Job, account: AccountSummary, context: PublishContext): Promise<PostedPart[]> {
      const agent = await agentFor(account.id);
      const did = agent.did;
      if (!did) throw new ServerError('auth_expired', phrase('error.signIn.blueskySessionEnded'));
      const host = hostOf(agent);
      const { plan, keys } = job;
      const parts = (cids: string[]): PostedPart[] =>
        keys.map((rkey, index) => ({ id: `at://${did}/${postCollection}/${rkey}`, url: postUrl(did, rkey), cid: cids[index]! }));

      async function landed(): Promise<boolean> {
        try {
          await agent.com.atproto.repo.getRecord({ repo: did!, collection: postCollection, rkey: keys[0]! });
          return true;
        } catch (error) {
          const known = fromXrpcError(error, host, phrase('error.what.checkOfPost'));
          if (known.code === 'invalid_input' || known.code === 'not_supported' || known.code === 'not_found') return false; // RecordNotFound (400)
          throw known;
        }
      }

      async function images(): Promise<UploadedImage[]> {
        const saved = context.job().progress.media;
        if (saved) return saved.map((entry) => JSON.parse(entry) as UploadedImage);
        const uploaded: UploadedImage[] = [];
        context.uploaded(0, plan.media.length);
        for (const index of plan.media.keys()) {
          const image = await prepareImage(context.image(index), imageLimits);
          uploaded.push({ blob: await uploadBlob(agent, host, image.bytes, image.mimeType, phrase('error.what.image', { number: index + 1 })), width: image.width, height: image.height });
          context.uploaded(index + 1, plan.media.length);
        }
        context.save({ media: uploaded.map((entry) => JSON.stringify(entry)) });
        context.step('media_uploaded');
        return uploaded;
      }

      /** A card for the first link: a page that cannot be read leaves the post without one. */
      async function linkCard(rich: RichText): Promise<JsonRecord | undefined> {
        const link = rich.facets?.flatMap((facet) => facet.features).find((feature) => feature.$type === 'app.bsky.richtext.facet#link');
        const uri = link && 'uri' in link ? link.uri : undefined;
        if (typeof uri !== 'string') return undefined;
        try {
          const preview = await fetchLinkPreview(uri);
          let thumb: unknown;
          if (preview.imageUrl) {
            try {
              const fetched = await fetchPreviewImage(preview.imageUrl);
              const image = await prepareImage(fetched.bytes, thumbLimits);
              thumb = await uploadBlob(agent, host, image.bytes, image.mimeType, phrase('error.what.cardPicture'));
            } catch {
              thumb = undefined; // a card without its picture
            }
          }
          return { $type: 'app.bsky.embed.external', external: { uri: preview.url, title: preview.title, description: preview.description, ...(thumb ? { thumb } : {}) } };
        } catch {
          return undefined;
        }
      }

      async function replyRoot(): Promise<{ root: StrongRef; parent: StrongRef } | undefined> {
        if (!plan.parent) return undefined;
        const known = context.job().progress.parent as { root: StrongRef; parent: StrongRef } | undefined;
        if (known) return known;
        const refs = replyRefsOf(await viewOf(agent, host, plan.parent.uri));
        context.save({ parent: refs });
        return refs;
      }

      /** The quoted post's strong ref (its cid as this account's view has it), found once and kept with the job. */
      async function quotedRef(): Promise<StrongRef | undefined> {
        if (!plan.quoted) return undefined;
        const known = context.job().progress.quoted as StrongRef | undefined;
        if (known) return known;
        const view = await viewOf(agent, host, plan.quoted.uri);
        const ref = { uri: view.uri, cid: view.cid };
        context.save({ quoted: ref });
        return ref;
      }

      /** Every record of the thread, built once and saved, so that a resumed send writes the same ones. */
      async function records(): Promise<{ records: JsonRecord[]; cids: string[] }> {
        const saved = context.job().progress;
        if (saved.records && saved.cids) return { records: saved.records as JsonRecord[], cids: saved.cids };
        const reply = await replyRoot();
        const uploaded = plan.media.length > 0 ? await images() : [];
        const quoted = await quotedRef();
        const built: JsonRecord[] = [];
        const cids: string[] = [];
        const createdAt = Date.now();
        for (const [index, text] of plan.parts.entries()) {
          const rich = new RichText({ text });
          await rich.detectFacets(agent); // links, hashtags, and mentions resolved to DIDs
          const previous = index > 0 ? { uri: `at://${did}/${postCollection}/${keys[index - 1]}`, cid: cids[index - 1]! } : undefined;
          const root = reply?.root ?? (index > 0 ? { uri: `at://${did}/${postCollection}/${keys[0]}`, cid: cids[0]! } : undefined);
          const parent = previous ?? reply?.parent;
          let embed: JsonRecord | undefined;
          const pictures: JsonRecord | undefined =
            index === 0 && uploaded.length > 0
              ? {
                  $type: 'app.bsky.embed.images',
                  images: uploaded.map((image, i) => ({ image: image.blob, alt: plan.media[i]!.alt.trim(), aspectRatio: { width: image.width, height: image.height } })),
                }
              : undefined;
          if (index === 0 && quoted) {
            // A quote with pictures is one record-with-media embed; a quote leaves no room for a link card.
            embed = pictures
              ? { $type: 'app.bsky.embed.recordWithMedia', record: { $type: 'app.bsky.embed.record', record: quoted }, media: pictures }
              : { $type: 'app.bsky.embed.record', record: quoted };
          } else if (pictures) {
            embed = pictures;
          } else if (index === 0) {
            embed = await linkCard(rich);
          }
          const record: JsonRecord = {
            $type: postCollection,
            text: rich.text,
            // Distinct times keep the thread in order wherever posts are sorted by createdAt.
            createdAt: new Date(createdAt + index).toISOString(),
            ...(rich.facets?.length ? { facets: rich.facets } : {}),
            ...(root && parent ? { reply: { root, parent } } : {}),
            ...(embed ? { embed } : {}),
            ...(plan.language ? { langs: [plan.language] } : {}),
            ...(plan.labels.length ? { labels: { $type: 'com.atproto.label.defs#selfLabels', values: plan.labels.map((val) => ({ val })) } } : {}),
          };
          built.push(record);
          cids.push(await cidOf(record));
        }
        context.save({ records: built, cids });
        return { records: built, cids };
      }

      if (context.job().sentAt && (await landed())) return parts(context.job().progress.cids ?? []);
      const thread = await records();
      context.sending();
      try {
        await agent.com.atproto.repo.applyWrites({
          repo: did,
          validate: true,
          writes: thread.records.map((value, index) => ({ $type: 'com.atproto.repo.applyWrites#create', collection: postCollection, rkey: keys[index]!, value })),
        });
      } catch (error) {
        const known = fromXrpcError(error, host, plan.parts.length > 1 ? phrase('error.what.thread') : phrase('error.what.post'));
        // A taken key answers a bare 500, and an unanswered write may have landed: the record decides.
        if (known.code !== 'auth_expired' && (await landed().catch(() => false))) return parts(thread.cids);
        throw known;
      }
      return parts(thread.cids);
    },
  };
}
