import type { EventName, EventPayload } from '../../shared/contract.ts';

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** The core's outbound events; each host forwards them to its windows or sockets. */
export interface EventHub {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventHub(): EventHub {
  const listeners = new Set<EventListener>();
  return {
    emit(event, payload) {
      for (const listener of listeners) listener(event, payload);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
