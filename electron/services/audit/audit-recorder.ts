/** An append-only, hash-chained record of what operators did (sign-in, submit, discard, export, settings, purge). */
export interface AuditEntryInput {
  readonly action: string;
  readonly operatorId: string | null;
  /** What the action was about, e.g. a submission id; never identity fields or biometrics. */
  readonly subject?: string;
  readonly detail?: Readonly<Record<string, string | number | boolean | null>>;
}

export interface AuditRecorder {
  record(entry: AuditEntryInput): void;
}
