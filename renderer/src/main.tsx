import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.js';
import { reportUncaughtErrors } from './app/error-reporting.js';
import { exposeRendererSelfTest } from './self-test/expose-self-test.js';
import './i18n/i18n.js';
import './styles.css';
import './app/app.css';

reportUncaughtErrors(window);
exposeRendererSelfTest(window);
createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
