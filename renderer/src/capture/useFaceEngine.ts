import { useCallback, useEffect, useState } from 'react';
import { faceEngine, type FaceEngine } from './human-engine.js';

export type FaceEngineState =
  { readonly status: 'loading' } | { readonly status: 'ready'; readonly engine: FaceEngine } | { readonly status: 'failed'; readonly message: string };

/** The shared face engine, loaded (models and WASM from our own origin) while the camera starts. */
export function useFaceEngine(): { state: FaceEngineState; retry(): void } {
  const [state, setState] = useState<FaceEngineState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    const engine = faceEngine();
    setState({ status: 'loading' });
    engine.load().then(
      () => !cancelled && setState({ status: 'ready', engine }),
      (error: unknown) => !cancelled && setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  const retry = useCallback(() => setAttempt((value) => value + 1), []);
  return { state, retry };
}
