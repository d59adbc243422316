import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Router } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { App } from './features/frame/App.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { ErrorPanel } from './components/ErrorPanel.tsx';
import { queryClient } from './state/query-client.ts';
import { prefetchAccounts } from './state/accounts.ts';
import { prefetchAppInfo } from './state/app-info.ts';
import { ImageOriginsProvider } from './state/image-url.tsx';
import { MediaViewerProvider } from './features/media/MediaViewer.tsx';
import { prefetchTimeline } from './state/timeline.ts';
import { prefetchInbox } from './state/inbox.ts';
import { screenAt } from './state/routes.ts';
import { I18nProvider, prefetchLanguage } from './i18n/I18nProvider.tsx';
import { useWords } from './i18n/use-words.ts';

// What the first screen needs, asked before React even starts: who the accounts are, then the
// cached timeline (or the inbox's newest entries, when Braid opens on it). The questions left
// already (first-calls.ts, from the entry): these queries take the answers.
void prefetchAppInfo(queryClient);
void prefetchLanguage(queryClient);
void prefetchAccounts(queryClient);
if (screenAt(location.hash.slice(1)).name === 'inbox') {
  void prefetchInbox(queryClient);
} else {
  void prefetchTimeline(queryClient);
}

/** What shows when the window itself cannot be drawn: why, and a way to try again. */
function WindowFailed({ error }: { error: Error }) {
  const words = useWords();
  return (
    <main className="fullscreen">
      <ErrorPanel title={words('app.windowFailed')} error={error} />
      <button type="button" className="button" onClick={() => location.reload()}>
        {words('app.reload')}
      </button>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
      <ErrorBoundary
        fallback={(error) => <WindowFailed error={error} />}
      >
        <ImageOriginsProvider>
          <MediaViewerProvider>
            {/* Addresses live after the #: the same in app:// and the browser host, and a reload finds the screen. */}
            <Router hook={useHashLocation}>
              <App />
            </Router>
          </MediaViewerProvider>
        </ImageOriginsProvider>
      </ErrorBoundary>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
