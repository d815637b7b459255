/**
 * The one way the station writes a moment: the queue, its detail, the audit log and the operators
 * list show the same "5 Dec 2026, 14:03" in the operator's language, so times can be compared across screens.
 */
export const formatDateTime = (language: string, iso: string): string =>
  new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
