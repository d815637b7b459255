/**
 * What PeduliLindungi's status colour means at the door. The riset document only links
 * PeduliLindungi's check-in documentation; the colours and their meaning are PeduliLindungi's
 * published rules: green may enter, yellow may enter with limits (partly vaccinated), red may
 * not (not vaccinated), black may not and must isolate (positive or close contact). The
 * Indonesian names are read too, in any case; anything else is shown as given, as unknown.
 */
export const ENTRY_VERDICTS = ['allowed', 'limited', 'forbidden', 'unknown'] as const;
export type EntryVerdict = (typeof ENTRY_VERDICTS)[number];

const VERDICT_BY_COLOUR: Readonly<Record<string, EntryVerdict>> = {
  green: 'allowed',
  hijau: 'allowed',
  yellow: 'limited',
  kuning: 'limited',
  red: 'forbidden',
  merah: 'forbidden',
  black: 'forbidden',
  hitam: 'forbidden',
};

export function entryVerdict(userStatus: string | null): EntryVerdict {
  if (userStatus === null) return 'unknown';
  return VERDICT_BY_COLOUR[userStatus.trim().toLowerCase()] ?? 'unknown';
}
