import { z } from 'zod';

/** The browser host's socket messages. Calls go up; results and events come down. */
export const socketPath = '/__braid/socket';
export const bridgeScriptPath = '/__braid/bridge.js';

export const callMessageSchema = z.object({
  type: z.literal('call'),
  id: z.number().int().nonnegative(),
  channel: z.string(),
  payload: z.unknown().optional(),
});
export type CallMessage = z.infer<typeof callMessageSchema>;

export type DownMessage =
  | { type: 'result'; id: number; result: unknown }
  | { type: 'event'; event: string; payload: unknown };
