import { useErrorText, type ShownError } from '../i18n/error-text.ts';

/** A failure's words where a component shows one (see useErrorText). */
export function ErrorText({ error }: { error: ShownError }) {
  return <>{useErrorText()(error)}</>;
}
