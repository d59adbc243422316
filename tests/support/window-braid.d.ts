import type { BraidBridge } from '../../shared/contract.ts';

// What both hosts give the page (the renderer declares the same in renderer/src/api.ts).
declare global {
  interface Window {
    braid?: BraidBridge;
  }
}
