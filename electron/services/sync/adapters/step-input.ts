// What a step takes from the submission and the connection, with a classified failure when it is
// missing: the queue validates on enqueue, so a gap here means a purged asset or a settings change.
import type { CredentialFieldDeclaration } from '../../../../shared/providers/declaration.js';
import type { AssetKind } from '../../../../shared/contract/queue.js';
import type { ProviderConnection, SyncSubmission } from '../provider-adapter.js';
import { failed, type FailedStep } from './http.js';

interface StepAsset {
  readonly mime: string;
  readonly bytes: Buffer;
}

export function isFailed(value: unknown): value is FailedStep {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'failed';
}

/** The trimmed identity field, or needs-attention when it is empty. */
export function identityField(submission: SyncSubmission, name: string): string | FailedStep {
  const value = submission.fields[name]?.trim();
  return value ? value : failed('needs_attention', 'provider_missing_field', null, `identity field ${name} is empty`);
}

/** The index-th asset of a kind (0-based, in capture order), or needs-attention when it is gone. */
export async function assetAt(submission: SyncSubmission, kind: AssetKind, index: number): Promise<StepAsset | FailedStep> {
  const assets = await submission.assets(kind);
  const asset = assets[index];
  return asset ?? failed('needs_attention', 'provider_missing_capture', null, `${kind} ${index + 1} of ${assets.length} is missing`);
}

/** Every declared credential, or a configuration failure naming the ones not set. */
export function requiredCredentials(
  connection: ProviderConnection,
  declared: readonly CredentialFieldDeclaration[],
): Readonly<Record<string, string>> | FailedStep {
  const missing = declared.filter((field) => !connection.credentials[field.name]);
  if (missing.length > 0) return failed('configuration', 'provider_credentials_missing', null, `not set: ${missing.map((field) => field.name).join(', ')}`);
  return connection.credentials;
}

/** The first pattern the provider's message matches decides the code. */
export function codeForMessage(message: string, table: ReadonlyArray<readonly [RegExp, string]>): string | null {
  return table.find(([pattern]) => pattern.test(message))?.[1] ?? null;
}
