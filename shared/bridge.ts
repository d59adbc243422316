// Names and results only (no zod), so that the bridges stay small.
import { isChannelName, isEventName } from './channel-names.ts';
import type { BraidBridge, EventName, EventPayload } from './contract.ts';
import { fail, type Result } from './result.ts';

/** How a host moves calls and events; the Electron preload and the browser page each give one. */
export interface BridgeTransport {
  invoke(channel: string, request: unknown): Promise<unknown>;
  subscribe(event: string, listener: (payload: unknown) => void): () => void;
}

/**
 * Builds `window.braid` from the contract's channel list, the same way in every host:
 * unknown channels and events are refused here, before anything reaches a transport.
 */
export function createBridge(transport: BridgeTransport): BraidBridge {
  return {
    async invoke(channel, ...args) {
      if (!isChannelName(channel)) return fail('invalid_input', `Unknown channel: ${String(channel)}`);
      try {
        return (await transport.invoke(channel, args[0])) as Result<never>;
      } catch {
        return fail('network', "Braid's window lost its connection to Braid's core.");
      }
    },
    on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) {
      if (!isEventName(event)) throw new Error(`Unknown event: ${String(event)}`);
      return transport.subscribe(event, (payload) => listener(payload as EventPayload<E>));
    },
  };
}
