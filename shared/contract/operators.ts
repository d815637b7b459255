import { z } from 'zod';
import { channel } from './define.js';

export const OPERATOR_ROLES = ['clerk', 'supervisor'] as const;
export const OperatorRoleSchema = z.enum(OPERATOR_ROLES);

export const SECRET_KINDS = ['pin', 'password'] as const;
export const SecretKindSchema = z.enum(SECRET_KINDS);
export type SecretKind = z.infer<typeof SecretKindSchema>;

/** The rules for a new PIN or password; the renderer shows the same limits. */
export const PIN_LENGTH = { min: 6, max: 12 } as const;
export const PASSWORD_LENGTH = { min: 8, max: 128 } as const;

export const NewSecretSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('pin'),
    value: z.string().regex(/^\d+$/, 'A PIN has digits only').min(PIN_LENGTH.min).max(PIN_LENGTH.max),
  }),
  z.object({ kind: z.literal('password'), value: z.string().min(PASSWORD_LENGTH.min).max(PASSWORD_LENGTH.max) }),
]);
export type NewSecret = z.infer<typeof NewSecretSchema>;

/** Sign-in names are matched without regard to case and surrounding spaces. */
export const OperatorNameSchema = z.string().trim().min(1).max(60);

/** A secret being checked: length-capped so nobody can make scrypt hash a megabyte. */
const EnteredSecretSchema = z.string().min(1).max(PASSWORD_LENGTH.max);

export const SignedInOperatorSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: OperatorRoleSchema,
  secretKind: SecretKindSchema,
});

export const SessionSchema = z.object({
  /** No operator exists yet: the first run must create a supervisor. */
  setupRequired: z.boolean(),
  /** Who is signed in on this window; kept while idle-locked so the lock screen can name them. */
  operator: SignedInOperatorSchema.nullable(),
  /** Idle-locked: the operator must enter their PIN or password again. */
  locked: z.boolean(),
  /** While signed in and not locked: how long until main locks, and when to warn first. */
  idle: z
    .object({
      lockAfterMs: z.number().int().positive(),
      warnBeforeMs: z.number().int().positive(),
      remainingMs: z.number().int().nonnegative(),
    })
    .nullable(),
});
export type Session = z.infer<typeof SessionSchema>;

export const OperatorSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: OperatorRoleSchema,
  secretKind: SecretKindSchema,
  disabled: z.boolean(),
  /** Set while repeated failures keep the account locked (ISO time). */
  lockedUntil: z.string().nullable(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
});
export type OperatorSummary = z.infer<typeof OperatorSummarySchema>;

export const operatorsChannels = {
  'operators.session': channel(z.undefined(), SessionSchema),
  /** First run only: creates the first supervisor and signs them in. */
  'operators.setup': channel(z.object({ name: OperatorNameSchema, secret: NewSecretSchema }), SessionSchema),
  'operators.signIn': channel(z.object({ name: OperatorNameSchema, secret: EnteredSecretSchema }), SessionSchema),
  /** Lifts the idle lock for the operator already on this window. */
  'operators.unlock': channel(z.object({ secret: EnteredSecretSchema }), SessionSchema),
  'operators.signOut': channel(z.undefined(), SessionSchema),
  /** The renderer reports that someone is using the window; main decides whether it is already locked. */
  'operators.activity': channel(z.undefined(), SessionSchema),
  'operators.list': channel(z.undefined(), z.array(OperatorSummarySchema)),
  'operators.create': channel(z.object({ name: OperatorNameSchema, role: OperatorRoleSchema, secret: NewSecretSchema }), OperatorSummarySchema),
  'operators.update': channel(
    z.object({ id: z.string().min(1), role: OperatorRoleSchema.optional(), disabled: z.boolean().optional() }),
    OperatorSummarySchema,
  ),
  /** Sets a new PIN or password and lifts a failure lockout. */
  'operators.resetSecret': channel(z.object({ id: z.string().min(1), secret: NewSecretSchema }), OperatorSummarySchema),
};
