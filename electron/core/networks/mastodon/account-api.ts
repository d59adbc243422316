/**
 * Reading who a token belongs to and what the server allows, through masto, with every answer
 * checked at the edge: a server that answers nonsense gives an error, never a crash.
 * masto hands over entities with camelCase keys (display_name → displayName).
 */
import { createRestAPIClient } from 'masto';
import { z } from 'zod';
import type { MastodonLimits } from '../../../../shared/domain/account.ts';
import { phrase, ServerError, type What } from '../../base/errors.ts';
import { timeouts } from '../../http/timeouts.ts';
import { fromMastoError } from './masto-errors.ts';

const credentialAccountSchema = z.looseObject({
  id: z.string().min(1),
  username: z.string(),
  acct: z.string(),
  displayName: z.string().catch(''),
  avatar: z.string().nullish(),
  url: z.string().nullish(),
});
export type CredentialAccount = z.infer<typeof credentialAccountSchema>;

/** Every request asks for JSON: some servers answer an error as an HTML page unless asked, and
 *  that page hides both the status and the server's reason (masto cannot read it). */
export const mastoClient = (origin: string, accessToken?: string, timeoutMs = timeouts.requestMs) =>
  createRestAPIClient({ url: origin, timeout: timeoutMs, log: 'error', requestInit: { headers: { Accept: 'application/json' } }, ...(accessToken ? { accessToken } : {}) });

/** Runs one masto call; its failure becomes a ServerError, its answer is parsed with `schema`. */
export async function mastoCall<T extends z.ZodType>(origin: string, what: What, schema: T, run: () => PromiseLike<unknown>): Promise<z.output<T>> {
  const host = new URL(origin).host;
  let answer: unknown;
  try {
    answer = await run();
  } catch (error) {
    throw fromMastoError(error, host, what);
  }
  const parsed = schema.safeParse(answer);
  if (!parsed.success) {
    throw new ServerError('server', phrase('error.badShape', { host, what }));
  }
  return parsed.data;
}

export const verifyCredentials = (origin: string, accessToken: string) =>
  mastoCall(origin, phrase('error.what.accountCheck'), credentialAccountSchema, () => mastoClient(origin, accessToken).v1.accounts.verifyCredentials());

/** Documented defaults of a Mastodon server, for servers that say nothing. */
export const defaultLimits: MastodonLimits = {
  maxCharacters: 500,
  maxMediaAttachments: 4,
  charactersReservedPerUrl: 23,
  descriptionLimit: 1500,
  imageSizeLimit: 16 * 1024 * 1024,
  imageMatrixLimit: 33_177_600,
  source: 'defaults',
};

const positive = z.number().int().positive().optional().catch(undefined);
const configurationSchema = z.looseObject({
  statuses: z
    .looseObject({ maxCharacters: positive, maxMediaAttachments: positive, charactersReservedPerUrl: positive })
    .optional()
    .catch(undefined),
  // masto answers every key in camelCase.
  mediaAttachments: z
    .looseObject({ descriptionLimit: positive, imageSizeLimit: positive, imageMatrixLimit: positive })
    .optional()
    .catch(undefined),
});
const text = z.string().optional().catch(undefined);
const instanceSchema = z.looseObject({
  configuration: configurationSchema.optional().catch(undefined),
  version: text,
  sourceUrl: text,
  apiVersions: z.looseObject({ mastodon: z.number().int().optional().catch(undefined) }).optional().catch(undefined),
});
/** Mastodon API version 7 (4.5) is the first that makes quotes. */
const quotesApiVersion = 7;

/**
 * Servers known to count a post as written (links in full, whatever characters_reserved_per_url
 * says): GoToSocial (version "3.5.3+<its own>", source_url its repository), Pleroma and Akkoma
 * ("… (compatible; Pleroma …)"). Mastodon and its forks count links as 23.
 */
export function countsInFull(instance: { version?: string | undefined; sourceUrl?: string | undefined }): boolean {
  const version = instance.version ?? '';
  return /gotosocial/i.test(instance.sourceUrl ?? '') || /gotosocial|pleroma|akkoma/i.test(version) || /^3\.5\.3\+\d/.test(version);
}

function limitsFrom(instance: z.infer<typeof instanceSchema>, source: 'v1' | 'v2'): MastodonLimits {
  const statuses = instance.configuration?.statuses;
  const media = instance.configuration?.mediaAttachments;
  return {
    maxCharacters: statuses?.maxCharacters ?? defaultLimits.maxCharacters,
    maxMediaAttachments: statuses?.maxMediaAttachments ?? defaultLimits.maxMediaAttachments,
    charactersReservedPerUrl: statuses?.charactersReservedPerUrl ?? defaultLimits.charactersReservedPerUrl,
    descriptionLimit: media?.descriptionLimit ?? defaultLimits.descriptionLimit,
    imageSizeLimit: media?.imageSizeLimit ?? defaultLimits.imageSizeLimit,
    imageMatrixLimit: media?.imageMatrixLimit ?? defaultLimits.imageMatrixLimit,
    ...(countsInFull(instance) ? { countsInFull: true } : {}),
    ...((instance.apiVersions?.mastodon ?? 0) >= quotesApiVersion ? { quotes: true } : {}),
    source,
  };
}

/** The server's limits: /api/v2/instance, else /api/v1/instance, else Mastodon's defaults. */
export async function fetchLimits(origin: string): Promise<MastodonLimits> {
  for (const version of ['v2', 'v1'] as const) {
    try {
      const instance = await mastoCall(origin, phrase('error.what.serverDescription'), instanceSchema, () =>
        version === 'v2' ? mastoClient(origin).v2.instance.fetch() : mastoClient(origin).v1.instance.fetch(),
      );
      return limitsFrom(instance, version);
    } catch {
      // Many servers lack v2 (or both): try the next source.
    }
  }
  return defaultLimits;
}
