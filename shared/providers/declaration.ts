import type { z } from 'zod';
import type { ProviderId } from './ids.js';

/** What a submission asks of a provider. `enroll` is what the enrollment wizard submits; `verify` is a 1:1 check. */
export const OPERATIONS = ['enroll', 'verify', 'delete'] as const;
export type Operation = (typeof OPERATIONS)[number];

/** One identity field the clerk types; the schema validates it on both sides of the bridge. */
export interface IdentityFieldDeclaration {
  /** Key in `SubmissionInput.fields`, e.g. `nik`, `name`, `dateOfBirth`, `userId`. */
  readonly name: string;
  /** How the wizard renders it: text box, digits only, or a dd-mm-yyyy date. */
  readonly kind: 'text' | 'digits' | 'date-dmy';
  readonly maxLength: number;
  /** Validates the trimmed value; its messages are translation keys under `fieldErrors.`. Only rules the provider's document states refuse. */
  readonly schema: z.ZodType<string>;
  /** Where the refusing rules come from: the provider document's words (file and line). */
  readonly source: string;
  /** Rules the document does not state (a national standard): they warn the clerk, and a supervisor may accept the value. */
  readonly warnings: readonly IdentityFieldWarning[];
  /** The provider files the person under this value (NIK, user id, cédula): two enrollments with other values are two identities. */
  readonly identifies?: boolean;
}

/** A rule a value should keep but the provider's document does not state. */
export interface IdentityFieldWarning {
  /** Translation key under `fieldWarnings.`. */
  readonly message: string;
  /** The standard it comes from. */
  readonly source: string;
  readonly holds: (value: string) => boolean;
}

/** What the capture module must produce for one operation of one provider. */
export interface CaptureNeeds {
  /** Distinct face photos (photo-registry enroll needs 4). 0 when the operation takes none. */
  readonly faces: number;
  readonly faceFormat: 'jpeg';
  /** Byte limit of one encoded face photo (the provider's documented limit, less a safety margin where the doc is vague). */
  readonly maxFaceBytes: number;
  readonly idCard: 'none' | 'optional' | 'required';
  readonly maxIdCardBytes: number;
  readonly clip: 'none' | 'optional' | 'required';
  readonly qrCode: boolean;
  readonly geolocation: boolean;
}

/** A credential the supervisor enters in Settings. `secret` ones are written to the key store and never shown back. */
export interface CredentialFieldDeclaration {
  readonly name: string;
  readonly secret: boolean;
  /** The adapter works without it (a default, or one of alternatives it checks itself). */
  readonly optional?: boolean;
}

export interface OperationDeclaration {
  readonly fields: readonly IdentityFieldDeclaration[];
  readonly capture: CaptureNeeds;
}

export interface ProviderDeclaration {
  readonly id: ProviderId;
  readonly operations: Readonly<Partial<Record<Operation, OperationDeclaration>>>;
  readonly credentials: readonly CredentialFieldDeclaration[];
  /** photo-registry serves verification from its own base URL (`verifyEndpoint` in settings). */
  readonly separateVerifyEndpoint: boolean;
  /** The identity fields the queue names a submission by, first given first: a name before an ID number. */
  readonly labelFields: readonly string[];
}
