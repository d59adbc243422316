import type { ReactNode } from 'react';
import { FormattedMessage } from 'react-intl';
import type { MessageId } from '../../../shared/i18n/messages.ts';

type RichValues = Record<string, string | number | Date | ReactNode | ((chunks: ReactNode[]) => ReactNode)>;

/** A message with markup in it (<kbd>, <strong>): each tag's value draws its words. */
export function Message({ id, values }: { id: MessageId; values?: RichValues }) {
  return <FormattedMessage id={id} values={values} />;
}
