/**
 * Finding the people you follow on one network again on another: for each of them, the accounts
 * found on the other network and why Braid thinks they are the same person, strongest first.
 * Only `sure` and `likely` matches may be followed in bulk; a name or a username alone is a `maybe`.
 */
import { z } from 'zod';
import { authorSchema } from './post.ts';

export const evidenceSchema = z.discriminatedUnion('kind', [
  /** One is the other's Bridgy Fed bridge (user.server.ap.brid.gy, handle@bsky.brid.gy). */
  z.object({ kind: z.literal('bridged') }),
  /** A profile names the other account: `by` says whose (the person you follow, or the one found); verified: a link the server checked. */
  z.object({ kind: z.literal('names'), by: z.enum(['followed', 'found']), verified: z.boolean() }),
  /** The person's own website (a page their profile links) links to the account found, with rel="me". */
  z.object({ kind: z.literal('website'), site: z.string() }),
  /** The same display name, and nothing else. */
  z.object({ kind: z.literal('name') }),
  /** The same username (name.bsky.social, name@server for @name), and nothing else: for people of an export, who have no profile to compare. */
  z.object({ kind: z.literal('handle') }),
]);
export type Evidence = z.infer<typeof evidenceSchema>;

export const confidences = ['sure', 'likely', 'maybe'] as const;
export type Confidence = (typeof confidences)[number];

export const candidateSchema = z.object({
  /** The account found on the other network, as the account that looked sees it. */
  author: authorSchema,
  evidence: z.array(evidenceSchema).min(1),
  confidence: z.enum(confidences),
  /** The account that looked follows them already (or asked to). */
  following: z.boolean(),
});
export type Candidate = z.infer<typeof candidateSchema>;

export const personMatchSchema = z.object({
  /** Someone the account you came from follows. */
  person: authorSchema,
  /** What was found of them on the other network, strongest first; empty when nothing was. */
  candidates: z.array(candidateSchema),
});
export type PersonMatch = z.infer<typeof personMatchSchema>;

export const findPeopleResultSchema = z.object({
  from: z.string(),
  to: z.string(),
  matches: z.array(personMatchSchema),
  /** People the lookups could not be finished for (their server failed): try again later. */
  unfinished: z.number().int().nonnegative(),
});
export type FindPeopleResult = z.infer<typeof findPeopleResultSchema>;

/** Strongest first. */
export const confidenceOrder: Record<Confidence, number> = { sure: 0, likely: 1, maybe: 2 };

/** The people of a list (a Twitter/X export) looked for: `unnamed` had neither handle nor name, and were not looked up. */
export const findListedResultSchema = findPeopleResultSchema.extend({ unnamed: z.number().int().nonnegative() });
export type FindListedResult = z.infer<typeof findListedResultSchema>;
