import { useEffect, useState } from 'react';

const recaptureFromHash = (): string | null => {
  const query = location.hash.split('?')[1];
  return query ? new URLSearchParams(query).get('recapture') : null;
};

/** The submission id in `#/enroll?recapture=<id>`, which the queue screen links to; follows the hash as it changes. */
export function useRecaptureParam(): string | null {
  const [id, setId] = useState(recaptureFromHash);
  useEffect(() => {
    const update = () => setId(recaptureFromHash());
    window.addEventListener('hashchange', update);
    return () => window.removeEventListener('hashchange', update);
  }, []);
  return id;
}
