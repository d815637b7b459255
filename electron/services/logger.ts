import pino from 'pino';
import { PROVIDERS } from '../../shared/providers/index.js';
import { rotatingFile } from './rotating-file.js';

export type Logger = pino.Logger;

/** Keys whose values never reach a log line: secrets of every kind, and what identifies a person. */
const SECRET_KEYS = [
  'password',
  'secret',
  'token',
  'accessToken',
  'bearerToken',
  'apiKey',
  'authorization',
  'Authorization',
  'cookie',
  'credentials',
  'pin',
  'passphrase',
];
const PERSON_KEYS = [
  ...new Set(
    Object.values(PROVIDERS).flatMap((provider) => Object.values(provider.operations).flatMap((operation) => operation.fields.map((field) => field.name))),
  ),
  'fields',
  'qrCode',
  // Photos: as they cross the bridge (`bytes`, a Uint8Array) and inside a hand-over file (`dataBase64`).
  'bytes',
  'dataBase64',
];

/**
 * pino's redaction paths: each key at the top and one or two levels down (`{ input: { fields } }`,
 * `{ request: { headers: { authorization } } }`). `name` only at the top: an error's `err.name` is
 * the kind of error, which support needs.
 */
export const REDACTED_PATHS: readonly string[] = [...SECRET_KEYS, ...PERSON_KEYS].flatMap((key) => (key === 'name' ? [key] : [key, `*.${key}`, `*.*.${key}`]));

/** The log file's cap: 5 MiB, and four older files beside it, so the logs stay under 25 MiB. */
export const LOG_FILE_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_FILES_KEPT = 4;

/** Every key the logger redacts, for re-checking lines that leave the machine (diagnostics). */
export const REDACTED_KEYS: ReadonlySet<string> = new Set([...SECRET_KEYS, ...PERSON_KEYS]);

/** Structured JSON logs. Identity fields, photos and secrets are replaced by "[redacted]" whatever a caller passes. */
export const createLogger = (options: { level?: string; destination?: string; maxBytes?: number } = {}): Logger =>
  pino(
    {
      level: options.level ?? process.env.STATION_LOG_LEVEL ?? 'info',
      base: undefined,
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    },
    options.destination ? rotatingFile({ file: options.destination, maxBytes: options.maxBytes ?? LOG_FILE_MAX_BYTES, keep: LOG_FILES_KEPT }) : undefined,
  );
