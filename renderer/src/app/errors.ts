import type { TFunction } from 'i18next';
import type { StationError } from '../../../shared/contract/result.js';

/** A station error in the operator's language: its code is the key `errors.<code>`. */
export const errorText = (t: TFunction, error: StationError): string => t(`errors.${error.code}`, { ...error.params, defaultValue: t('errors.internal') });
