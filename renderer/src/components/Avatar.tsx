import type { AccountSummary } from '../../../shared/domain/account.ts';
import { imageUrl } from '../../../shared/text/links.ts';

/** An account's picture, or its initial; a ring in its network's colour, a dot for its state. */
export function Avatar({ account, size = 40 }: { account: AccountSummary; size?: number }) {
  const name = account.displayName || account.handle;
  const initial = Array.from(name)[0]?.toUpperCase() ?? '?';
  const src = imageUrl(account.avatarUrl);
  return (
    <span className="avatar" data-network={account.network} data-status={account.status} style={{ width: size, height: size }}>
      {src ? <img src={src} alt="" width={size} height={size} referrerPolicy="no-referrer" /> : <span aria-hidden="true">{initial}</span>}
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
