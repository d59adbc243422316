import { MastoHttpError } from 'masto';
import { phrase, ServerError } from '../../base/errors.ts';

// Mastodon: "Validation failed: Text character limit of 500 exceeded"; GoToSocial: "status too
// long, 5155 characters provided but limit is 5000"; Pleroma and Akkoma: "The status is over the
// character limit".
const sayTooLong = /too long|character limit|over the (?:character )?limit/i;

/**
 * A 422 that says the post is too long, as an error of its own (code too_long) with the server's
 * count where it gave one and Braid's: Braid counted it as fitting, so the server counts links or
 * mentions differently, and only a thread or a cut can get it through. Else null.
 */
export function lengthRefusal(error: unknown, host: string, braidCount: number): ServerError | null {
  if (!(error instanceof ServerError) || error.status !== 422) return null;
  const said = error.cause instanceof MastoHttpError ? error.cause.message : '';
  if (!sayTooLong.test(said)) return null;
  const counted = /(\d+) characters? provided/i.exec(said)?.[1];
  const limit = /limit (?:is|of) (\d+)/i.exec(said)?.[1];
  const theirs = counted && limit ? phrase('error.post.theirCount', { counted, limit }) : limit ? phrase('error.post.overLimitOf', { limit }) : phrase('error.post.overLimit');
  return new ServerError(
    'too_long',
    phrase('error.post.tooLong', { host, theirs, braids: braidCount }),
    { status: 422, cause: error },
  );
}
