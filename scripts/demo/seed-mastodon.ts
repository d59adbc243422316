/**
 * The demo's two Mastodon instances ("mastodon.one", "mastodon.two": Mastodon test servers on
 * free ports): their users, the fediverse accounts both know, follows, statuses and boosts.
 * A status from elsewhere in the fediverse reaches both servers with the same URI, as
 * federation delivers it, so Braid sees one post through both accounts.
 */
import { startMastodonServer, type MastodonMediaInput, type MastodonTestServer } from '../../tests/servers/mastodon/index.ts';
import { demoAccounts, demoPassword, mastodonAcct, mastodonServersOf, people, person, type MastodonServerName, type Person } from './people.ts';
import type { PlannedBoost, PlannedPost } from './plan.ts';
import { sampleImages } from './sample-images.ts';
import { sampleVideo } from './sample-video.ts';

export interface MastodonWorld {
  servers: Record<MastodonServerName, MastodonTestServer>;
  /** Posts a planned Mastodon post on every server that holds its author's statuses. */
  post(planned: PlannedPost): void;
  boost(planned: PlannedBoost): void;
  close(): Promise<void>;
}

export const mastodonServerTitle = (server: MastodonServerName) => `mastodon.${server}`;

/** Where a remote person's status lives on its home server (the same on every server it reaches). */
function homeAddress(author: Person, statusId: string): { uri: string; url: string } | undefined {
  const acct = mastodonAcct(author);
  const at = acct.lastIndexOf('@');
  if (author.home.kind === 'mastodon-local' || at < 0) return undefined;
  const [username, domain] = [acct.slice(0, at), acct.slice(at + 1)];
  return { uri: `https://${domain}/users/${username}/statuses/${statusId}`, url: `https://${domain}/@${username}/${statusId}` };
}

function media(planned: PlannedPost, author: Person): MastodonMediaInput[] | undefined {
  if (planned.video) {
    return [{
      description: planned.video.alt,
      width: sampleVideo.width,
      height: sampleVideo.height,
      file: sampleVideo.file,
      preview: sampleVideo.poster,
      kind: planned.video.kind,
    }];
  }
  if (!planned.image) return undefined;
  const image = sampleImages[planned.image.name];
  const acct = mastodonAcct(author);
  const domain = author.home.kind === 'mastodon-local' ? null : acct.slice(acct.lastIndexOf('@') + 1);
  return [{
    description: planned.image.alt === '' ? null : planned.image.alt,
    width: image.width,
    height: image.height,
    file: { bytes: image.bytes, contentType: image.contentType },
    // A remote picture's original stays on its home server; each server serves its own cached copy.
    ...(domain ? { url: `https://${domain}/media/${planned.id}-${image.name}.png` } : {}),
  }];
}

/** Starts both servers with every account and follow in place, nothing posted yet. */
export async function startMastodonWorld(): Promise<MastodonWorld> {
  const [one, two] = await Promise.all([startMastodonServer({ title: mastodonServerTitle('one') }), startMastodonServer({ title: mastodonServerTitle('two') })]);
  const servers: Record<MastodonServerName, MastodonTestServer> = { one, two };

  // Users before remote accounts: the server keeps a remote account from taking the id of an existing user.
  const mastodonDemoAccounts = demoAccounts.filter((account) => account.network === 'mastodon');
  for (const account of mastodonDemoAccounts) servers[account.server ?? 'one'].addUser({ username: account.username, password: demoPassword, displayName: account.displayName });
  for (const p of people) if (p.home.kind === 'mastodon-local') servers[p.home.server].addUser({ username: p.key, password: demoPassword, displayName: p.displayName });
  for (const p of people) {
    if (p.home.kind !== 'mastodon-local' && mastodonServersOf(p).length > 0) for (const server of Object.values(servers)) server.addRemoteAccount(mastodonAcct(p), { displayName: p.displayName });
  }
  for (const account of mastodonDemoAccounts) {
    if (!account.server) continue;
    const server = servers[account.server];
    for (const key of account.follows) {
      if (mastodonServersOf(person(key)).includes(account.server)) server.follow(account.username, mastodonAcct(person(key)));
    }
  }

  /** Plan id → the status id on each server holding it. */
  const ids = new Map<string, Partial<Record<MastodonServerName, string>>>();
  let sequence = 0;

  return {
    servers,
    post(planned) {
      const author = person(planned.author);
      const federated = homeAddress(author, `${planned.at.getTime()}${String(++sequence).padStart(5, '0')}`);
      const placed: Partial<Record<MastodonServerName, string>> = {};
      for (const name of mastodonServersOf(author)) {
        const inReplyToId = planned.replyTo === undefined ? undefined : ids.get(planned.replyTo)?.[name];
        if (planned.replyTo !== undefined && inReplyToId === undefined) continue; // the parent never reached this server
        const quotedStatusId = planned.quoteOf === undefined ? undefined : ids.get(planned.quoteOf)?.[name];
        if (planned.quoteOf !== undefined && quotedStatusId === undefined) continue; // nor the quoted post
        const status = servers[name].post(mastodonAcct(author), {
          text: planned.text,
          createdAt: planned.at,
          language: planned.language,
          ...(planned.contentWarning ? { spoilerText: planned.contentWarning } : {}),
          ...(planned.sensitive ? { sensitive: true } : {}),
          ...(inReplyToId ? { inReplyToId } : {}),
          ...(quotedStatusId ? { quotedStatusId } : {}),
          ...(planned.poll ? { poll: { options: planned.poll.options, multiple: planned.poll.multiple ?? false, expiresAt: new Date(Date.now() + planned.poll.hours * 3_600_000) } } : {}),
          ...(planned.card ? { card: planned.card } : {}),
          ...(planned.image || planned.video ? { media: media(planned, author) } : {}),
          ...(federated ? { federated } : {}),
        });
        placed[name] = status.id;
      }
      ids.set(planned.id, placed);
    },
    boost(planned) {
      const booster = person(planned.by);
      for (const name of mastodonServersOf(booster)) {
        const statusId = ids.get(planned.of)?.[name];
        if (statusId !== undefined) servers[name].reblog(mastodonAcct(booster), statusId, planned.at);
      }
    },
    close: async () => {
      await Promise.all([one.close(), two.close()]);
    },
  };
}
