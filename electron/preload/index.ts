/** The bridge, and nothing else: window.braid built from the contract over ipcRenderer. */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createBridge } from '../../shared/bridge.ts';

contextBridge.exposeInMainWorld(
  'braid',
  createBridge({
    invoke: (channel, request) => ipcRenderer.invoke(channel, request),
    subscribe: (event, listener) => {
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(event, forward);
      return () => void ipcRenderer.removeListener(event, forward);
    },
  }),
);
