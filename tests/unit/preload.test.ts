import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BraidBridge } from '../../shared/contract.ts';

const exposed = new Map<string, unknown>();
const ipcRenderer = { invoke: vi.fn(async () => ({ ok: true, value: 'dark' })), on: vi.fn(), removeListener: vi.fn() };
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer,
}));

describe('the preload bridge', () => {
  beforeEach(async () => {
    exposed.clear();
    vi.resetModules();
    await import('../../electron/preload/index.ts');
  });

  it('exposes only window.braid, with invoke and on', () => {
    expect([...exposed.keys()]).toEqual(['braid']);
    expect(Object.keys(exposed.get('braid') as object).sort()).toEqual(['invoke', 'on']);
  });

  it('forwards contract channels to ipcRenderer.invoke and refuses others', async () => {
    const braid = exposed.get('braid') as BraidBridge;
    await expect(braid.invoke('theme.get')).resolves.toEqual({ ok: true, value: 'dark' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith('theme.get', undefined);
    ipcRenderer.invoke.mockClear();
    await expect((braid.invoke as (c: string) => Promise<unknown>)('sqlite.exec')).resolves.toMatchObject({ ok: false });
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('subscribes to events and unsubscribes the same listener', () => {
    const braid = exposed.get('braid') as BraidBridge;
    const listener = vi.fn();
    const off = braid.on('theme.changed', listener);
    const forward = ipcRenderer.on.mock.calls[0]![1] as (event: unknown, payload: unknown) => void;
    forward({ sender: 'never exposed' }, 'light');
    expect(listener).toHaveBeenCalledWith('light');
    off();
    expect(ipcRenderer.removeListener).toHaveBeenCalledWith('theme.changed', forward);
  });
});
