/**
 * What Redis pub/sub is to Mastodon: the web side publishes events on named channels (`timeline:<account id>`,
 * `timeline:public`, `timeline:hashtag:<tag>`, …) and the streaming side relays them to whoever listens.
 */

export interface StreamEvent {
  event: 'update' | 'delete' | 'status.update' | 'notification';
  /** A JSON text for entities, the bare id for `delete`. */
  payload: string;
}

export type Listener = (message: StreamEvent) => void;

export function createPubSub() {
  const channels = new Map<string, Set<Listener>>();
  return {
    subscribe(channel: string, listener: Listener): () => void {
      const listeners = channels.get(channel) ?? new Set<Listener>();
      listeners.add(listener);
      channels.set(channel, listeners);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) channels.delete(channel);
      };
    },
    publish(channel: string, message: StreamEvent): void {
      for (const listener of [...(channels.get(channel) ?? [])]) listener(message);
    },
    /** Mastodon only renders per-recipient payloads when someone is listening (`subscribed:timeline:…`). */
    hasListeners: (channel: string): boolean => (channels.get(channel)?.size ?? 0) > 0,
  };
}

export type PubSub = ReturnType<typeof createPubSub>;
