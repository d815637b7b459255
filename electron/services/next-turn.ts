/**
 * Resolves after the event loop has had a turn (IPC messages, timers, I/O). Long work in main
 * awaits it between slices, so no slice holds the station up for seconds; a promise alone would
 * only let other microtasks run.
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
