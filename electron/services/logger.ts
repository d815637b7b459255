import pino from 'pino';
import { PROVIDERS } from '../../shared/providers/index.js';

export type Logger = pino.Logger;

/** Keys whose values never reach a log line: secrets of every kind, and what identifies a person. */
const SECRET_KEYS = ['password', 'secret', 'token', 'accessToken', 'bearerToken', 'apiKey', 'authorization', 'Authorization', 'cookie', 'credentials', 'pin', 'passphrase'];
const PERSON_KEYS = [
  ...new Set(Object.values(PROVIDERS).flatMap((provider) => Object.values(provider.operations).flatMap((operation) => operation.fields.map((field) => field.name)))),
  'fields',
  'qrCode',
  'dataBase64',
];

/**
 * pino's redaction paths: each key at the top and one or two levels down (`{ input: { fields } }`,
 * `{ request: { headers: { authorization } } }`). `name` only at the top: an error's `err.name` is
 * the kind of error, which support needs.
 */
export const REDACTED_PATHS: readonly string[] = [...SECRET_KEYS, ...PERSON_KEYS].flatMap((key) =>
  key === 'name' ? [key] : [key, `*.${key}`, `*.*.${key}`],
);

/** Structured JSON logs. Identity fields, photos and secrets are replaced by "[redacted]" whatever a caller passes. */
export const createLogger = (options: { level?: string; destination?: string } = {}): Logger =>
  pino(
    {
      level: options.level ?? process.env.STATION_LOG_LEVEL ?? 'info',
      base: undefined,
      redact: { paths: [...REDACTED_PATHS], censor: '[redacted]' },
    },
    options.destination ? pino.destination({ dest: options.destination, mkdir: true, sync: false }) : undefined,
  );
