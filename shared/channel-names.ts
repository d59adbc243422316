/**
 * The names of the contract's channels and events, without zod: the bridges (Electron preload,
 * browser page) refuse anything else. shared/contract.ts checks at compile time that these are
 * exactly the keys of its `channels` and `events`.
 */
export const channelNameList = [
  'app.info',
  'theme.get',
  'theme.set',
  'language.get',
  'language.set',
  'accounts.list',
  'accounts.check',
  'accounts.remove',
  'accounts.setPostByDefault',
  'accounts.mastodon.begin',
  'accounts.mastodon.await',
  'accounts.mastodon.finish',
  'accounts.mastodon.cancel',
  'accounts.mastodon.token',
  'accounts.bluesky.begin',
  'accounts.bluesky.await',
  'accounts.bluesky.cancel',
  'accounts.bluesky.signIn',
  'timeline.view',
  'timeline.refresh',
  'timeline.loadMore',
  'timeline.loadGap',
  'timeline.setFocused',
  'timeline.position.get',
  'timeline.position.set',
  'post.like',
  'post.vote',
  'post.boost',
  'post.reply',
  'conversation.open',
  'inbox.view',
  'inbox.refresh',
  'inbox.loadMore',
  'inbox.markRead',
  'inbox.alerts.get',
  'inbox.alerts.set',
  'people.follow',
  'people.profile',
  'people.posts',
  'people.relate',
  'people.find',
  'people.followMany',
  'people.followBatch',
  'people.findExport',
  'files.begin',
  'files.append',
  'files.discard',
  'search.run',
  'search.tag',
  'drafts.list',
  'drafts.save',
  'drafts.delete',
  'media.attach',
  'compose.linkPreview',
  'outbox.send',
  'outbox.list',
  'outbox.retry',
  'outbox.discard',
  'archive.status',
  'archive.sync',
  'archive.pause',
  'archive.search',
  'archive.export',
] as const;

export const eventNameList = ['theme.changed', 'language.changed', 'accounts.changed', 'timeline.updated', 'timeline.changed', 'outbox.changed', 'inbox.changed', 'inbox.alert', 'inbox.open', 'menu.command', 'archive.changed', 'people.finding', 'people.followBatch'] as const;

type ChannelName = (typeof channelNameList)[number];
type EventName = (typeof eventNameList)[number];

const channelSet: ReadonlySet<string> = new Set(channelNameList);
const eventSet: ReadonlySet<string> = new Set(eventNameList);

export const isChannelName = (name: unknown): name is ChannelName => typeof name === 'string' && channelSet.has(name);
export const isEventName = (name: unknown): name is EventName => typeof name === 'string' && eventSet.has(name);
