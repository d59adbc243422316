/**
 * `braid timeline`: the merged home timeline, refreshed, newest first, as plain text for quick
 * reading. A cross-post is one item with a link on each network.
 */
import type { TimelineView } from '../../shared/contract.ts';
import type { Post } from '../../shared/domain/post.ts';
import { exitCodeOf, exitCodes, type ExitCode } from './exit.ts';
import { textOfStatusHtml } from '../../shared/text/status-text.ts';
import type { Session } from './session.ts';
import { accountsById, handleOf } from './settle.ts';
import { oneLine, plain, print, say } from './terminal.ts';
import { coreWords, words } from './words.ts';

const textOf = (post: Post) => (post.content.kind === 'html' ? textOfStatusHtml(post.content.html) : post.content.text);

const itemJson = (posts: Post[]) => ({
  time: posts[0]!.createdAt,
  networks: posts.map((post) => post.network),
  author: { handle: posts[0]!.author.handle, displayName: posts[0]!.author.displayName },
  boostedBy: posts[0]!.boostedBy?.handle ?? null,
  contentWarning: posts[0]!.contentWarning,
  text: textOf(posts[0]!),
  urls: posts.flatMap((post) => (post.url ? [post.url] : [])),
});

function printItem(posts: Post[]): void {
  const [first] = posts as [Post];
  const time = new Date(first.createdAt).toISOString().slice(0, 16).replace('T', ' ');
  const name = oneLine(first.author.displayName);
  const author = name ? `${name} (@${oneLine(first.author.handle)})` : `@${oneLine(first.author.handle)}`;
  print(`${time}  ${posts.map((post) => post.network).join('+')}  ${author}${first.boostedBy ? `  ↻ ${oneLine(first.boostedBy.handle)}` : ''}`);
  if (first.contentWarning) print(`  ${words('cli.timeline.warning', { warning: oneLine(first.contentWarning) })}`);
  const text = plain(textOf(first)).trim();
  if (text) print(text.split('\n').map((line) => `  ${line}`).join('\n'));
  for (const media of first.media) {
    const kind = words('cli.timeline.media', { kind: media.kind });
    print(`  [${media.alt ? words('cli.about', { subject: kind, message: oneLine(media.alt) }) : kind}]`);
  }
  for (const post of posts) if (post.url) print(`  ${plain(post.url)}`);
  print();
}

export async function showTimeline(session: Session, { limit, json = false }: { limit: number; json?: boolean }): Promise<ExitCode> {
  const byId = accountsById(await session.call('accounts.list'));
  if (byId.size === 0) {
    say(words('cli.accounts.noneYet'));
    return exitCodes.setup;
  }
  await session.call('timeline.refresh');
  const view: TimelineView = await session.call('timeline.view');
  const failed = view.accounts.filter((account) => account.error);
  for (const { accountId, error } of failed) say(words('cli.about', { subject: handleOf(byId, accountId), message: oneLine(coreWords(error!)) }));
  const items = view.items.slice(0, limit);
  if (json) print(JSON.stringify(items.map((item) => itemJson(item.posts))));
  else for (const item of items) printItem(item.posts);
  // Something to read is a success; nothing, because every account failed, is not.
  if (failed.length === 0 || failed.length < view.accounts.length || items.length > 0) return exitCodes.ok;
  return failed.some((account) => exitCodeOf(account.error!) === exitCodes.setup) ? exitCodes.setup : exitCodes.failed;
}
