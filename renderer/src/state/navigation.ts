import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useLocation } from 'wouter';
import { pathOf, screenAt, type Screen } from './routes.ts';

/** How many of Braid's own screens lie behind this history entry (kept in history.state). */
const depthHere = (): number => {
  const state: unknown = history.state;
  return typeof state === 'object' && state !== null && 'braidDepth' in state && typeof state.braidDepth === 'number' ? state.braidDepth : 0;
};

/**
 * The screen shown, from the address, and the ways to move: `go` adds a history entry (the
 * browser's back button and Alt+← return), `replace` does not, `back` returns to the screen
 * before — or home when Braid was opened straight on this address.
 */
export function useNavigation() {
  const [location, navigate] = useLocation();
  const screen = useMemo(() => screenAt(location), [location]);
  // Read when `go` is called, not closed over: `go` stays the same function across screens, and so
  // do the callbacks built on it that every post card takes from context (OpenConversation, StartCompose).
  const here = useRef(location);
  useEffect(() => {
    here.current = location;
  }, [location]);
  const go = useCallback(
    (to: Screen) => {
      const path = pathOf(to);
      if (path !== here.current) navigate(path, { state: { braidDepth: depthHere() + 1 } }); // a second click adds no entry
    },
    [navigate],
  );
  const replace = useCallback((to: Screen) => navigate(pathOf(to), { replace: true, state: { braidDepth: depthHere() } }), [navigate]);
  const back = useCallback(() => {
    if (depthHere() > 0) history.back();
    else navigate(pathOf({ name: 'home' }), { replace: true, state: { braidDepth: 0 } });
  }, [navigate]);
  return { screen, go, replace, back };
}
