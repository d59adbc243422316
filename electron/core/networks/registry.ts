/**
 * The one table of networks. The core builds it once (core.ts) and asks it for an account's
 * network; adding a network is a new folder under networks/ and one line in builtInNetworks.
 */
import type { Handlers } from '../../../shared/contract.ts';
import type { Network, NetworkInfo } from '../../../shared/domain/network.ts';
import { phrase, ServerError } from '../base/errors.ts';
import { blueskyNetwork, type BlueskyDirectory } from './bluesky/index.ts';
import { mastodonNetwork, type MastodonPublishOptions } from './mastodon/index.ts';
import type { NetworkDefinition, NetworkEnv, NetworkModule } from './network.ts';

export interface BuiltInNetworkOptions {
  /** Where Bluesky handles and DIDs are resolved (a local network in tests and the demo). */
  bluesky?: BlueskyDirectory;
  /** Mastodon media polling, for tests. */
  mastodon?: MastodonPublishOptions;
}

export function builtInNetworks(options: BuiltInNetworkOptions = {}): NetworkDefinition[] {
  return [mastodonNetwork(options.mastodon), blueskyNetwork(options.bluesky)];
}

export interface NetworkRegistry {
  /** The module of this network; a network Braid has no module for is not_supported. */
  get(network: Network): NetworkModule;
  all(): NetworkModule[];
  infos(): NetworkInfo[];
  /** Every module's sign-in handlers, as one part of the contract's handler table. */
  signInHandlers(): Partial<Handlers>;
}

export function createNetworkRegistry(definitions: readonly NetworkDefinition[], env: NetworkEnv): NetworkRegistry {
  const modules = new Map<Network, NetworkModule>();
  for (const definition of definitions) {
    if (modules.has(definition.id)) throw new Error(`Two networks are registered as ${definition.id}.`);
    const module = definition.create(env);
    if (module.info.id !== definition.id) throw new Error(`The network ${definition.id} describes itself as ${module.info.id}.`);
    modules.set(definition.id, module);
  }
  return {
    get(network) {
      const module = modules.get(network);
      if (!module) throw new ServerError('not_supported', phrase('error.networkUnknown', { network }));
      return module;
    },
    all: () => [...modules.values()],
    infos: () => [...modules.values()].map((module) => module.info),
    signInHandlers: () => Object.assign({}, ...[...modules.values()].map((module) => module.signIn)) as Partial<Handlers>,
  };
}
