import { phrase, ServerError, type CorePhrase } from '../../base/errors.ts';

const loopbackHosts = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** The origins to try for what the user typed, in order, and whether a scheme was typed. */
export interface OriginCandidates {
  origins: string[];
  typedScheme: boolean;
}

/** The origin itself when a scheme was typed; else https, and for a loopback address (a server on this machine) http after it. */
export function instanceOrigins(input: string): OriginCandidates {
  const origin = instanceOrigin(input);
  const typedScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input.trim());
  const url = new URL(origin);
  return { origins: !typedScheme && loopbackHosts.test(url.hostname) ? [origin, `http://${url.host}`] : [origin], typedScheme };
}

/**
 * The first candidate that answers `attempt` (one that cannot be reached is passed over). When
 * none can be reached and the user typed no scheme, the error says which addresses were tried.
 */
export async function firstReachable<T>({ origins, typedScheme }: OriginCandidates, attempt: (origin: string) => Promise<T>): Promise<T> {
  let unreachable: ServerError | undefined;
  for (const origin of origins) {
    try {
      return await attempt(origin);
    } catch (error) {
      if (!(error instanceof ServerError) || error.code !== 'network') throw error;
      unreachable = error;
    }
  }
  if (!unreachable || typedScheme) throw unreachable ?? new ServerError('invalid_input', phrase('error.signIn.noAddress'));
  // A phrase that can name the addresses tried (error.unreachable.*, the timeouts) names them; other words get them in English.
  if (unreachable.phrase?.values?.tried !== undefined) {
    const tried = origins.slice(1).reduce<string | CorePhrase>((list, origin) => phrase('error.twoAddresses', { first: list, second: origin }), origins[0]!);
    throw new ServerError('network', { ...unreachable.phrase, values: { ...unreachable.phrase.values, tried } }, { cause: unreachable });
  }
  const said = unreachable.message.replace(/\.$/, '');
  throw new ServerError('network', `${said} (Braid tried ${origins.join(' and ')}).`, { cause: unreachable });
}

/**
 * The instance a user means, from what they typed: "mastodon.social", "https://mastodon.social/",
 * "@me@mastodon.social", "me@mastodon.social", "https://mastodon.social/@me". Always https;
 * plain http only for loopback addresses (local test servers).
 */
export function instanceOrigin(input: string): string {
  let text = input.trim();
  if (!text) throw new ServerError('invalid_input', phrase('error.signIn.typeAddress'));
  const handle = /^@?[^@/\s:]+@([^@/\s]+)$/.exec(text);
  if (handle?.[1]) text = handle[1];
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ServerError('invalid_input', phrase('error.signIn.notAnAddress', { typed: input.trim() }));
  }
  const loopback = loopbackHosts.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new ServerError('invalid_input', phrase('error.signIn.httpsOnly', { typed: input.trim() }));
  }
  if (url.username || url.password) throw new ServerError('invalid_input', phrase('error.signIn.userInAddress'));
  if (!loopback && !url.hostname.includes('.')) {
    throw new ServerError('invalid_input', phrase('error.signIn.notFullName', { name: url.hostname }));
  }
  return url.origin;
}
