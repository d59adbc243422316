import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Link } from 'wouter';
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
import type { InboxAlert, MenuCommand } from '../../../../shared/contract.ts';
import { onEvent } from '../../api.ts';
import type { MessageId } from '../../../../shared/i18n/messages.ts';
import { useWords } from '../../i18n/use-words.ts';
import { Message } from '../../i18n/Message.tsx';
import { LanguagePicker } from '../settings/LanguagePicker.tsx';
import { useInboxCounts, useInboxUpdates } from '../../state/inbox.ts';
import { useDesktopAlerts } from '../inbox/use-desktop-alerts.ts';
// In the first bundle, as the timeline is: a lazy screen is revealed only after React's Suspense
// throttle (about 300 ms), and the inbox is a first screen too (a click on a notification).
import { InboxPage } from '../inbox/InboxPage.tsx';
import { Timeline } from '../timeline/Timeline.tsx';
import { HeaderSlot } from './header-slot.ts';
import { OpenConversation } from '../../state/conversation.ts';
import { OpenPerson } from '../../state/people.ts';
import type { Author } from '../../../../shared/domain/post.ts';
import { StartCompose, type ComposeStart } from '../../state/compose.ts';
import { useNavigation } from '../../state/navigation.ts';
import { conversationOn, pathOf, type Screen } from '../../state/routes.ts';
import { useBackKeys } from './use-back-keys.ts';
import { KeyboardHelp } from './KeyboardHelp.tsx';
import { CountAnnouncer } from '../../components/CountAnnouncer.tsx';


// Account management loads when opened: the timeline's first paint does not wait for it.
const AccountsOverview = lazy(() => import('../accounts/AccountsOverview.tsx').then((module) => ({ default: module.AccountsOverview })));
const AddAccount = lazy(() => import('../accounts/AddAccount.tsx').then((module) => ({ default: module.AddAccount })));
const ComposePage = lazy(() => import('../compose/ComposePage.tsx').then((module) => ({ default: module.ComposePage })));
const PersonPage = lazy(() => import('../people/PersonPage.tsx').then((module) => ({ default: module.PersonPage })));
const FindPeoplePage = lazy(() => import('../people/FindPeoplePage.tsx').then((module) => ({ default: module.FindPeoplePage })));
const SearchPage = lazy(() => import('../search/SearchPage.tsx').then((module) => ({ default: module.SearchPage })));
const ArchivePage = lazy(() => import('../archive/ArchivePage.tsx').then((module) => ({ default: module.ArchivePage })));
const ConversationPanel = lazy(() => import('../conversation/ConversationPanel.tsx').then((module) => ({ default: module.ConversationPanel })));

type Page = 'home' | 'inbox' | 'compose' | 'search' | 'archive' | 'accounts';
const pageTitles: Record<Page, MessageId> = {
  home: 'app.page.home',
  inbox: 'app.page.inbox',
  compose: 'app.page.compose',
  search: 'app.page.search',
  archive: 'app.page.archive',
  accounts: 'app.page.accounts',
};
const pages: Page[] = ['home', 'inbox', 'compose', 'search', 'archive', 'accounts'];
const menuPages = {
  'go.home': 'home',
  'go.inbox': 'inbox',
  'go.compose': 'compose',
  'go.search': 'search',
  'go.archive': 'archive',
  'go.accounts': 'accounts',
} as const satisfies Partial<Record<MenuCommand, Page>>;

/** The app frame: the accounts rail on the left, the main column beside it. */
export function App() {
  const words = useWords();
  const theme = useThemePreference();
  const preference = theme.data ?? 'system';
  const applied = useAppliedTheme(preference);
  const accounts = useAccounts();
  const info = useAppInfo();
  const { screen, go, replace, back } = useNavigation();
  useBackKeys(back, screen.name !== 'home' || conversationOn(screen) !== undefined);
  const addingNetwork = screen.name === 'add-account' ? screen.network : null;
  const addingPrefill = screen.name === 'add-account' ? screen.prefill : undefined;
  const adding = useMemo<AddAccountRequest | null>(
    () => (addingNetwork ? { network: addingNetwork, ...(addingPrefill ? { prefill: addingPrefill } : {}) } : null),
    [addingNetwork, addingPrefill],
  );
  const person = screen.name === 'person' ? screen : null;
  const page: Page = screen.name === 'add-account' || screen.name === 'find-people' ? 'accounts' : screen.name === 'person' ? 'home' : screen.name;
  const addAccount = useCallback((request: AddAccountRequest) => go({ name: 'add-account', ...request }), [go]);
  const switchAddTab = useCallback((request: AddAccountRequest) => replace({ name: 'add-account', ...request }), [replace]);
  // The conversation open beside the timeline (or over it, in a narrow window), by its copies' postKeys.
  const conversation = conversationOn(screen);
  const openConversation = useCallback((keys: string[]) => go({ name: 'home', conversation: keys }), [go]);
  // A person opens as seen from one of your accounts on their network (the first signed in).
  const openPerson = useCallback(
    (author: Author) => {
      const viewer = accounts.data?.find((account) => account.network === author.network && account.status !== 'auth_expired');
      if (viewer) go({ name: 'person', accountId: viewer.id, who: author.id });
    },
    [go, accounts.data],
  );
  useEffect(() => onEvent('menu.command', (command) => command in menuPages && go({ name: menuPages[command as keyof typeof menuPages] })), [go]);
  useInboxUpdates();
  const counts = useInboxCounts();
  const unread = counts?.unread ?? 0;
  useEffect(() => {
    document.title = unread > 0 ? words('app.titleUnread', { count: unread }) : words('app.title');
  }, [unread, words]);
  useDesktopAlerts(useCallback((alert: InboxAlert) => (alert.postKeys.length > 0 ? openConversation(alert.postKeys) : go({ name: 'inbox' })), [openConversation, go]));
  const [headerSlot, setHeaderSlot] = useState<HTMLElement | null>(null);
  // A draft begun from a post (Quote): the composer opens on it (not kept in the address).
  const [composeStart, setComposeStart] = useState<ComposeStart | null>(null);
  const startCompose = useCallback(
    (start: ComposeStart) => {
      setComposeStart(start);
      go({ name: 'compose' });
    },
    [go],
  );
  const goTo = (to: Screen) => (event: React.MouseEvent) => {
    event.preventDefault();
    setComposeStart(null);
    go(to);
  };
  // After signing in, the accounts page shows the new account and its post-by-default choice.
  const doneAdding = useCallback(() => replace({ name: 'accounts' }), [replace]);
  const signInAgain = useCallback(
    (account: AccountSummary) => addAccount({ network: account.network, prefill: account.network === 'mastodon' ? account.server : account.handle }),
    [addAccount],
  );

  const connectionError = theme.error ?? info.error;
  if (connectionError) {
    return (
      <main className="fullscreen">
        <ErrorPanel title={words('app.cannotReachCore')} error={connectionError} />
      </main>
    );
  }

  const list = accounts.data ?? [];
  const showingConversation = conversation !== undefined && list.length > 0;
  // In a wide window the home screen always has its second column, where conversations open.
  const readingPane = screen.name === 'home' && list.length > 0 && !accounts.error;
  return (
    <OpenConversation.Provider value={openConversation}>
    <OpenPerson.Provider value={openPerson}>
    <StartCompose.Provider value={startCompose}>
    <div className="app" data-conversation={showingConversation || undefined} data-reading-pane={(readingPane && !showingConversation) || undefined}>
      <AccountsRail accounts={list} unread={counts?.accounts} onAdd={() => addAccount({ network: 'mastodon' })} footer={
          <>
            <LanguagePicker />
            <ThemeToggle preference={preference} applied={applied} />
          </>
        }
      />
      <CountAnnouncer count={unread} message="app.announceUnread" />
      <main className={!adding && page === 'compose' ? 'column column-wide' : 'column'} aria-labelledby="column-title">
        <header className="column-header">
          <h1 id="column-title">{words(adding ? 'app.page.accounts' : person ? 'person.title' : screen.name === 'find-people' ? 'find.title' : pageTitles[page])}</h1>
          <div className="column-status" ref={setHeaderSlot} />
          {adding || person ? (
            <button type="button" className="button button-quiet" onClick={back} aria-keyshortcuts="Escape Alt+ArrowLeft">
              {words('app.back')}
            </button>
          ) : list.length > 0 ? (
            <nav className="pages" aria-label={words('app.pages')}>
              {pages.map((name) => (
                <Link key={name} href={pathOf({ name })} className="page-link" aria-current={page === name ? 'page' : undefined} onClick={goTo({ name })}>
                  {words(pageTitles[name])}
                  {name === 'inbox' && unread > 0 ? (
                    <span className="unread-badge" data-testid="unread-count">
                      <span className="visually-hidden">, </span>
                      {unread}
                      <span className="visually-hidden"> {words('app.unreadAfter', { count: unread })}</span>
                    </span>
                  ) : null}
                </Link>
              ))}
            </nav>
          ) : null}
        </header>
        <div className={!adding && !person && (page === 'home' || page === 'inbox') && list.length > 0 ? 'column-body column-body-flush' : 'column-body'}>
          <ErrorBoundary
            resetKey={`${page} ${adding ? 'adding' : ''} ${person ? pathOf(person) : ''}`}
            fallback={(error, retry) => (
              <div>
                <ErrorPanel title={words('app.screenFailed')} error={error} />
                <button type="button" className="button" onClick={retry}>
                  {words('app.tryAgain')}
                </button>
              </div>
            )}
          >
          <HeaderSlot.Provider value={headerSlot}>
          <Suspense fallback={null}>
            {accounts.error ? (
              <ErrorPanel title={words('app.accountsFailed')} error={accounts.error} />
            ) : adding ? (
              <AddAccount request={adding} onChange={switchAddTab} onDone={doneAdding} />
            ) : accounts.data?.length === 0 ? (
              <FirstAccount onAdd={(network) => addAccount({ network })} />
            ) : accounts.data && person ? (
              <PersonPage key={`${person.accountId} ${person.who}`} accounts={list} accountId={person.accountId} who={person.who} />
            ) : accounts.data && screen.name === 'find-people' ? (
              <FindPeoplePage accounts={list} />
            ) : accounts.data && page === 'accounts' ? (
              <AccountsOverview accounts={list} onSignInAgain={addAccount} />
            ) : accounts.data && screen.name === 'search' ? (
              <SearchPage key={screen.query ?? ''} accounts={list} query={screen.query ?? ''} />
            ) : accounts.data && page === 'archive' ? (
              <ArchivePage />
            ) : accounts.data && page === 'inbox' ? (
              <InboxPage accounts={list} />
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
          {info.data ? words('app.info', { name: info.data.name, version: info.data.version, host: info.data.host }) : ' '}
        </footer>
      </main>
      {showingConversation ? (
        <Suspense fallback={null}>
          <ConversationPanel key={conversation.join(' ')} keys={conversation} accounts={list} onClose={back} />
        </Suspense>
      ) : readingPane ? (
        <aside className="column conversation-column conversation-placeholder" aria-labelledby="reading-pane-title" data-testid="reading-pane">
          <header className="column-header">
            <h2 id="reading-pane-title">{words('app.readingPane.title')}</h2>
          </header>
          <p className="muted">
            <Message id="app.readingPane.help" values={{ kbd: (chunks) => <kbd>{chunks}</kbd> }} />
          </p>
        </aside>
      ) : null}
      <KeyboardHelp />
    </div>
    </StartCompose.Provider>
    </OpenPerson.Provider>
    </OpenConversation.Provider>
  );
}
