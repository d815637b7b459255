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

describe('renderer errors for the station log', () => {
  it('carry the error id, the kind and the stack frames, never the message', async () => {
    const { rendererError } = await import('../../../renderer/src/app/error-reporting.js');
    const { RendererErrorSchema } = await import('../../../shared/contract/diagnostics.js');
    const report = rendererError('render', new TypeError('NIK 3171234567890001 not valid for Siti Rahayu'), 'ABCDEF12');
    expect(RendererErrorSchema.parse(report)).toEqual(report);
    expect(report).toMatchObject({ errorId: 'ABCDEF12', source: 'render', errorName: 'TypeError' });
    expect(report.frames).toContain('error-boundary.test');
    expect(JSON.stringify(report)).not.toMatch(/3171234567890001|Siti/);
    expect(rendererError('rejection', 'a string reason with Siti', 'ABCDEF12')).toMatchObject({ errorName: 'string', frames: '' });
  });
});
