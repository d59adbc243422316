import { useState } from 'react';
import type { AccountSummary } from '../../../shared/domain/account.ts';
import { useImageUrl } from '../state/image-url.tsx';

/** A hue of its own for each account, so that accounts without a picture differ at a glance. */
function hueOf(id: string): number {
  let hash = 0x811c9dc5; // FNV-1a: ids that differ in one character land far apart
  for (const char of id) hash = Math.imul(hash ^ char.codePointAt(0)!, 0x01000193) >>> 0;
  return hash % 360;
}

/**
 * An account's picture, or its initial on a colour of its own; a ring in its network's colour, a
 * dot for its state; with `mark`, the network's initial in a corner (the rail, where several
 * accounts of one person sit together).
 */
export function Avatar({ account, size = 40, mark = false }: { account: AccountSummary; size?: number; mark?: boolean }) {
  const name = account.displayName || account.handle;
  const initial = Array.from(name)[0]?.toUpperCase() ?? '?';
  const url = useImageUrl()(account.avatarUrl);
  // A picture that does not load (gone, not an image) leaves the initial, not an empty ring.
  const [broken, setBroken] = useState<string | null>(null);
  const src = url !== broken ? url : null;
  return (
    <span className="avatar" data-network={account.network} data-status={account.status} style={{ width: size, height: size }}>
      {src ? (
        <img src={src} alt="" width={size} height={size} referrerPolicy="no-referrer" onError={() => setBroken(src)} />
      ) : (
        <span className="avatar-initial" aria-hidden="true" style={{ '--hue': hueOf(account.id) } as React.CSSProperties}>
          {initial}
        </span>
      )}
      {mark ? (
        <span className="avatar-mark" data-network={account.network} aria-hidden="true">
          {networkName(account.network)[0]}
        </span>
      ) : null}
    </span>
  );
}

const knownNames: Record<string, string> = { mastodon: 'Mastodon', bluesky: 'Bluesky' };
/** A network's name, synchronously (the core's app.info says it too, with what the network lacks). */
export const networkName = (network: AccountSummary['network']) => knownNames[network] ?? network;

export function NetworkBadge({ network }: { network: AccountSummary['network'] }) {
  return (
    <span className="network-badge" data-network={network}>
      {networkName(network)}
    </span>
  );
}
