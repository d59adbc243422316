import { z } from 'zod';
import { appErrorSchema } from '../result-schema.ts';
import { networkSchema } from './network.ts';

/** Bluesky's self-labels: the only content warning it knows (no free text). */
export const selfLabels = ['sexual', 'nudity', 'porn', 'graphic-media'] as const;
export const selfLabelSchema = z.enum(selfLabels);
export type SelfLabel = z.infer<typeof selfLabelSchema>;

export const visibilitySchema = z.enum(['public', 'unlisted', 'private', 'direct']);
export type Visibility = z.infer<typeof visibilitySchema>;

const accountId = z.string().min(1).max(600);

/** An image attached to a draft: the original is kept by the core, prepared per network on send. */
export const draftMediaSchema = z.object({
  id: z.uuid(),
  mimeType: z.string().max(100),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  bytes: z.number().int().positive(),
  /** A small JPEG data: URL, so a draft shows its images after a restart. */
  thumbnail: z.string().max(200_000),
  alt: z.string().max(5000),
});
export type DraftMedia = z.infer<typeof draftMediaSchema>;

/** What the user is writing, saved as they type. */
export const draftSchema = z.object({
  id: z.uuid(),
  text: z.string().max(100_000),
  contentWarning: z.string().max(5000),
  /** The Bluesky self-labels this draft gets: the user's own mapping of its warning. */
  labels: z.array(selfLabelSchema).max(selfLabels.length),
  targets: z.array(accountId).max(50),
  /** A network's own text, written instead of the shared one. */
  variants: z.record(networkSchema, z.string().max(100_000)),
  visibility: visibilitySchema,
  /** BCP 47 tag, e.g. "en" or "pt-BR"; null leaves it to each server. */
  language: z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/).nullable(),
  /** May a text too long for a target become a numbered thread? */
  allowThread: z.boolean(),
  media: z.array(draftMediaSchema).max(4),
  /** A reply: the timeline post(s) answered, one per network at most (a cross-post has two). */
  replyTo: z.array(z.string().min(1).max(3000)).max(2),
  /** A quote: the timeline post(s) quoted, one per network at most, with their web address for where it can only be a link. */
  quote: z.array(z.object({ key: z.string().min(1).max(3000), url: z.string().max(3000).nullable() })).max(2).optional(),
  /** Post later: ISO time, or null for now. */
  scheduledAt: z.iso.datetime({ offset: true }).nullable(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type Draft = z.infer<typeof draftSchema>;

/** One target's progress in the outbox. `checking`: sent, but whether it landed is being looked up. */
export const targetStateSchema = z.enum(['queued', 'scheduled', 'uploading', 'sending', 'checking', 'waiting', 'posted', 'failed']);
export type TargetState = z.infer<typeof targetStateSchema>;

export const targetStatusSchema = z.object({
  jobId: z.string(),
  accountId,
  state: targetStateSchema,
  /** uploading: images done of all. */
  progress: z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative() }).nullable(),
  /** Links to what was posted (a thread has one per part). */
  urls: z.array(z.string()),
  error: appErrorSchema.nullable(),
  /** waiting, scheduled: when the next attempt is due. */
  nextAttemptAt: z.string().nullable(),
  attempts: z.number().int().nonnegative(),
  /** Braid itself posts this later (the network has no scheduling): Braid must be running then. */
  scheduledByBraid: z.boolean(),
});
export type TargetStatus = z.infer<typeof targetStatusSchema>;

/** A sent draft and where each of its targets is. */
export const outboxEntrySchema = z.object({
  draftId: z.string(),
  text: z.string(),
  sentAt: z.string(),
  scheduledAt: z.string().nullable(),
  targets: z.array(targetStatusSchema),
});
export type OutboxEntry = z.infer<typeof outboxEntrySchema>;
