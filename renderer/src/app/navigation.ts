import { useEffect, useState } from 'react';

/** Every screen, in navigation order; supervisor screens are hidden from clerks (and refused by main). */
export const SCREENS = [
  { name: 'enroll', supervisorOnly: false },
  { name: 'queue', supervisorOnly: false },
  { name: 'verify', supervisorOnly: false },
  { name: 'settings', supervisorOnly: true },
  { name: 'operators', supervisorOnly: true },
  { name: 'audit', supervisorOnly: true },
] as const;
export type ScreenName = (typeof SCREENS)[number]['name'];

const screenFromHash = (): (typeof SCREENS)[number] => {
  // `#/enroll?recapture=<id>`: the screen is the part before the query.
  const name = location.hash.replace(/^#\/?/, '').split('?')[0];
  return SCREENS.find((screen) => screen.name === name) ?? SCREENS[0];
};

/** Hash routing: the app:// and preview origins serve one index.html, so routes never hit the file system. */
export function useScreen(): (typeof SCREENS)[number] {
  const [screen, setScreen] = useState(screenFromHash);
  useEffect(() => {
    const update = () => setScreen(screenFromHash());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return screen;
}
