import type { ComponentChildren } from 'preact';

/** What ties a control to its label and to the texts under it; spread onto the control. */
export interface FieldControlAttributes {
  id: string;
  name: string;
  'aria-describedby'?: string;
  'aria-invalid'?: 'true';
}

/**
 * One labelled field of a form: the label, the control, and under it the error (when the value was refused) and the
 * hint, both of which describe the control to screen readers. A checkbox comes before its label. A required field's
 * label ends in a star that screen readers skip (the control's own `required` says it to them).
 */
export function FormField({
  id,
  name,
  label,
  hint,
  error,
  invalid = error !== undefined,
  required = false,
  checkbox = false,
  control,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  /** Why the value was refused, said under the field. */
  error?: string;
  /** Marks the control invalid; default: when there is an error (the form's alert may say why instead). */
  invalid?: boolean;
  required?: boolean;
  checkbox?: boolean;
  /** Renders the control with the given attributes. */
  control: (attributes: FieldControlAttributes) => ComponentChildren;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error !== undefined ? `${id}-error` : undefined;
  const input = control({
    id,
    name,
    'aria-describedby': [errorId, hintId].filter(Boolean).join(' ') || undefined,
    'aria-invalid': invalid ? 'true' : undefined,
  });
  const below = (
    <>
      {error !== undefined && (
        <span id={errorId} class="field-error">
          {error}
        </span>
      )}
      {hint && (
        <span id={hintId} class="hint">
          {hint}
        </span>
      )}
    </>
  );
  if (checkbox) {
    return (
      <div class="field field-checkbox">
        {input}
        <label for={id}>{label}</label>
        {below}
      </div>
    );
  }
  return (
    <div class="field">
      <label for={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {input}
      {below}
    </div>
  );
}

/** The checkbox of a field whose value is the text `true` or `false`. */
export function BooleanCheckbox({
  value,
  onChange,
  ...attributes
}: FieldControlAttributes & { value: string; onChange: (value: string) => void }) {
  return (
    <input
      {...attributes}
      type="checkbox"
      checked={value === 'true'}
      onChange={(event) => onChange((event.currentTarget as HTMLInputElement).checked ? 'true' : 'false')}
    />
  );
}
