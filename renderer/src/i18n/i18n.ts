import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES } from '../../../shared/settings.js';
import { mergeCatalogues, type Catalogue } from './merge-catalogues.js';

// Bundled catalogues, one file per feature and language (locales/<language>/<feature>.json):
// the station never fetches translations at run time.
const files = import.meta.glob<Catalogue>('./locales/*/*.json', { eager: true, import: 'default' });

const resources = Object.fromEntries(
  LANGUAGES.map((language) => [
    language,
    {
      translation: mergeCatalogues(
        Object.entries(files)
          .filter(([file]) => file.startsWith(`./locales/${language}/`))
          .map(([, catalogue]) => catalogue),
      ),
    },
  ]),
);

void i18next.use(initReactI18next).init({
  resources,
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18next;
