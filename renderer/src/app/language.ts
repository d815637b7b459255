import { useEffect } from 'react';
import i18next from 'i18next';
import { station } from '../station.js';

/** Shows the UI in the station's configured language and follows `settings.changed` live, without a restart. */
export function useStationLanguage(): void {
  useEffect(() => {
    const setDocumentLanguage = (language: string) => {
      document.documentElement.lang = language;
    };
    i18next.on('languageChanged', setDocumentLanguage);
    const unsubscribe = station().subscribe['settings.changed']((settings) => void i18next.changeLanguage(settings.language));
    void station()
      .invoke['settings.get']()
      .then((result) => {
        if (result.ok) void i18next.changeLanguage(result.value.language);
      });
    return () => {
      unsubscribe();
      i18next.off('languageChanged', setDocumentLanguage);
    };
  }, []);
}
