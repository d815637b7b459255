import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ErrorBoundary } from '../../../renderer/src/app/ErrorBoundary.js';
import i18n from '../../../renderer/src/i18n/i18n.js';

const station = createElement('p', null, 'station');

describe('the error boundary', () => {
  it('shows the children while nothing throws', () => {
    expect(renderToStaticMarkup(createElement(ErrorBoundary, null, station))).toBe('<p>station</p>');
  });

  it.each([
    ['en', 'Reload the station'],
    ['fr', 'Recharger la station'],
  ])('in %s: a recoverable screen with the reload button and the error id, never the error words', async (language, reload) => {
    await i18n.changeLanguage(language);
    const reported: string[] = [];
    const boundary = new ErrorBoundary({ children: station, onError: (id) => reported.push(id) });
    const state = ErrorBoundary.getDerivedStateFromError();
    expect(state.errorId).toMatch(/^[0-9A-F]{8}$/);
    boundary.state = state;
    boundary.componentDidCatch(new Error('NIK 3171234567890001 not valid for Siti Rahayu'), { componentStack: '' });
    const markup = renderToStaticMarkup(createElement('div', null, boundary.render()));
    expect(markup).toContain(reload);
    expect(markup).toContain(state.errorId as string);
    expect(markup).not.toContain('3171234567890001');
    expect(markup).not.toContain('station</p>');
    expect(reported).toEqual([state.errorId]);
  });
});
