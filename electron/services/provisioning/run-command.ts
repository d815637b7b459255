/**
 * Runs a program without a shell and resolves with what it printed; rejects
 * as Node's promisified execFile does, the error carrying `code` (the exit
 * status, or an errno string such as ENOENT), `stdout` and `stderr`. The app
 * passes execFile; tests pass recorded outputs.
 */
export type RunCommand = (file: string, args: readonly string[]) => Promise<{ readonly stdout: string }>;
