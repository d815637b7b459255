import { useId, type Ref } from 'react';
import type { StationError } from '../../../shared/contract/result.js';

/** Whether main's refusal is about the operator's name, so it is told at the name field rather than under the form. */
export const isNameError = (error: StationError | null): boolean =>
  error !== null && (error.code === 'operator_name_taken' || (error.code === 'invalid_input' && String(error.params?.field ?? '').startsWith('name')));

/** An operator's name with what is wrong with it right under it (first run and new operators). */
export function OperatorNameField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** The translated problem, or null. */
  problem: string | null;
  inputRef?: Ref<HTMLInputElement>;
  autoComplete: string;
  autoFocus?: boolean;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        ref={props.inputRef}
        autoComplete={props.autoComplete}
        value={props.value}
        aria-invalid={props.problem !== null}
        aria-describedby={props.problem ? `${id}-error` : undefined}
        onChange={(event) => props.onChange(event.target.value)}
        autoFocus={props.autoFocus}
      />
      {props.problem && (
        <p id={`${id}-error`} role="alert" className="field-error">
          {props.problem}
        </p>
      )}
    </div>
  );
}
