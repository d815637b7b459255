import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import id from './locales/id.json';

// Bundled catalogues: the station never fetches translations at run time.
void i18next.use(initReactI18next).init({
  resources: { en: { translation: en }, id: { translation: id }, es: { translation: es }, fr: { translation: fr } },
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18next;
