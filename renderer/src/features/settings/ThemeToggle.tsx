import type { ThemePreference } from '../../../../shared/contract.ts';
import { MonitorIcon, MoonIcon, SunIcon } from '../../components/icons.tsx';
import { useSetTheme } from '../../state/theme.ts';
import type { MessageId } from '../../../../shared/i18n/messages.ts';
import { useWords } from '../../i18n/use-words.ts';

const next: Record<ThemePreference, ThemePreference> = { system: 'light', light: 'dark', dark: 'system' };
const label: Record<ThemePreference, MessageId> = { system: 'theme.system', light: 'theme.light', dark: 'theme.dark' };
const icon: Record<ThemePreference, React.ReactNode> = {
  system: <MonitorIcon />,
  light: <SunIcon />,
  dark: <MoonIcon />,
};

/** One button cycling System → Light → Dark; its label says the current choice and what it shows. */
export function ThemeToggle({ preference, applied }: { preference: ThemePreference; applied: 'light' | 'dark' }) {
  const setTheme = useSetTheme();
  const words = useWords();
  const description =
    preference === 'system'
      ? words('theme.describeSystem', { applied, next: words(label[next.system]) })
      : words('theme.describe', { current: words(label[preference]), next: words(label[next[preference]]) });
  return (
    <button
      type="button"
      className="rail-button"
      aria-label={description}
      title={description}
      data-testid="theme-toggle"
      data-theme-preference={preference}
      onClick={() => setTheme.mutate(next[preference])}
    >
      {icon[preference]}
    </button>
  );
}
