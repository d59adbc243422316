import type { IpcMain, WebFrameMain } from 'electron';
import { channelNames, fail } from '../../shared/contract.ts';
import type { Dispatch } from '../core/dispatch.ts';
import { isAppUrl } from './protocol.ts';

/** Only the top frame of our own app:// page may call the core: no iframe, no foreign page. */
export function isTrustedSender(frame: Pick<WebFrameMain, 'url' | 'parent'> | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

/**
 * One ipcMain.handle per contract channel (unknown channels have no handler and are refused by
 * Electron). Each call: check the sender, then the core's dispatcher parses, runs and answers.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, dispatch: Dispatch): void {
  for (const channel of channelNames) {
    ipcMain.handle(channel, (event, payload: unknown) =>
      isTrustedSender(event.senderFrame)
        ? dispatch(channel, payload)
        : Promise.resolve(fail('unauthorized', 'Only Braid’s own window may call Braid’s core.')),
    );
  }
}
