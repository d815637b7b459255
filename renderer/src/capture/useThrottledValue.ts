import { useEffect, useRef, useState } from 'react';

/**
 * The value, changed at most once per `intervalMs`: the latest value shows as
 * soon as the interval since the last change has passed. Keeps a live
 * region from flooding a screen reader with an instruction every frame.
 */
export function useThrottledValue<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const lastChange = useRef(0);

  useEffect(() => {
    if (Object.is(value, shown)) return;
    const wait = lastChange.current + intervalMs - performance.now();
    const show = () => {
      lastChange.current = performance.now();
      setShown(value);
    };
    if (wait <= 0) {
      show();
      return;
    }
    const timer = window.setTimeout(show, wait);
    return () => window.clearTimeout(timer);
  }, [value, shown, intervalMs]);

  return shown;
}
