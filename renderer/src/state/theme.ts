import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import type { ThemePreference } from '../../../shared/contract.ts';
import { call, onEvent } from '../api.ts';

export const themeKey = () => ['theme'] as const;

export function useThemePreference() {
  const client = useQueryClient();
  useEffect(() => onEvent('theme.changed', (theme) => client.setQueryData(themeKey(), theme)), [client]);
  return useQuery({ queryKey: themeKey(), queryFn: () => call('theme.get') });
}

export function useSetTheme() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (theme: ThemePreference) => call('theme.set', theme),
    onMutate: (theme) => client.setQueryData(themeKey(), theme),
    onSettled: () => client.invalidateQueries({ queryKey: themeKey() }),
  });
}

const darkQuery = '(prefers-color-scheme: dark)';
const subscribeToSystem = (notify: () => void) => {
  const media = matchMedia(darkQuery);
  media.addEventListener('change', notify);
  return () => media.removeEventListener('change', notify);
};

export function useSystemTheme(): 'light' | 'dark' {
  return useSyncExternalStore(subscribeToSystem, () => (matchMedia(darkQuery).matches ? 'dark' : 'light'));
}

/** Puts the theme in force on <html data-theme>, following the system while the choice is "system". */
export function useAppliedTheme(preference: ThemePreference): 'light' | 'dark' {
  const system = useSystemTheme();
  const applied = preference === 'system' ? system : preference;
  useEffect(() => {
    document.documentElement.dataset.theme = applied;
  }, [applied]);
  return applied;
}
