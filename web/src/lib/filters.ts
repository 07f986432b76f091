/*
 * The dashboard's search: the `JobFilter` and `JobSort` of the GraphQL API, kept as text the way form fields and the
 * address bar hold it. One name per field everywhere: the form field, the parameter in the address (`#/jobs?...`),
 * the `JobFilter` field and the query parameter of GET /export/jobs.csv. Pure: no DOM.
 */

/**
 * The kinds of value a filter field holds, and how each becomes a GraphQL value: `choice` is one of `options` (an
 * enum), `id` is sent as it is (the saved search, picked outside the form).
 */
export type FilterKind = 'text' | 'number' | 'integer' | 'boolean' | 'tristate' | 'date' | 'choice' | 'id';

export interface FilterField {
  /** The `JobFilter` field, the form field and the parameter name. */
  name: string;
  label: string;
  kind: FilterKind;
  /** A short help line under the field. */
  hint?: string;
  /** What the field holds when it is not in the address (only openOnly has one). */
  defaultValue?: string;
  /** The values a `choice` field offers (the empty one, "any", comes first). */
  options?: readonly { value: string; label: string }[];
}

/** `JobStatus`, as the status filter offers it. */
export const STATUS_OPTIONS = [
  { value: '', label: 'Any' },
  { value: 'OPEN', label: 'Open' },
  { value: 'CLOSED', label: 'Closed' },
  { value: 'WITHDRAWN', label: 'Withdrawn' },
] as const;

/** Every field of the API's `JobFilter`, in the order the form shows them. */
export const FILTER_FIELDS: readonly FilterField[] = [
  {
    name: 'keyword',
    label: 'Keywords',
    kind: 'text',
    hint: 'Every word must occur in the title, agency or summary',
  },
  { name: 'locationName', label: 'Location', kind: 'text', hint: 'Part of a place name, e.g. chicago' },
  { name: 'departmentName', label: 'Department', kind: 'text', hint: 'Part of the name, e.g. treasury' },
  { name: 'minSalary', label: 'Pay at least (USD a year)', kind: 'number' },
  { name: 'maxSalary', label: 'Pay at most (USD a year)', kind: 'number' },
  { name: 'minGrade', label: 'Grade from', kind: 'integer', hint: 'e.g. 12 for GS-12' },
  { name: 'maxGrade', label: 'Grade to', kind: 'integer' },
  { name: 'remote', label: 'Remote', kind: 'tristate' },
  { name: 'postedAfter', label: 'Posted after', kind: 'date' },
  {
    name: 'changedSince',
    label: 'New or changed since',
    kind: 'date',
    hint: 'Found, or seen to change, on or after this day',
  },
  {
    name: 'status',
    label: 'Status',
    kind: 'choice',
    options: STATUS_OPTIONS,
    hint: 'When set, “Open jobs only” does not apply',
  },
  { name: 'openOnly', label: 'Open jobs only', kind: 'boolean', defaultValue: 'true' },
  // Picked with the saved-search picker above the form, not in it.
  { name: 'profile', label: 'Saved search', kind: 'id' },
];

export const SORT_FIELDS = [
  { value: 'PUBLICATION_START_DATE', label: 'Date posted' },
  { value: 'APPLICATION_CLOSE_DATE', label: 'Closing date' },
  { value: 'ANNUAL_SALARY_MAX', label: 'Pay (top of range)' },
  { value: 'ANNUAL_SALARY_MIN', label: 'Pay (bottom of range)' },
  { value: 'POSITION_TITLE', label: 'Title' },
] as const;

export type SortField = (typeof SORT_FIELDS)[number]['value'];
export type SortDirection = 'ASC' | 'DESC';

export interface Sort {
  field: SortField;
  direction: SortDirection;
}

/** The API's default order: newest postings first. */
export const DEFAULT_SORT: Readonly<Sort> = { field: 'PUBLICATION_START_DATE', direction: 'DESC' };

/** The search as text, by field name; a field that is not set is absent. */
export type FilterValues = Readonly<Record<string, string>>;

export interface Search {
  filter: FilterValues;
  sort: Sort;
}

/** The filter with the saved search set to `profile` (empty: none, all stored jobs). */
export function withProfile(filter: FilterValues, profile: string): FilterValues {
  const { profile: _previous, ...rest } = filter;
  return profile === '' ? rest : { ...rest, profile };
}

/** The search in the address bar's parameters: unknown names and defaults left out. */
export function searchFromParams(params: URLSearchParams): Search {
  const filter: Record<string, string> = {};
  for (const field of FILTER_FIELDS) {
    const value = params.get(field.name)?.trim();
    if (value) filter[field.name] = value;
  }
  const field = SORT_FIELDS.find((f) => f.value === params.get('sort'))?.value;
  const direction = params.get('direction');
  return {
    filter,
    sort: {
      field: field ?? DEFAULT_SORT.field,
      direction:
        direction === 'ASC' || direction === 'DESC' ? direction : field ? 'ASC' : DEFAULT_SORT.direction,
    },
  };
}

/**
 * The parameters of a search, for the address bar and for GET /export/jobs.csv (which reads the same names): set
 * fields that differ from their defaults, then the sort when it is not the default one.
 */
export function paramsOfSearch(search: Search): URLSearchParams {
  const params = new URLSearchParams();
  for (const field of FILTER_FIELDS) {
    const value = search.filter[field.name];
    if (value !== undefined && value !== '' && value !== field.defaultValue) params.set(field.name, value);
  }
  if (search.sort.field !== DEFAULT_SORT.field || search.sort.direction !== DEFAULT_SORT.direction) {
    params.set('sort', search.sort.field);
    params.set('direction', search.sort.direction);
  }
  return params;
}

/** A filter value the form cannot turn into what the API expects. */
export class FilterValueError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The `JobFilter` variables of a search: numbers as numbers, booleans as booleans, a date as midnight UTC.
 *
 * @throws FilterValueError naming the field when a value is not a number, a whole number or a date
 */
export function jobFilterOf(values: FilterValues): Record<string, string | number | boolean> {
  const filter: Record<string, string | number | boolean> = {};
  for (const field of FILTER_FIELDS) {
    const raw = values[field.name] ?? field.defaultValue;
    if (raw === undefined || raw.trim() === '') continue;
    const value = raw.trim();
    switch (field.kind) {
      case 'text':
      case 'id':
        filter[field.name] = value;
        break;
      case 'choice':
        if (!field.options?.some((option) => option.value === value)) {
          throw new FilterValueError(field.name, `${field.label}: "${value}" is not one of the choices`);
        }
        filter[field.name] = value;
        break;
      case 'number':
      case 'integer': {
        const n = Number(value);
        if (!Number.isFinite(n))
          throw new FilterValueError(field.name, `${field.label}: "${value}" is not a number`);
        if (field.kind === 'integer' && !Number.isInteger(n)) {
          throw new FilterValueError(field.name, `${field.label}: must be a whole number`);
        }
        filter[field.name] = n;
        break;
      }
      case 'boolean':
      case 'tristate':
        filter[field.name] = value === 'true';
        break;
      case 'date':
        if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
          throw new FilterValueError(field.name, `${field.label}: "${value}" is not a date`);
        }
        filter[field.name] = `${value}T00:00:00.000Z`;
        break;
    }
  }
  return filter;
}

/** The `JobSort` variable: null for the default order (the API's own default). */
export function jobSortOf(sort: Sort): Sort | null {
  return sort.field === DEFAULT_SORT.field && sort.direction === DEFAULT_SORT.direction ? null : sort;
}

/** The address of the CSV export of a search. */
export function exportUrlOf(search: Search): string {
  const query = paramsOfSearch(search).toString();
  return `/export/jobs.csv${query ? `?${query}` : ''}`;
}
