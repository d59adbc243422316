/**
 * Which pictures the renderer may load: https, and plain http only from the loopback origins the
 * core names in app.info (the demo's local servers; none in a real run). The host's CSP allows
 * the same origins, so a picture this refuses would be blocked anyway: it shows a placeholder.
 */
import { createContext, useCallback, useContext, type ReactNode } from 'react';
import { imageUrl } from '../../../shared/text/links.ts';
import { useAppInfo } from './app-info.ts';

const none: readonly string[] = [];

/** Without a provider (tests drawing one component): https only. */
const ImageOrigins = createContext<readonly string[]>(none);

/** Hands app.info's image origins to every picture below it. */
export function ImageOriginsProvider({ children }: { children: ReactNode }) {
  const origins = useAppInfo().data?.imageOrigins ?? none;
  return <ImageOrigins.Provider value={origins}>{children}</ImageOrigins.Provider>;
}

/** A picture's URL as Braid may load it, else null. */
export type ToImageUrl = (href: string | null) => string | null;

export function useImageUrl(): ToImageUrl {
  const origins = useContext(ImageOrigins);
  return useCallback((href) => imageUrl(href, origins), [origins]);
}
