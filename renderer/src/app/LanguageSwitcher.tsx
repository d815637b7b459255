import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, LanguageSchema } from '../../../shared/settings.js';
import type { StationError } from '../../../shared/contract/result.js';
import { station } from '../station.js';
import { errorText } from './errors.js';

/** Each language is named in itself, so someone who cannot read the current one still finds theirs. */
export const LANGUAGE_NAMES = { en: 'English', id: 'Bahasa Indonesia', es: 'Español', fr: 'Français' } as const;

/** Switches the station's language for everyone at once; main persists it in the settings. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [locked, setLocked] = useState(false);
  const [error, setError] = useState<StationError | null>(null);
  useEffect(() => {
    void station()
      .invoke['settings.locked']()
      .then((result) => setLocked(result.ok && result.value.includes('language')));
  }, []);

  const choose = async (value: string) => {
    const language = LanguageSchema.parse(value);
    setError(null);
    const result = await station().invoke['settings.setLanguage']({ language });
    if (result.ok) await i18n.changeLanguage(result.value.language);
    else setError(result.error);
  };

  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t('shell.language')}</label>
      <select
        id={id}
        data-testid="language-switcher"
        value={i18n.resolvedLanguage ?? 'en'}
        disabled={locked}
        aria-describedby={locked ? `${id}-locked` : undefined}
        onChange={(event) => void choose(event.target.value)}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
      {locked && (
        <span id={`${id}-locked`} className="hint">
          {t('settings.lockedHint')}
        </span>
      )}
      {error && (
        <span role="alert" className="field-error">
          {errorText(t, error)}
        </span>
      )}
    </div>
  );
}
