import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StationError } from '../../../../shared/contract/result.js';
import { TypedConfirmDialog } from '../../app/TypedConfirmDialog.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';
import { ErrorAlert } from '../../app/ErrorAlert.js';

interface GalleryPerson {
  readonly nik: string;
  readonly name: string;
}

/** riset's face gallery: who is enrolled at the provider, and removing one person, behind typing their NIK again. */
export function RisetGalleryPanel() {
  const { t } = useTranslation();
  const guarded = useGuardedCall();
  const [people, setPeople] = useState<readonly GalleryPerson[] | null>(null);
  const [removing, setRemoving] = useState<GalleryPerson | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<StationError | null>(null);

  const load = async () => {
    setError(null);
    const result = await guarded(station().invoke['providers.galleryList'](undefined));
    if (result.ok) setPeople(result.value.people);
    else setError(result.error);
  };

  const remove = async (person: GalleryPerson) => {
    setRemoving(null);
    // The dialog let this through only once the NIK was typed again.
    const result = await guarded(station().invoke['providers.galleryRemove']({ nik: person.nik, confirmNik: person.nik }));
    if (!result.ok) return setError(result.error);
    setNotice(t('gallery.removed', { name: person.name }));
    await load();
  };

  return (
    <div className="panel gallery" data-testid="riset-gallery">
      <h4>{t('gallery.title')}</h4>
      <p>{t('gallery.intro')}</p>
      <button type="button" onClick={() => void load()} data-testid="gallery-load">
        {people === null ? t('gallery.load') : t('gallery.reload')}
      </button>
      <p role="status">{notice}</p>
      <ErrorAlert error={error} />
      {people !== null &&
        (people.length === 0 ? (
          <p>{t('gallery.empty')}</p>
        ) : (
          <table>
            <caption className="visually-hidden">{t('gallery.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('gallery.nik')}</th>
                <th scope="col">{t('gallery.name')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('gallery.remove')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.nik}>
                  <td>{person.nik}</td>
                  <td>{person.name}</td>
                  <td>
                    <button type="button" className="danger" onClick={() => setRemoving(person)}>
                      {t('gallery.remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      {removing && (
        <TypedConfirmDialog
          title={t('gallery.confirmTitle', { name: removing.name })}
          body={t('gallery.confirmBody')}
          typeLabel={t('gallery.typeNik')}
          expected={removing.nik}
          confirmLabel={t('gallery.remove')}
          onConfirm={() => void remove(removing)}
          onCancel={() => setRemoving(null)}
        />
      )}
    </div>
  );
}
