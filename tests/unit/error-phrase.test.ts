import { MastoTimeoutError } from 'masto';
import { describe, expect, it } from 'vitest';
import { appErrorSchema } from '../../shared/contract.ts';
import { errorText, phraseText, translator } from '../../shared/i18n/translate.ts';
import { accountError, errorOf, phrase, refuse, ServerError } from '../../electron/core/base/errors.ts';
import { fromMastoError } from '../../electron/core/networks/mastodon/masto-errors.ts';
import { firstReachable } from '../../electron/core/networks/mastodon/instance-address.ts';

const french = translator('fr');
const inFrench = (words: Parameters<typeof phraseText>[0]) => phraseText(words, (id, values) => french(id as never, values));

describe('a failure of the core as a phrase of the catalogues', () => {
  const refused = () => new ServerError('invalid_input', phrase('error.refusedHttpSaid', { host: 'social.example', what: phrase('error.what.vote'), status: 422, said: 'Poll has ended' }), { status: 422 });

  it('keeps an English message, the same as before phrases', () => {
    const error = refused();
    expect(error.message).toBe('social.example refused the vote (HTTP 422): “Poll has ended”.');
    expect(error.phrase?.id).toBe('error.refusedHttpSaid');
    // a message string stays as it is, with no phrase
    expect(new ServerError('server', 'plain words').phrase).toBeUndefined();
  });

  it('carries the phrase across to the AppError, as plain JSON the contract accepts', () => {
    const shown = accountError(refused(), 'mastodon:1', 'unused');
    expect(shown).toMatchObject({ code: 'invalid_input', message: 'social.example refused the vote (HTTP 422): “Poll has ended”.', account: 'mastodon:1' });
    expect(shown.phrase).toEqual({ id: 'error.refusedHttpSaid', values: { host: 'social.example', what: { id: 'error.what.vote' }, status: 422, said: 'Poll has ended' } });
    const wire = JSON.parse(JSON.stringify(shown)) as unknown;
    expect(appErrorSchema.parse(wire)).toEqual(shown);
    expect(refuse(refused())).toEqual({ ok: false, error: errorOf(refused()) });
    expect(errorOf(refused()).phrase).toBeDefined();
    // a bug's words, as a phrase too
    expect(accountError(new Error('bug'), 'a', phrase('error.timeline.failed')).phrase).toEqual({ id: 'error.timeline.failed' });
  });

  it('is said in French, its fragment too, with the server’s words kept', () => {
    expect(inFrench(refused().phrase!)).toBe('social.example a refusé le vote (HTTP 422)\u00a0: «\u202fPoll has ended\u202f».');
  });

  it('from masto: a timeout names the server and what was being done', () => {
    const error = fromMastoError(new MastoTimeoutError('slow'), 'social.example', phrase('error.what.homeTimeline'));
    expect(error.message).toBe('social.example did not answer the home timeline in time.');
    expect(inFrench(error.phrase!)).toBe('social.example n’a pas répondu à temps pour le fil d’accueil.');
  });

  it('the addresses tried go into the same phrase', async () => {
    const candidates = { origins: ['https://127.0.0.1:3000', 'http://127.0.0.1:3000'], typedScheme: false };
    const failure = await firstReachable(candidates, () => Promise.reject(new ServerError('network', phrase('error.unreachable.refused', { host: '127.0.0.1:3000', tried: 'none' })))).catch((error: unknown) => error as ServerError);
    expect(failure.message).toBe('Could not reach 127.0.0.1:3000: the connection was refused (Braid tried https://127.0.0.1:3000 and http://127.0.0.1:3000).');
    expect(inFrench(failure.phrase!)).toBe('Impossible de joindre 127.0.0.1:3000\u00a0: la connexion a été refusée (Braid a essayé https://127.0.0.1:3000 puis http://127.0.0.1:3000).');
  });

  it('outside the window (the command line): the phrase in its language, the message where there is none or the id is unknown', () => {
    const error = errorOf(refused());
    expect(errorText(error, french)).toBe('social.example a refusé le vote (HTTP 422)\u00a0: «\u202fPoll has ended\u202f».');
    expect(errorText(error, translator('en'))).toBe(error.message);
    expect(errorText({ message: 'as is' }, french)).toBe('as is');
    expect(errorText({ message: 'from a newer core', phrase: { id: 'error.fromTheFuture' } }, french)).toBe('from a newer core');
  });
});
