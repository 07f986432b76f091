import { useEffect, useRef, useState } from 'preact/hooks';

import {
  formValuesOf,
  PROFILE_FORM_FIELDS,
  type ProfileField,
  type ProfileFormField,
  type ProfileFormValues,
  type SearchProfile,
} from '../lib/profiles';
import { BooleanCheckbox, type FieldControlAttributes, FormField } from './form-field';

/**
 * The form of a saved search, new or existing: one labelled field per `SearchProfile` field. The API checks the
 * values (the browser's own checks are off, so its messages are the ones shown); a field it refused is marked
 * invalid, says why under it, and takes the focus.
 */
export function ProfileForm({
  profile,
  errors,
  problem,
  busy,
  onSave,
  onCancel,
}: {
  /** The saved search edited; null: a new one. */
  profile: SearchProfile | null;
  /** What was said about each refused field. */
  errors: Partial<Record<ProfileField, string>>;
  /** Why the last save failed, in full. */
  problem: string | null;
  busy: boolean;
  onSave: (values: ProfileFormValues) => void;
  onCancel: () => void;
}) {
  const [values, setValues] = useState<ProfileFormValues>(() => formValuesOf(profile));
  useEffect(() => setValues(formValuesOf(profile)), [profile?.id]);
  const form = useRef<HTMLFormElement>(null);
  const titleId = 'profile-form-title';

  // A refusal sends the focus to the first field it names (the alert above says it all).
  const firstInvalid = PROFILE_FORM_FIELDS.find((field) => errors[field.name] !== undefined)?.name;
  useEffect(() => {
    if (firstInvalid) form.current?.querySelector<HTMLElement>(`#profile-${firstInvalid}`)?.focus();
  }, [errors]);
  useEffect(() => {
    form.current?.querySelector<HTMLElement>('#profile-name')?.focus();
  }, [profile?.id]);

  return (
    <section class="panel profile-form" aria-labelledby={titleId}>
      <h2 id={titleId}>{profile ? `Edit “${profile.name}”` : 'New saved search'}</h2>
      <form
        ref={form}
        noValidate
        aria-labelledby={titleId}
        onSubmit={(event) => {
          event.preventDefault();
          onSave(values);
        }}
      >
        {problem && (
          <div class="alert" role="alert" id="profile-form-problem">
            <p>The saved search was not saved: {problem}</p>
          </div>
        )}
        <div class="filter-grid">
          {PROFILE_FORM_FIELDS.map((field) => (
            <ProfileInput
              key={field.name}
              field={field}
              value={values[field.name]}
              error={errors[field.name]}
              onChange={(value) => setValues((v) => ({ ...v, [field.name]: value }))}
            />
          ))}
        </div>
        <div class="form-actions">
          <button type="submit" disabled={busy}>
            {profile ? 'Save changes' : 'Create saved search'}
          </button>
          <button type="button" class="button-secondary" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}

function ProfileInput({
  field,
  value,
  error,
  onChange,
}: {
  field: ProfileFormField;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}) {
  const onInput = (event: Event): void => onChange((event.currentTarget as HTMLInputElement).value);
  const control = (attributes: FieldControlAttributes) => {
    if (field.kind === 'boolean')
      return <BooleanCheckbox {...attributes} value={value} onChange={onChange} />;
    if (field.kind === 'integer' || field.kind === 'number') {
      return (
        <input
          {...attributes}
          type="number"
          value={value}
          min={field.min}
          max={field.max}
          step={field.kind === 'integer' ? 1 : 'any'}
          inputMode={field.kind === 'integer' ? 'numeric' : 'decimal'}
          onInput={onInput}
        />
      );
    }
    return (
      <input
        {...attributes}
        type="text"
        value={value}
        required={field.required}
        maxLength={field.maxLength}
        autocomplete="off"
        onInput={onInput}
      />
    );
  };
  return (
    <FormField
      id={`profile-${field.name}`}
      name={field.name}
      label={field.label}
      hint={field.hint}
      error={error}
      required={field.required}
      checkbox={field.kind === 'boolean'}
      control={control}
    />
  );
}
