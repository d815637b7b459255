import { StationFailure } from '../../../shared/contract/result.js';
import type { AssetKind, CaptureMetadata, CheckIn, SubmitInput } from '../../../shared/contract/queue.js';
import type { Operation, OperationDeclaration, ProviderDeclaration } from '../../../shared/providers/declaration.js';
import type { ProviderId } from '../../../shared/providers/ids.js';
import { fieldWarnings } from '../../../shared/providers/field-warnings.js';

export interface ValidatedAsset {
  readonly kind: AssetKind;
  readonly mime: string;
  readonly bytes: Buffer;
}

/** A submission that matches its provider's declaration: trimmed fields, assets in capture order. */
export interface ValidatedSubmission {
  readonly operation: Operation;
  readonly provider: ProviderId;
  readonly fields: Readonly<Record<string, string>>;
  readonly assets: readonly ValidatedAsset[];
  readonly capture: CaptureMetadata;
  /** Kept only where the operation asks for a QR code or a location. */
  readonly checkIn: CheckIn | null;
  readonly consentAt: string;
  readonly replaces: string | null;
}

const JPEG_SIGNATURE = Buffer.from([0xff, 0xd8, 0xff]);
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47]);
const WEBM_SIGNATURE = Buffer.from([0x1a, 0x45, 0xdf, 0xa3]);
const SIGNATURES: Readonly<Record<string, Buffer>> = { 'image/jpeg': JPEG_SIGNATURE, 'image/png': PNG_SIGNATURE, 'video/webm': WEBM_SIGNATURE };

/**
 * Checks a submission against the configured provider's declaration before anything is
 * stored: the main process never trusts the renderer's own validation.
 */
export function validateSubmission(
  input: SubmitInput,
  provider: ProviderId | null,
  declarations: Readonly<Record<ProviderId, ProviderDeclaration>>,
): ValidatedSubmission {
  if (!provider) throw new StationFailure('queue_no_provider', 'No provider is configured; a supervisor chooses one in Settings.');
  const declaration = declarations[provider].operations[input.operation];
  if (!declaration) {
    throw new StationFailure('queue_operation_unsupported', `${provider} does not offer the ${input.operation} operation.`, {
      operation: input.operation,
      provider,
    });
  }
  const needsCheckIn = declaration.capture.qrCode || declaration.capture.geolocation;
  if (needsCheckIn && !input.checkIn) {
    throw new StationFailure('queue_check_in_required', 'This operation needs the scanned QR code and the station location.');
  }
  const fields = validateFields(input.fields, declaration);
  const warnings = fieldWarnings(declaration.fields, fields);
  if (warnings.length > 0 && input.acceptWarnings !== true) {
    throw new StationFailure('queue_warnings_need_supervisor', `A supervisor must accept ${warnings.map((found) => found.field).join(', ')} as typed.`, {
      field: warnings[0]?.field ?? '',
    });
  }
  return {
    operation: input.operation,
    provider,
    fields,
    assets: validateAssets(input.assets, declaration),
    capture: input.capture,
    checkIn: needsCheckIn ? input.checkIn : null,
    consentAt: input.consent.at,
    replaces: input.replaces,
  };
}

function validateFields(fields: Readonly<Record<string, string>>, declaration: OperationDeclaration): Record<string, string> {
  const declared = new Set(declaration.fields.map((field) => field.name));
  const unknown = Object.keys(fields).find((name) => !declared.has(name));
  if (unknown !== undefined) throw new StationFailure('queue_field_unknown', `The field ${unknown} is not one this provider takes.`, { field: unknown });
  const valid: Record<string, string> = {};
  for (const field of declaration.fields) {
    const parsed = field.schema.safeParse((fields[field.name] ?? '').trim());
    if (!parsed.success) {
      // The schema's message is a translation key under fieldErrors., passed on for the form.
      const reason = parsed.error.issues[0]?.message ?? 'invalid';
      throw new StationFailure('queue_field_invalid', `The field ${field.name} is not valid: ${reason}.`, { field: field.name, reason });
    }
    valid[field.name] = parsed.data;
  }
  return valid;
}

function validateAssets(assets: SubmitInput['assets'], declaration: OperationDeclaration): ValidatedAsset[] {
  const { capture } = declaration;
  // A Buffer over the bytes the bridge delivered, not a copy of them.
  const decoded = assets.map((asset) => ({
    kind: asset.kind,
    mime: asset.mime,
    bytes: Buffer.from(asset.bytes.buffer, asset.bytes.byteOffset, asset.bytes.byteLength),
  }));
  const allowed: Record<AssetKind, { min: number; max: number; mimes: readonly string[]; maxBytes: number }> = {
    face: { min: capture.faces, max: capture.faces, mimes: ['image/jpeg'], maxBytes: capture.maxFaceBytes },
    'id-card': {
      min: capture.idCard === 'required' ? 1 : 0,
      max: capture.idCard === 'none' ? 0 : 1,
      mimes: ['image/jpeg', 'image/png'],
      maxBytes: capture.maxIdCardBytes,
    },
    // Clips are capped by the contract's per-asset limit only; no provider declares a smaller one.
    clip: { min: capture.clip === 'required' ? 1 : 0, max: capture.clip === 'none' ? 0 : 1, mimes: ['video/webm'], maxBytes: Number.POSITIVE_INFINITY },
  };
  for (const [kind, rule] of Object.entries(allowed) as Array<[AssetKind, (typeof allowed)[AssetKind]]>) {
    const received = decoded.filter((asset) => asset.kind === kind).length;
    if (received < rule.min || received > rule.max) {
      throw new StationFailure('queue_asset_count', `Expected ${describeRange(rule.min, rule.max)} ${kind} asset(s), received ${received}.`, {
        kind,
        expected: describeRange(rule.min, rule.max),
        received,
      });
    }
  }
  for (const asset of decoded) {
    const rule = allowed[asset.kind];
    const signature = SIGNATURES[asset.mime];
    if (!rule.mimes.includes(asset.mime) || !signature || !asset.bytes.subarray(0, signature.length).equals(signature)) {
      throw new StationFailure('queue_asset_format', `A ${asset.kind} asset is not a valid ${rule.mimes.join(' or ')} file.`, {
        kind: asset.kind,
        mime: asset.mime,
      });
    }
    if (asset.bytes.length > rule.maxBytes) {
      throw new StationFailure('queue_asset_too_large', `A ${asset.kind} asset has ${asset.bytes.length} bytes; the provider takes at most ${rule.maxBytes}.`, {
        kind: asset.kind,
        bytes: asset.bytes.length,
        max: rule.maxBytes,
      });
    }
  }
  return decoded;
}

const describeRange = (min: number, max: number): string => (min === max ? String(min) : `${min}-${max}`);
