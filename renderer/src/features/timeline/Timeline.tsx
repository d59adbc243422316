import type { AccountSummary } from '../../../../shared/domain/account.ts';
import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { useTimeline } from '../../state/timeline.ts';
import { AccountProblems } from './AccountProblems.tsx';
import { TimelineList } from './TimelineList.tsx';
import { useWords } from '../../i18n/use-words.ts';

/** The home screen: every account's home timeline as one, with each account's problems on top. */
export function Timeline({ accounts, onSignInAgain }: { accounts: AccountSummary[]; onSignInAgain: (account: AccountSummary) => void }) {
  const { query, refresh, loadMore, loadGap } = useTimeline();
  const view = query.data;
  const words = useWords();

  if (query.error && !view) return <ErrorPanel title={words('timeline.failed')} error={query.error} />;
  if (!view) return <p className="timeline-note muted">{words('timeline.loading')}</p>;

  const refreshing = refresh.isPending;
  return (
    <div className="timeline">
      <AccountProblems view={view} accounts={accounts} onRetry={() => refresh.mutate()} retrying={refreshing} onSignInAgain={onSignInAgain} />
      {view.items.length === 0 ? (
        <p className="timeline-note muted" data-testid="timeline-empty">
          {words(refreshing || view.hasMore ? 'timeline.loading' : 'timeline.empty')}
        </p>
      ) : (
        <TimelineList
          view={view}
          accounts={accounts}
          loadingMore={loadMore.isPending}
          onLoadMore={() => loadMore.mutate()}
          loadingGap={loadGap.isPending ? loadGap.variables : undefined}
          onLoadGap={(gap) => loadGap.mutate(gap)}
        />
      )}
    </div>
  );
}
