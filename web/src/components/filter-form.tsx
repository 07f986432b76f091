import { useEffect, useState } from 'preact/hooks';

import { FILTER_FIELDS, type FilterField, type FilterValues } from '../lib/filters';
import { BooleanCheckbox, type FieldControlAttributes, FormField } from './form-field';

/** Always shown: what most searches use. The others are one click away, under "More filters". */
const PRIMARY_NAMES = ['keyword', 'locationName', 'openOnly'];
const PRIMARY = FILTER_FIELDS.filter((field) => PRIMARY_NAMES.includes(field.name));
// The saved search (kind `id`) has a picker of its own, above the form.
const PICKED = new Set(FILTER_FIELDS.filter((field) => field.kind === 'id').map((field) => field.name));
const MORE = FILTER_FIELDS.filter((field) => !PRIMARY_NAMES.includes(field.name) && !PICKED.has(field.name));

/**
 * The search form: one labelled field per `JobFilter` field but the saved search (see ProfilePicker). Nothing is sent
 * while typing: the search runs when the form is submitted (Enter or the Search button), so a keyboard or screen
 * reader user is not interrupted. `onSearch` gets the form's fields only: the caller keeps the saved search.
 */
export function FilterForm({
  values,
  onSearch,
  invalidFields = [],
}: {
  values: FilterValues;
  onSearch: (values: FilterValues) => void;
  /** The fields the last search was refused for: marked invalid. */
  invalidFields?: readonly string[];
}) {
  const [draft, setDraft] = useState<Record<string, string>>({ ...values });
  useEffect(() => setDraft({ ...values }), [values]);
  const set = (name: string, value: string): void => setDraft((d) => ({ ...d, [name]: value }));
  const isSet = (field: FilterField): boolean => {
    const value = values[field.name];
    return value !== undefined && value !== '' && value !== field.defaultValue;
  };
  const moreSet = MORE.filter(isSet).length;
  // The other filters open by themselves when one of them is set or refused, so nothing in force is hidden.
  const [moreOpen, setMoreOpen] = useState(false);
  useEffect(() => {
    if (moreSet > 0 || MORE.some((field) => invalidFields.includes(field.name))) setMoreOpen(true);
  }, [moreSet, invalidFields.join(',')]);
  const input = (field: FilterField) => (
    <FilterInput
      key={field.name}
      field={field}
      value={draft[field.name] ?? field.defaultValue ?? ''}
      invalid={invalidFields.includes(field.name)}
      onChange={(value) => set(field.name, value)}
    />
  );

  return (
    <form
      class="filter-form"
      aria-label="Search jobs"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(Object.fromEntries(Object.entries(draft).filter(([name]) => !PICKED.has(name))));
      }}
    >
      <div class="filter-grid">{PRIMARY.map(input)}</div>
      <details
        class="more-filters"
        open={moreOpen}
        onToggle={(event) => setMoreOpen((event.currentTarget as HTMLDetailsElement).open)}
      >
        <summary>More filters{moreSet > 0 ? ` (${moreSet} set)` : ''}</summary>
        <div class="filter-grid">{MORE.map(input)}</div>
      </details>
      <div class="form-actions">
        <button type="submit">Search</button>
        <button type="button" class="button-secondary" onClick={() => onSearch({})}>
          Clear filters
        </button>
      </div>
    </form>
  );
}

/** The remote filter's three states, offered as the choices of a select. */
const TRISTATE_OPTIONS = [
  { value: '', label: 'Any' },
  { value: 'true', label: 'Remote only' },
  { value: 'false', label: 'Not remote' },
];

function FilterInput({
  field,
  value,
  invalid,
  onChange,
}: {
  field: FilterField;
  value: string;
  invalid: boolean;
  onChange: (value: string) => void;
}) {
  const onInput = (event: Event): void => onChange((event.currentTarget as HTMLInputElement).value);
  const control = (attributes: FieldControlAttributes) => {
    if (field.kind === 'boolean')
      return <BooleanCheckbox {...attributes} value={value} onChange={onChange} />;
    if (field.kind === 'choice' || field.kind === 'tristate') {
      return (
        <select
          {...attributes}
          value={value}
          onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value)}
        >
          {(field.kind === 'tristate' ? TRISTATE_OPTIONS : (field.options ?? [])).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
    }
    if (field.kind === 'date') return <input {...attributes} type="date" value={value} onInput={onInput} />;
    if (field.kind === 'number' || field.kind === 'integer') {
      const integer = field.kind === 'integer';
      return (
        <input
          {...attributes}
          type="number"
          value={value}
          min={0}
          step={integer ? 1 : 'any'}
          inputMode={integer ? 'numeric' : 'decimal'}
          onInput={onInput}
        />
      );
    }
    return <input {...attributes} type="search" value={value} maxLength={200} onInput={onInput} />;
  };
  return (
    <FormField
      id={`filter-${field.name}`}
      name={field.name}
      label={field.label}
      hint={field.hint}
      invalid={invalid}
      checkbox={field.kind === 'boolean'}
      control={control}
    />
  );
}
