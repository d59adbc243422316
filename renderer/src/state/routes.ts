import { networkSchema, type Network } from '../../../shared/domain/network.ts';

/** Every screen Braid has, as its address says. */
export type Screen =
  | { name: 'home'; conversation?: string[] }
  | { name: 'inbox' }
  | { name: 'compose' }
  | { name: 'archive' }
  /** The people one account follows, found on another network. */
  | { name: 'find-people' }
  /** Search over every account; a query starting with # is a hashtag. */
  | { name: 'search'; query?: string }
  | { name: 'accounts' }
  | { name: 'add-account'; network: Network; prefill?: string }
  /** A person's profile as one of your accounts sees them; `who` is their id (Author.id) or address. */
  | { name: 'person'; accountId: string; who: string };

const decodeParts = (parts: string[]): string[] | null => {
  try {
    return parts.map((part) => decodeURIComponent(part));
  } catch {
    return null; // a hand-typed address with a broken escape
  }
};

/** The screen at an address (the part after `#`); an address Braid does not know is home. */
export function screenAt(path: string): Screen {
  const [first = '', ...rest] = path.split('/').filter(Boolean);
  const parts = decodeParts(rest);
  if (!parts) return { name: 'home' };
  if (first === 'conversation' && parts.length > 0 && parts.every(Boolean)) return { name: 'home', conversation: parts };
  if ((first === 'compose' || first === 'inbox' || first === 'archive') && parts.length === 0) return { name: first };
  if (first === 'accounts' && parts.length === 0) return { name: 'accounts' };
  if (first === 'find-people' && parts.length === 0) return { name: 'find-people' };
  if (first === 'search' && parts.length <= 1) return parts[0] ? { name: 'search', query: parts[0] } : { name: 'search' };
  if (first === 'people' && parts.length === 2 && parts.every(Boolean)) return { name: 'person', accountId: parts[0]!, who: parts[1]! };
  if (first === 'accounts' && parts[0] === 'add' && networkSchema.safeParse(parts[1]).success && parts.length <= 3) {
    return { name: 'add-account', network: parts[1]!, ...(parts[2] ? { prefill: parts[2] } : {}) };
  }
  return { name: 'home' };
}

/** The address of a screen: `screenAt(pathOf(screen))` gives the screen back. */
export function pathOf(screen: Screen): string {
  const join = (...parts: string[]) => `/${parts.map(encodeURIComponent).join('/')}`;
  switch (screen.name) {
    case 'home':
      return screen.conversation?.length ? join('conversation', ...screen.conversation) : '/';
    case 'inbox':
    case 'compose':
    case 'archive':
    case 'find-people':
    case 'accounts':
      return join(screen.name);
    case 'add-account':
      return join('accounts', 'add', screen.network, ...(screen.prefill ? [screen.prefill] : []));
    case 'person':
      return join('people', screen.accountId, screen.who);
    case 'search':
      return screen.query ? join('search', screen.query) : join('search');
  }
}

/** The keys of the conversation open on a screen, if one is. */
export const conversationOn = (screen: Screen): string[] | undefined => (screen.name === 'home' ? screen.conversation : undefined);
