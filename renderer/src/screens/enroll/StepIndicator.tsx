import { useTranslation } from 'react-i18next';
import type { EnrollStep } from './wizard-steps.js';

/** Where the clerk is in the wizard; the current step carries aria-current so screen readers say it. */
export function StepIndicator({ steps, current }: { steps: readonly EnrollStep[]; current: EnrollStep }) {
  const { t } = useTranslation();
  const currentIndex = steps.indexOf(current);
  return (
    <ol className="step-indicator" aria-label={t('enroll.steps.label')}>
      {steps.map((step, index) => (
        <li key={step} aria-current={step === current ? 'step' : undefined} className={index < currentIndex ? 'done' : undefined}>
          <span className="step-number" aria-hidden="true">
            {index < currentIndex ? '✓' : index + 1}
          </span>
          {t(`enroll.steps.${step}`)}
          {index < currentIndex && <span className="visually-hidden">{t('enroll.steps.done')}</span>}
        </li>
      ))}
    </ol>
  );
}
