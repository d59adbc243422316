import { useErrorText } from '../i18n/error-text.ts';

/** A failure's words where a component shows one (see useErrorText). */
export function ErrorText({ error }: { error: { message: string; code?: unknown } }) {
  return <>{useErrorText()(error)}</>;
}
