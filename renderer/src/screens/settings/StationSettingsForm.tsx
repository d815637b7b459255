import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useRef, useState } from 'react';
import { useForm, type FieldError, type Path, type UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { StationError } from '../../../../shared/contract/result.js';
import { PROVIDERS } from '../../../../shared/providers/index.js';
import { PROVIDER_IDS, type ProviderId } from '../../../../shared/providers/ids.js';
import {
  CAPTURE_THRESHOLDS,
  IDLE_LOCK_MINUTES_RANGE,
  DRAFT_EXPIRY_HOURS_RANGE,
  EXPECTED_PEOPLE_RETENTION_DAYS_RANGE,
  LANGUAGES,
  RETENTION_DAYS_RANGE,
  StationSettingsSchema,
  type StationSettings,
} from '../../../../shared/settings.js';
import { ConfirmDialog } from '../../app/ConfirmDialog.js';
import { LANGUAGE_NAMES } from '../../app/LanguageSwitcher.js';
import { useGuardedCall } from '../../app/session.js';
import { station } from '../../station.js';
import { FormActions } from './FormActions.js';
import { addressValue, changedSettings, providerValue, settingsErrorText, thresholdGroups, thresholdLabel } from './settings-form.js';
import { SettingField } from './SettingField.js';

export interface StationSettingsFormProps {
  readonly saved: StationSettings;
  /** Fields the provisioning file fixes: shown read-only, never sent. */
  readonly locked: readonly string[];
  readonly onSaved: (settings: StationSettings) => void;
  /** The provider chosen in the form (saved or not), so the credentials panel can follow it. */
  readonly onProviderChange: (provider: ProviderId | null) => void;
}

/** Provider, addresses, station behaviour and capture thresholds, validated against StationSettingsSchema; saved after a confirmation. */
export function StationSettingsForm({ saved, locked, onSaved, onProviderChange }: StationSettingsFormProps) {
  const { t } = useTranslation();
  const guarded = useGuardedCall();
  const id = useId();
  const [pending, setPending] = useState<StationSettings | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<StationError | null>(null);
  const form = useForm<StationSettings>({ resolver: zodResolver(StationSettingsSchema), defaultValues: saved, reValidateMode: 'onChange' });
  const { register, handleSubmit, watch, reset, formState } = form;
  const errors = formState.errors;
  const providerId = watch('providerId');
  const isLocked = (field: string) => locked.includes(field);
  const [thresholdsOpen, setThresholdsOpen] = useState(false);

  useEffect(() => onProviderChange(providerId), [providerId, onProviderChange]);
  // Another provider lives at another address: switching shows its own (the saved one when switching back), never the last one's.
  const shownProvider = useRef(providerId);
  useEffect(() => {
    if (shownProvider.current === providerId) return;
    shownProvider.current = providerId;
    const own = providerId === saved.providerId;
    if (!locked.includes('endpoint')) form.setValue('endpoint', own ? saved.endpoint : null, { shouldDirty: true });
    if (!locked.includes('verifyEndpoint')) form.setValue('verifyEndpoint', own ? saved.verifyEndpoint : null, { shouldDirty: true });
  }, [providerId, saved, locked, form]);
  // Saved values that changed elsewhere replace the untouched fields, so saving never writes back a stale value.
  useEffect(() => reset(saved, { keepDirtyValues: true }), [saved, reset]);

  const save = async () => {
    if (!pending) return;
    const patch = changedSettings(saved, pending, locked);
    setPending(null);
    const result = await guarded(station().invoke['settings.update'](patch));
    if (!result.ok) return setError(result.error);
    setError(null);
    reset(result.value);
    onSaved(result.value);
    setNotice(t('settings.saved'));
  };

  const fieldError = (field: Parameters<typeof settingsErrorText>[1], found: FieldError | undefined) =>
    found ? settingsErrorText(t, field, found) : undefined;

  return (
    <form
      className="settings-form"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => {
        setNotice('');
        void handleSubmit((values) => {
          if (Object.keys(changedSettings(saved, values, locked)).length === 0) setNotice(t('settingsScreen.noChanges'));
          else setPending(values);
        })(event);
      }}
    >
      <h3 id={`${id}-title`} className="visually-hidden">
        {t('screens.settings.title')}
      </h3>

      <fieldset>
        <legend>{t('settings.providerSection')}</legend>
        <SettingField id={`${id}-provider`} label={t('screens.settings.provider')} locked={isLocked('providerId')}>
          {(control) =>
            isLocked('providerId') ? (
              <input
                id={control.id}
                readOnly
                aria-describedby={control.describedBy}
                value={saved.providerId ? t(`providers.${saved.providerId}`) : t('screens.settings.notSet')}
              />
            ) : (
              <select id={control.id} aria-describedby={control.describedBy} {...register('providerId', { setValueAs: providerValue })}>
                <option value="">{t('settingsScreen.chooseProvider')}</option>
                {PROVIDER_IDS.map((provider) => (
                  <option key={provider} value={provider}>
                    {t(`providers.${provider}`)}
                  </option>
                ))}
              </select>
            )
          }
        </SettingField>
        <AddressField
          id={`${id}-endpoint`}
          name="endpoint"
          label={t('screens.settings.endpoint')}
          hint={t('settings.endpointHint')}
          locked={isLocked('endpoint')}
          saved={saved.endpoint}
          register={register}
          error={fieldError('endpoint', errors.endpoint)}
        />
        {providerId !== null && PROVIDERS[providerId].separateVerifyEndpoint && (
          <AddressField
            id={`${id}-verify-endpoint`}
            name="verifyEndpoint"
            label={t('settings.verifyEndpoint')}
            hint={t('settings.verifyEndpointHint')}
            locked={isLocked('verifyEndpoint')}
            saved={saved.verifyEndpoint}
            register={register}
            error={fieldError('verifyEndpoint', errors.verifyEndpoint)}
          />
        )}
      </fieldset>

      <fieldset disabled={isLocked('resendUnknownOutcome')} data-testid="resend-unknown-outcome">
        <legend>{t('outcomeUnknown.settingLegend')}</legend>
        <p className="hint">{t('outcomeUnknown.settingHint')}</p>
        {PROVIDER_IDS.map((provider) => (
          <label key={provider} className="checkbox">
            <input type="checkbox" value={provider} {...register('resendUnknownOutcome')} /> {t(`providers.${provider}`)}
          </label>
        ))}
      </fieldset>

      <fieldset>
        <legend>{t('settings.stationSection')}</legend>
        <NumberField
          id={`${id}-retention`}
          name="retentionDays"
          label={t('settings.retentionDays')}
          hint={t('settings.retentionHint', RETENTION_DAYS_RANGE)}
          range={{ ...RETENTION_DAYS_RANGE, step: 1 }}
          locked={isLocked('retentionDays')}
          saved={saved.retentionDays}
          register={register}
          error={fieldError('retentionDays', errors.retentionDays)}
        />
        <NumberField
          id={`${id}-idle`}
          name="idleLockMinutes"
          label={t('settings.idleLockMinutes')}
          hint={t('settings.idleLockHint', IDLE_LOCK_MINUTES_RANGE)}
          range={{ ...IDLE_LOCK_MINUTES_RANGE, step: 1 }}
          locked={isLocked('idleLockMinutes')}
          saved={saved.idleLockMinutes}
          register={register}
          error={fieldError('idleLockMinutes', errors.idleLockMinutes)}
        />
        <NumberField
          id={`${id}-draft-expiry`}
          name="draftExpiryHours"
          label={t('drafts.expiryHours')}
          hint={t('drafts.expiryHint', DRAFT_EXPIRY_HOURS_RANGE)}
          range={{ ...DRAFT_EXPIRY_HOURS_RANGE, step: 1 }}
          locked={isLocked('draftExpiryHours')}
          saved={saved.draftExpiryHours}
          register={register}
          error={fieldError('draftExpiryHours', errors.draftExpiryHours)}
        />
        <NumberField
          id={`${id}-expected-people-retention`}
          name="expectedPeopleRetentionDays"
          label={t('expectedPeople.retentionDays')}
          hint={t('expectedPeople.retentionHint', EXPECTED_PEOPLE_RETENTION_DAYS_RANGE)}
          range={{ ...EXPECTED_PEOPLE_RETENTION_DAYS_RANGE, step: 1 }}
          locked={isLocked('expectedPeopleRetentionDays')}
          saved={saved.expectedPeopleRetentionDays}
          register={register}
          error={fieldError('expectedPeopleRetentionDays', errors.expectedPeopleRetentionDays)}
        />
        <SettingField
          id={`${id}-reference-prefix`}
          label={t('settingsHelp.referencePrefix')}
          hint={t('settingsHelp.referencePrefixHint')}
          locked={isLocked('referencePrefix')}
          error={fieldError('referencePrefix', errors.referencePrefix)}
        >
          {(control) => (
            <input
              id={control.id}
              aria-describedby={control.describedBy}
              aria-invalid={errors.referencePrefix !== undefined}
              maxLength={4}
              readOnly={isLocked('referencePrefix')}
              {...register('referencePrefix', { setValueAs: (value: string) => value.trim().toUpperCase() })}
            />
          )}
        </SettingField>
        <div className="field">
          <label className="checkbox">
            <input type="checkbox" disabled={isLocked('requireApproval')} aria-describedby={`${id}-approval-hint`} {...register('requireApproval')} />{' '}
            {t('approval.setting')}
          </label>
          <span id={`${id}-approval-hint`} className="hint">
            {t('approval.settingHint')}
          </span>
        </div>
        <SettingField id={`${id}-language`} label={t('settingsScreen.language')} locked={isLocked('language')}>
          {(control) =>
            isLocked('language') ? (
              <input id={control.id} readOnly aria-describedby={control.describedBy} value={LANGUAGE_NAMES[saved.language]} />
            ) : (
              <select id={control.id} aria-describedby={control.describedBy} {...register('language')}>
                {LANGUAGES.map((language) => (
                  <option key={language} value={language} lang={language}>
                    {LANGUAGE_NAMES[language]}
                  </option>
                ))}
              </select>
            )
          }
        </SettingField>
      </fieldset>

      {/* About 25 numbers few stations change: folded, so Save stays next to the sections above; they save from inside too. */}
      <details
        className="threshold-details"
        data-testid="threshold-details"
        open={thresholdsOpen || errors.captureThresholds !== undefined}
        onToggle={(event) => setThresholdsOpen(event.currentTarget.open)}
      >
        <summary>{t('settingsHelp.thresholdsSummary')}</summary>
        {thresholdGroups().map(({ group, names }) => (
          <fieldset key={group} className="thresholds">
            <legend>{t(`settings.thresholdGroups.${group}`, { defaultValue: group })}</legend>
            {isLocked('captureThresholds') && <p className="hint locked-hint">{t('settings.lockedHint')}</p>}
            {names.map((name) => (
              <NumberField
                key={name}
                id={`${id}-threshold-${name}`}
                name={`captureThresholds.${name}`}
                label={thresholdLabel(t, name)}
                hint={t('settings.rangeHint', CAPTURE_THRESHOLDS[name])}
                range={CAPTURE_THRESHOLDS[name]}
                locked={isLocked('captureThresholds')}
                lockNoteInGroup
                saved={saved.captureThresholds[name]}
                register={register}
                error={fieldError(`captureThresholds.${name}`, errors.captureThresholds?.[name])}
              />
            ))}
          </fieldset>
        ))}
        <div className="actions">
          <button type="submit" className="primary" data-testid="settings-save-thresholds">
            {t('settings.save')}
          </button>
        </div>
      </details>

      <FormActions label={t('settings.save')} testId="settings-save" notice={notice} error={error} />

      {pending && (
        <ConfirmDialog
          open
          title={t('settings.confirmTitle')}
          confirmLabel={t('settings.confirmSave')}
          onConfirm={() => void save()}
          onCancel={() => setPending(null)}
        >
          <p>{t('settings.confirmBody')}</p>
        </ConfirmDialog>
      )}
    </form>
  );
}

type AddressName = 'endpoint' | 'verifyEndpoint';
type NumberName = Extract<
  Path<StationSettings>,
  'retentionDays' | 'idleLockMinutes' | 'draftExpiryHours' | 'expectedPeopleRetentionDays' | `captureThresholds.${string}`
>;

interface ControlProps<Name> {
  readonly id: string;
  readonly lockNoteInGroup?: boolean;
  readonly name: Name;
  readonly label: string;
  readonly hint: string;
  readonly locked: boolean;
  readonly register: UseFormRegister<StationSettings>;
  readonly error: string | undefined;
}

function AddressField({ saved, register, name, ...field }: ControlProps<AddressName> & { saved: string | null }) {
  const { t } = useTranslation();
  return (
    <SettingField {...field}>
      {(control) => (
        <input
          id={control.id}
          type="url"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={control.describedBy}
          aria-invalid={control.invalid}
          {...(field.locked ? { readOnly: true, value: saved ?? t('screens.settings.notSet') } : register(name, { setValueAs: addressValue }))}
        />
      )}
    </SettingField>
  );
}

function NumberField({
  saved,
  register,
  name,
  range,
  ...field
}: ControlProps<NumberName> & { saved: number; range: { min: number; max: number; step: number } }) {
  return (
    <SettingField {...field}>
      {(control) => (
        <input
          id={control.id}
          type="number"
          inputMode="decimal"
          min={range.min}
          max={range.max}
          step={range.step}
          aria-describedby={control.describedBy}
          aria-invalid={control.invalid}
          {...(field.locked ? { readOnly: true, value: saved } : register(name, { valueAsNumber: true }))}
        />
      )}
    </SettingField>
  );
}
