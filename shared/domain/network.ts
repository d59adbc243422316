import { z } from 'zod';

/**
 * A network's id, e.g. "mastodon" or "bluesky": the name its module registers under in the core
 * (electron/core/networks/registry.ts) and the prefix of its accounts' ids. Open, not a closed
 * list: a new network is a new module, not a change here.
 */
export const networkSchema = z.string().regex(/^[a-z][a-z0-9-]{0,30}$/);
export type Network = z.infer<typeof networkSchema>;

/** What a network may lack that a user would look for: the UI explains each from its message. */
export const networkFeatureSchema = z.enum(['content_warning', 'self_labels', 'visibility', 'server_scheduling', 'live_updates']);
export type NetworkFeature = z.infer<typeof networkFeatureSchema>;

/** What the renderer knows of a network: its name and words, and what it cannot do, as data. */
export const networkInfoSchema = z.object({
  id: networkSchema,
  /** "Mastodon", "Bluesky". */
  name: z.string(),
  /** What sharing someone's post is called there, as a button and once done: Boost / boosted, Repost / reposted. */
  shareWords: z.object({ action: z.string(), done: z.string() }),
  /** What it cannot do, each with the sentence the UI shows ("Bluesky has no content warnings: …"). */
  lacks: z.array(z.object({ feature: networkFeatureSchema, message: z.string() })),
});
export type NetworkInfo = z.infer<typeof networkInfoSchema>;

/** The sentence for a missing feature, or null when the network has it. */
export const lackOf = (info: NetworkInfo | undefined, feature: NetworkFeature): string | null =>
  info?.lacks.find((lack) => lack.feature === feature)?.message ?? null;
