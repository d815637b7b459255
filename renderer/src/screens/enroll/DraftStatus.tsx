import { useTranslation } from 'react-i18next';
import { errorText } from '../../app/errors.js';
import type { DraftSaveState } from './useDraftAutosave.js';

/** Says whether the enrollment in progress is safe as the operator's draft; quiet until the first save. */
export function DraftStatus({ state }: { state: DraftSaveState }) {
  const { t } = useTranslation();
  if (state.kind === 'idle') return null;
  return (
    <p className={state.kind === 'failed' ? 'panel warn' : 'draft-status'} data-testid="draft-status" data-state={state.kind} role="status">
      {state.kind === 'saved' ? t('drafts.saved') : t('drafts.notSaved', { reason: errorText(t, state.error) })}
    </p>
  );
}
