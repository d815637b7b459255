/**
 * One answer to "can submissions go out?", for every message that depends on it (status bar,
 * queue banner, receipts): the OS has no network; the network is up but the provider does not
 * answer (a dead VPN, a captive portal, the provider down); or the provider answers (or was not
 * asked yet). Translated as `connection.<state>`.
 */
export const CONNECTION_STATES = ['offline', 'provider_unreachable', 'online'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export function connectionState(health: { readonly online: boolean; readonly providerAnswers: boolean | null }): ConnectionState {
  if (!health.online) return 'offline';
  return health.providerAnswers === false ? 'provider_unreachable' : 'online';
}
