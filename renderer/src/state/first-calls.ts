import type { ChannelName, InvokeArgs, ResponseOf } from '../../../shared/contract.ts';
import { call } from '../api.ts';

/** How many posts (or inbox entries) the first screen asks for: a small answer paints sooner; the rest follows. */
export const firstScreenItems = 40;

const asked = new Map<ChannelName, Promise<unknown>>();

/**
 * Asks the core now, for an answer the first screen's query takes later (answerOf): the entry's
 * first module asks while the rest of the renderer's code is still being evaluated.
 */
export function askEarly<C extends ChannelName>(channel: C, ...args: InvokeArgs<C>): void {
  const answer = call(channel, ...args);
  answer.catch(() => undefined); // the query that takes the answer sees its failure
  asked.set(channel, answer);
}

/** The answer to what was asked early, taken once; otherwise (and every later time) `ask` asks afresh. */
export function answerOf<C extends ChannelName>(channel: C, ask: () => Promise<ResponseOf<C>>): Promise<ResponseOf<C>> {
  const answer = asked.get(channel) as Promise<ResponseOf<C>> | undefined;
  asked.delete(channel);
  return answer ?? ask();
}
