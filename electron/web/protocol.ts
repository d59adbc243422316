/** The browser host's socket messages. Calls go up; results and events come down. (No zod here:
 *  the page's bridge imports this file; the server parses calls with its own schema.) */
export const socketPath = '/__braid/socket';
export const bridgeScriptPath = '/__braid/bridge.js';
/** The launch redirect's fragment parameter that hands the page its socket token. */
export const socketTokenParam = 'braid-socket';

export interface CallMessage {
  type: 'call';
  id: number;
  channel: string;
  payload?: unknown;
}

export type DownMessage =
  | { type: 'result'; id: number; result: unknown }
  | { type: 'event'; event: string; payload: unknown };
