import type { BraidError } from '../api.ts';
import { useWords } from '../i18n/use-words.ts';
import { ErrorText } from './ErrorText.tsx';

/** A failure the user can read: what happened, in Braid's words. */
export function ErrorPanel({ title, error }: { title: string; error: Error }) {
  const code = (error as Partial<BraidError>).code;
  const words = useWords();
  return (
    <div className="panel panel-error" role="alert">
      <h2>{title}</h2>
      <p>
        <ErrorText error={error} />
      </p>
      {code ? <p className="muted">{words('error.code', { code })}</p> : null}
    </div>
  );
}

/** One line under a form: why the last attempt failed. */
export function FormError({ error }: { error: Error | null }) {
  return error ? (
    <p className="form-error" role="alert">
      <ErrorText error={error} />
    </p>
  ) : null;
}
