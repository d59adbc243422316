import { z } from 'zod';
import { channels, isChannelName, ok, type Handlers, type Result } from '../../shared/contract.ts';
import { phrase, refuse, ServerError } from './base/errors.ts';
import type { Logger } from './base/logger.ts';

/** What was wrong with a request, in words a person reads: a text over its limit says by how much. */
function problemsOf(error: z.ZodError, payload: unknown): string {
  const lines = error.issues.map((issue) => {
    const value = issue.path.reduce<unknown>((at, key) => (at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[key] : undefined), payload);
    if (issue.code === 'too_big' && issue.origin === 'string' && typeof value === 'string') {
      return `${issue.path.join('.') || 'the text'}: too long: ${value.length} of ${String(issue.maximum)} characters.`;
    }
    return null;
  });
  return lines.every((line) => line !== null) ? lines.join(' ') : z.prettifyError(error);
}

/** One call from a renderer, whatever the transport: channel name and untrusted payload. */
export type Dispatch = (channel: unknown, payload: unknown) => Promise<Result<unknown>>;

export type { Logger };

/**
 * The single door into the core: refuses unknown channels, parses the request with the
 * contract's schema, runs the handler, and parses the answer too so that only what the contract
 * names leaves the core. A channel no handler answers (a network this Braid lacks) is
 * not_supported. A throwing handler becomes an `internal` error, never a crash.
 */
export function createDispatcher(handlers: Partial<Handlers>, log: Logger = console.error): Dispatch {
  return async (channel, payload) => {
    if (!isChannelName(channel)) return refuse('invalid_input', phrase('error.channel.unknown', { channel: String(channel) }));
    const spec = channels[channel];
    const request = spec.request.safeParse(payload);
    if (!request.success) return refuse('invalid_input', phrase('error.channel.invalid', { channel, problems: problemsOf(request.error, payload) }));
    try {
      const handler = handlers[channel] as ((request: unknown) => Promise<Result<unknown>>) | undefined;
      // A network's own channel with no module for that network here.
      if (!handler) return refuse('not_supported', phrase('error.channel.none', { channel }));
      const result = await handler(request.data);
      if (!result.ok) return result;
      const response = spec.response.safeParse(result.value);
      if (response.success) return ok(response.data);
      log(`core: the answer to ${channel} broke the contract`, response.error);
      return refuse('internal', phrase('error.channel.badAnswer', { channel }));
    } catch (error) {
      // A ServerError is an expected failure (a server said no, a network is down): pass it on.
      if (error instanceof ServerError) return refuse(error);
      log(`core: ${channel} failed`, error);
      return refuse('internal', phrase('error.channel.failed', { channel }));
    }
  };
}
