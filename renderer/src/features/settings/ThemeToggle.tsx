import type { ThemePreference } from '../../../../shared/contract.ts';
import { MonitorIcon, MoonIcon, SunIcon } from '../../components/icons.tsx';
import { useSetTheme } from '../../state/theme.ts';

const next: Record<ThemePreference, ThemePreference> = { system: 'light', light: 'dark', dark: 'system' };
const label: Record<ThemePreference, string> = { system: 'System', light: 'Light', dark: 'Dark' };
const icon: Record<ThemePreference, React.ReactNode> = {
  system: <MonitorIcon />,
  light: <SunIcon />,
  dark: <MoonIcon />,
};

/** One button cycling System → Light → Dark; its label says the current choice and what it shows. */
export function ThemeToggle({ preference, applied }: { preference: ThemePreference; applied: 'light' | 'dark' }) {
  const setTheme = useSetTheme();
  const description =
    preference === 'system' ? `Theme: System (${applied}). Switch to ${label[next.system]}` : `Theme: ${label[preference]}. Switch to ${label[next[preference]]}`;
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
