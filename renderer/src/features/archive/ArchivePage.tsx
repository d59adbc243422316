import { ErrorPanel } from '../../components/ErrorPanel.tsx';
import { useWords } from '../../i18n/use-words.ts';
import { useArchiveExport, useArchiveStatus } from '../../state/archive.ts';
import { ArchiveAccounts } from './ArchiveAccounts.tsx';
import { ArchiveSearch } from './ArchiveSearch.tsx';

function ArchiveExport() {
  const words = useWords();
  const exporting = useArchiveExport();
  const result = exporting.data;
  return (
    <section className="archive-section" aria-labelledby="archive-export-title">
      <div className="archive-section-head">
        <h2 id="archive-export-title">{words('archive.export')}</h2>
        <button type="button" className="button" onClick={() => exporting.mutate()} disabled={exporting.isPending} data-testid="archive-export">
          {words(exporting.isPending ? 'archive.exporting' : 'archive.exportNow')}
        </button>
      </div>
      <p className="muted">{words('archive.exportAbout')}</p>
      {exporting.error ? <ErrorPanel title={words('archive.exportFailed')} error={exporting.error} /> : null}
      {result ? (
        <div role="status" data-testid="archive-exported" data-checked={result.checked}>
          <p>{words('archive.exported', { posts: result.posts, media: result.mediaFiles })}</p>
          <p>
            <code className="archive-path">{result.dir}</code>
          </p>
          <p className={result.checked ? 'muted' : 'form-error'}>{words(result.checked ? 'archive.checked' : 'archive.checkFailed')}</p>
          {result.problems.length > 0 ? (
            <ul>
              {result.problems.map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

/** Your own posts from every account, kept here: where each import stands, search, export. */
export function ArchivePage() {
  const words = useWords();
  const status = useArchiveStatus();
  if (status.error) return <ErrorPanel title={words('archive.failed')} error={status.error} />;
  if (!status.data) return null;
  return (
    <div className="archive">
      <ArchiveSearch accounts={status.data.accounts} />
      <ArchiveAccounts status={status.data} />
      <ArchiveExport />
    </div>
  );
}
