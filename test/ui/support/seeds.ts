/** The registry entry whose reference face is sample person `person` (the emulators' seeds). */
export function seeded<T extends { readonly samplePerson: number }>(entries: readonly T[], person: number): T {
  const entry = entries.find((candidate) => candidate.samplePerson === person);
  if (!entry) throw new Error(`no seeded identity has sample person ${person}`);
  return entry;
}
