import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ExpectedPerson } from '../../../../shared/contract/expected-people.js';
import type { StationError } from '../../../../shared/contract/result.js';
import type { IdentityFieldDeclaration } from '../../../../shared/providers/declaration.js';
import { useGuardedCall } from '../../app/session.js';
import { formatDateTime } from '../../i18n/date-time.js';
import { station } from '../../station.js';
import { ErrorAlert } from '../../app/ErrorAlert.js';

/** Words the clerk types before the list is searched: one letter matches half of it. */
const MIN_QUERY = 2;

/**
 * On the identity step, when the station has a list of expected people: the clerk finds the person
 * by name or ID number (offline, the list is on the station) and takes their details into the form.
 * People already enrolled are shown as such, with the reference of their enrollment.
 */
export function ExpectedPeopleSearch({ fields, onChoose }: { fields: readonly IdentityFieldDeclaration[]; onChoose: (person: ExpectedPerson) => void }) {
  const { t, i18n } = useTranslation();
  const guarded = useGuardedCall();
  const inputId = useId();
  const [listed, setListed] = useState(0);
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ items: ExpectedPerson[]; total: number } | null>(null);
  const [error, setError] = useState<StationError | null>(null);
  const latest = useRef(0);

  useEffect(() => {
    void guarded(station().invoke['expectedPeople.summary'](undefined)).then((result) => result.ok && setListed(result.value.listed));
  }, [guarded]);

  useEffect(() => {
    const words = query.trim();
    const asked = ++latest.current;
    if (words.length < MIN_QUERY) return setFound(null);
    void guarded(station().invoke['expectedPeople.search']({ query: words })).then((result) => {
      // Answers to older keystrokes arriving late are dropped.
      if (asked !== latest.current) return;
      if (result.ok) {
        setFound(result.value);
        setError(null);
      } else {
        setError(result.error);
      }
    });
  }, [guarded, query]);

  if (listed === 0) return null;
  const describe = (person: ExpectedPerson) =>
    fields
      .map((field) => person.fields[field.name] ?? '')
      .filter(Boolean)
      .join(' · ');
  return (
    <section className="expected-search" data-testid="expected-people-search">
      <label htmlFor={inputId}>{t('expectedPeople.search.label')}</label>
      <input id={inputId} type="search" value={query} autoComplete="off" onChange={(event) => setQuery(event.target.value)} />
      <ErrorAlert error={error} />
      {found && (
        <>
          <p role="status">
            {found.total === 0 ? t('expectedPeople.search.none') : t('expectedPeople.search.found', { shown: found.items.length, total: found.total })}
          </p>
          <ul className="expected-results">
            {found.items.map((person) => (
              <li key={person.id} data-testid="expected-person" data-enrolled={person.enrolledAt !== null}>
                <span>{describe(person)}</span>{' '}
                {person.enrolledAt && (
                  <span className="enrolled-badge" data-testid="expected-person-enrolled">
                    {t('expectedPeople.search.enrolled', { reference: person.enrolledReference ?? '', time: formatDateTime(i18n.language, person.enrolledAt) })}
                  </span>
                )}{' '}
                <button type="button" onClick={() => onChoose(person)}>
                  {t('expectedPeople.search.use')}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
