import { z } from 'zod';
import { channel } from './define.js';
import { ProviderIdSchema } from '../providers/ids.js';

export const ConnectionCheckSchema = z.object({
  /** reachable: the provider answered and accepted the credentials. */
  verdict: z.enum(['reachable', 'credentials_refused', 'unreachable', 'not_configured', 'unexpected_answer']),
  httpStatus: z.number().int().nullable(),
  /** The provider's own words or the network error, trimmed, for the supervisor. */
  detail: z.string().nullable(),
  /** not_configured: the declared credential fields not yet entered, by name; the screen shows their labels. */
  missingCredentials: z.array(z.string()).optional(),
  elapsedMs: z.number().nonnegative(),
});
export type ConnectionCheck = z.infer<typeof ConnectionCheckSchema>;

export const providerChannels = {
  /** Which credential fields of a provider are set; values never come back. Supervisor only. */
  'providers.credentialStatus': channel(z.object({ provider: ProviderIdSchema }), z.object({ fields: z.record(z.string(), z.boolean()) })),
  /** Writes credentials into the key store; an empty string clears a field. Supervisor only; audited (names only). */
  'providers.setCredentials': channel(
    z.object({ provider: ProviderIdSchema, values: z.record(z.string(), z.string().max(4096)) }),
    z.object({ fields: z.record(z.string(), z.boolean()) }),
  ),
  /** Calls the configured provider with the stored credentials and says what it found. Supervisor only. */
  'providers.testConnection': channel(z.undefined(), ConnectionCheckSchema),
  /** cin-auth's `/api/reset`: deletes every user on that server. Supervisor only; audited. */
  /** Supervisor only: the people in the provider's face gallery (riset's list-faces). */
  'providers.galleryList': channel(z.undefined(), z.object({ people: z.array(z.object({ nik: z.string(), name: z.string() })) })),
  /** Supervisor only; audited. Removes one person from the gallery (riset's delete-face); the NIK is typed twice. */
  'providers.galleryRemove': channel(
    z.object({ nik: z.string().trim().min(1).max(32), confirmNik: z.string().trim() }).refine((input) => input.nik === input.confirmNik, {
      message: 'The NIK typed to confirm is not the same.',
      path: ['confirmNik'],
    }),
    z.object({ removed: z.literal(true), reference: z.string().nullable() }),
  ),
  'providers.resetServer': channel(z.object({ confirm: z.literal('RESET') }), z.object({ done: z.boolean(), detail: z.string().nullable() })),
};
