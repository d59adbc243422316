/** The renderer's typed client of window.braid: unwraps Results into values or BraidErrors. */
import type {
  AppError,
  BraidBridge,
  ChannelName,
  EventName,
  EventPayload,
  InvokeArgs,
  ResponseOf,
} from '../../shared/contract.ts';

export class BraidError extends Error {
  readonly code: AppError['code'];
  readonly account: string | undefined;
  /** The core's words as a phrase of the catalogues, when it built them so (see useErrorText). */
  readonly phrase: AppError['phrase'];
  constructor(error: AppError) {
    super(error.message);
    this.name = 'BraidError';
    this.code = error.code;
    this.account = error.account;
    this.phrase = error.phrase;
  }
}

declare global {
  interface Window {
    braid?: BraidBridge;
  }
}

function bridge(): BraidBridge {
  if (!window.braid) {
    throw new BraidError({ code: 'unauthorized', message: 'This page is not connected to Braid. Open Braid from its app or from the link it printed.' });
  }
  return window.braid;
}

export async function call<C extends ChannelName>(channel: C, ...args: InvokeArgs<C>): Promise<ResponseOf<C>> {
  const result = await bridge().invoke(channel, ...args);
  if (!result.ok) throw new BraidError(result.error);
  return result.value;
}

export function onEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
  if (!window.braid) return () => undefined;
  try {
    return window.braid.on(event, listener);
  } catch (error) {
    // A host older than this page (a bridge without the event) must not blank the whole app.
    console.error(`Braid's host does not offer the event ${event}:`, error);
    return () => undefined;
  }
}
