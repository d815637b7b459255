import { useEffect, useState } from 'react';

const paramFromHash = (name: string): string | null => {
  const query = location.hash.split('?')[1];
  return query ? new URLSearchParams(query).get(name) : null;
};

/** A parameter of the hash route (`#/queue?id=<id>`, `#/enroll?recapture=<id>`); follows the hash as it changes. */
export function useHashParam(name: string): string | null {
  const [value, setValue] = useState(() => paramFromHash(name));
  useEffect(() => {
    const update = () => setValue(paramFromHash(name));
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, [name]);
  return value;
}
