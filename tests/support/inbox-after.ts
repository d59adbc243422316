import type { CoreHarness } from './core-harness.ts';

/** The whole inbox after one of the calls that answer only what changed. */
export async function inboxAfter(braid: CoreHarness, channel: 'inbox.refresh' | 'inbox.loadMore' | 'inbox.markRead') {
  await braid.value(channel);
  return braid.value('inbox.view');
}
