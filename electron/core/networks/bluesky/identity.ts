/**
 * From what a user types (handle, DID or e-mail) to the server that holds the account:
 * handle → DID (DNS TXT _atproto, then https /.well-known/atproto-did) → DID document → PDS.
 * Handles under .test (RFC 6761: never public) and e-mail addresses go to the entryway, the
 * service that knows them (bsky.social by default; the local network in tests).
 */
import { AtpAgent } from '@atproto/api';
import { IdResolver, getHandle, getPds } from '@atproto/identity';
import { phrase, ServerError } from '../../base/errors.ts';
import { fromXrpcError } from './xrpc-errors.ts';
import { didPattern, handlePattern } from '../../../../shared/text/atproto-names.ts';

export interface BlueskyDirectory {
  plcUrl: string;
  entryway: string;
}

export const defaultDirectory = (env: NodeJS.ProcessEnv = process.env): BlueskyDirectory => ({
  plcUrl: env.BRAID_BLUESKY_PLC_URL ?? 'https://plc.directory',
  entryway: env.BRAID_BLUESKY_ENTRYWAY ?? 'https://bsky.social',
});

export interface ResolvedIdentity {
  did: string;
  handle: string;
  pdsUrl: string;
}

/** Where to sign in: the account's own PDS when we can find it, else the entryway (e-mail). */
export type SignInTarget = { kind: 'pds'; identity: ResolvedIdentity } | { kind: 'entryway'; url: string };

/** A directory on this machine (tests, development): reached with plain fetch and http. */
export const isLoopbackUrl = (url: string) => /^http:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\//.test(`${url}/`);

export function createIdentityResolver(directory: BlueskyDirectory) {
  // A local directory (tests, development) is reached with plain fetch: the default fetch of
  // @atproto/identity refuses loopback addresses, as it should for user-typed names.
  const resolver = new IdResolver({
    plcUrl: directory.plcUrl,
    timeout: 5000,
    ...(isLoopbackUrl(directory.plcUrl) ? { fetch: globalThis.fetch } : {}),
  });

  async function handleToDid(handle: string): Promise<string> {
    if (!handle.endsWith('.test')) {
      const did = await resolver.handle.resolve(handle).catch(() => undefined);
      if (did) return did;
    }
    const entryway = new AtpAgent({ service: directory.entryway });
    try {
      const { data } = await entryway.com.atproto.identity.resolveHandle({ handle });
      return data.did;
    } catch (error) {
      const failure = fromXrpcError(error, new URL(directory.entryway).host, phrase('error.what.handleLookup'));
      if (failure.code === 'invalid_input' || failure.code === 'not_found') {
        throw new ServerError('not_found', phrase('error.signIn.noSuchHandle', { handle }));
      }
      throw failure;
    }
  }

  async function didToIdentity(did: string, typedHandle?: string): Promise<ResolvedIdentity> {
    let doc;
    try {
      doc = await resolver.did.resolve(did);
    } catch (error) {
      throw new ServerError('network', phrase('error.signIn.didLookup', { did }), { cause: error });
    }
    const pdsUrl = doc ? getPds(doc) : undefined;
    if (!doc || !pdsUrl) throw new ServerError('not_found', phrase('error.signIn.noPds', { did }));
    return { did, handle: getHandle(doc) ?? typedHandle ?? did, pdsUrl };
  }

  return {
    async signInTarget(input: string): Promise<SignInTarget> {
      const text = input.trim().replace(/^@/, '');
      if (!text) throw new ServerError('invalid_input', phrase('error.signIn.typeHandle'));
      if (text.includes('@')) return { kind: 'entryway', url: directory.entryway };
      if (text.startsWith('did:')) {
        if (!didPattern.test(text)) throw new ServerError('invalid_input', phrase('error.signIn.notDid', { typed: text }));
        return { kind: 'pds', identity: await didToIdentity(text) };
      }
      const handle = text.toLowerCase();
      if (!handlePattern.test(handle)) throw new ServerError('invalid_input', phrase('error.signIn.notHandle', { typed: text }));
      return { kind: 'pds', identity: await didToIdentity(await handleToDid(handle), handle) };
    },
  };
}

export type IdentityResolver = ReturnType<typeof createIdentityResolver>;
