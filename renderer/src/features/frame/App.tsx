import { lazy, Suspense, useCallback, useState } from 'react';
import { ErrorBoundary } from '../../components/ErrorBoundary.tsx';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { useAccounts } from '../../state/accounts.ts';
import { useAppInfo } from '../../state/app-info.ts';
import { useAppliedTheme, useThemePreference } from '../../state/theme.ts';
import { AccountsRail } from '../accounts/AccountsRail.tsx';
import type { AddAccountRequest } from '../accounts/AddAccount.tsx';
import { FirstAccount } from '../accounts/FirstAccount.tsx';
import { ThemeToggle } from '../settings/ThemeToggle.tsx';
import type { AppInfo } from '../../../../shared/contract.ts';
import { Timeline } from '../timeline/Timeline.tsx';
import { HeaderSlot } from './header-slot.ts';
import { OpenConversation } from '../../state/conversation.ts';
import { StartCompose, type ComposeStart } from '../../state/compose.ts';

const hostWords: Record<AppInfo['host'], string> = { electron: 'desktop app', browser: 'browser host', cli: 'command line' };

// Account management loads when opened: the timeline's first paint does not wait for it.
const AccountsOverview = lazy(() => import('../accounts/AccountsOverview.tsx').then((module) => ({ default: module.AccountsOverview })));
const AddAccount = lazy(() => import('../accounts/AddAccount.tsx').then((module) => ({ default: module.AddAccount })));
const ComposePage = lazy(() => import('../compose/ComposePage.tsx').then((module) => ({ default: module.ComposePage })));
const ConversationPanel = lazy(() => import('../conversation/ConversationPanel.tsx').then((module) => ({ default: module.ConversationPanel })));

type Page = 'home' | 'compose' | 'accounts';
const pageTitles: Record<Page, string> = { home: 'Home', compose: 'Compose', accounts: 'Accounts' };

/** The app frame: the accounts rail on the left, the main column beside it. */
export function App() {
  const theme = useThemePreference();
  const preference = theme.data ?? 'system';
  const applied = useAppliedTheme(preference);
  const accounts = useAccounts();
  const info = useAppInfo();
  const [adding, setAdding] = useState<AddAccountRequest | null>(null);
  const [page, setPage] = useState<Page>('home');
  const closeAdding = useCallback(() => setAdding(null), []);
  // The conversation open beside the timeline (or over it, in a narrow window), by its copies' postKeys.
  const [conversation, setConversation] = useState<string[] | null>(null);
  const closeConversation = useCallback(() => setConversation(null), []);
  const [headerSlot, setHeaderSlot] = useState<HTMLElement | null>(null);
  // A draft begun from a post (Quote): the composer opens on it once.
  const [composeStart, setComposeStart] = useState<ComposeStart | null>(null);
  const startCompose = useCallback((start: ComposeStart) => {
    setComposeStart(start);
    setAdding(null);
    setPage('compose');
  }, []);
  const goTo = (name: Page) => {
    setComposeStart(null);
    setPage(name);
  };
  // After signing in, the accounts page shows the new account and its post-by-default choice.
  const doneAdding = useCallback(() => {
    setAdding(null);
    setPage('accounts');
  }, []);
  const signInAgain = useCallback((account: AccountSummary) => setAdding({ network: account.network, prefill: account.network === 'mastodon' ? account.server : account.handle }), []);

  const connectionError = theme.error ?? info.error;
  if (connectionError) {
    return (
      <main className="fullscreen">
        <ErrorPanel title="Braid cannot reach its core" error={connectionError} />
      </main>
    );
  }

  const list = accounts.data ?? [];
  const showingConversation = conversation !== null && !adding && page === 'home';
  return (
    <OpenConversation.Provider value={setConversation}>
    <StartCompose.Provider value={startCompose}>
    <div className="app" data-conversation={showingConversation || undefined}>
      <AccountsRail accounts={list} onAdd={() => setAdding({ network: 'mastodon' })} footer={<ThemeToggle preference={preference} applied={applied} />} />
      <main className={!adding && page === 'compose' ? 'column column-wide' : 'column'} aria-labelledby="column-title">
        <header className="column-header">
          <h1 id="column-title">{adding ? 'Accounts' : pageTitles[page]}</h1>
          <div className="column-status" ref={setHeaderSlot} />
          {adding ? (
            <button type="button" className="button button-quiet" onClick={closeAdding}>
              Back
            </button>
          ) : list.length > 0 ? (
            <nav className="pages" aria-label="Pages">
              {(['home', 'compose', 'accounts'] as const).map((name) => (
                <button key={name} type="button" className="page-link" aria-current={page === name ? 'page' : undefined} onClick={() => goTo(name)}>
                  {pageTitles[name]}
                </button>
              ))}
            </nav>
          ) : null}
        </header>
        <div className={!adding && page === 'home' && list.length > 0 ? 'column-body column-body-flush' : 'column-body'}>
          <ErrorBoundary
            resetKey={`${page} ${adding ? 'adding' : ''}`}
            fallback={(error, retry) => (
              <div>
                <ErrorPanel title="This screen could not be shown" error={error} />
                <button type="button" className="button" onClick={retry}>
                  Try again
                </button>
              </div>
            )}
          >
          <HeaderSlot.Provider value={headerSlot}>
          <Suspense fallback={null}>
            {accounts.error ? (
              <ErrorPanel title="Your accounts could not be loaded" error={accounts.error} />
            ) : adding ? (
              <AddAccount request={adding} onChange={setAdding} onDone={doneAdding} />
            ) : accounts.data?.length === 0 ? (
              <FirstAccount onAdd={(network) => setAdding({ network })} />
            ) : accounts.data && page === 'accounts' ? (
              <AccountsOverview accounts={list} onSignInAgain={setAdding} />
            ) : accounts.data && page === 'compose' ? (
              <ComposePage key={composeStart?.draft.id ?? 'compose'} accounts={list} start={composeStart} />
            ) : accounts.data ? (
              <Timeline accounts={list} onSignInAgain={signInAgain} />
            ) : null}
          </Suspense>
          </HeaderSlot.Provider>
          </ErrorBoundary>
        </div>
        <footer className="column-footer muted" data-testid="app-info">
          {info.data ? `${info.data.name} ${info.data.version} · ${hostWords[info.data.host]}` : ' '}
        </footer>
      </main>
      {showingConversation ? (
        <Suspense fallback={null}>
          <ConversationPanel key={conversation.join(' ')} keys={conversation} accounts={list} onClose={closeConversation} />
        </Suspense>
      ) : null}
    </div>
    </StartCompose.Provider>
    </OpenConversation.Provider>
  );
}
