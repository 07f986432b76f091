/*
 * Saved searches (`SearchProfile`) in the dashboard: how one reads in a line, and its form — the text each field holds,
 * the `CreateSearchProfileInput` / `UpdateSearchProfileInput` made of it, and the API's refusals put back on the
 * fields they name. Pure: no DOM.
 */

import { formatUsd } from './format';

/** A saved search as the API returns it. */
export interface SearchProfile {
  id: string;
  name: string;
  keyword: string | null;
  locationName: string | null;
  radiusMiles: number;
  includeRemote: boolean;
  yearsOfExperience: number;
  payPlans: string[];
  minSalary: number | null;
  jobCategoryCodes: string[];
  organizationCodes: string[];
  enabled: boolean;
  /** Who gets its digest by e-mail (empty: DIGEST_TO); null when read without the admin token. */
  digestTo?: string[] | null;
  createdAt: string;
  updatedAt: string;
}

/** What a saved search looks for, in one line: e.g. “data engineering” within 50 miles of Chicago, Illinois, … */
export function describeProfile(p: SearchProfile): string {
  const parts: string[] = [];
  parts.push(p.keyword ? `“${p.keyword}”` : 'any keyword');
  if (p.locationName) {
    parts.push(
      `within ${p.radiusMiles} miles of ${p.locationName}${p.includeRemote ? ', and remote jobs anywhere' : ''}`,
    );
  } else {
    parts.push(p.includeRemote ? 'anywhere, remote jobs included' : 'anywhere, not remote');
  }
  parts.push(`${p.yearsOfExperience} ${p.yearsOfExperience === 1 ? 'year' : 'years'} of experience`);
  if (p.payPlans.length > 0) parts.push(`pay plans ${p.payPlans.join(', ')}`);
  if (p.minSalary != null) parts.push(`at least ${formatUsd(p.minSalary)} a year`);
  if (p.jobCategoryCodes.length > 0) parts.push(`series ${p.jobCategoryCodes.join(', ')}`);
  if (p.organizationCodes.length > 0) parts.push(`agencies ${p.organizationCodes.join(', ')}`);
  return parts.join(' · ');
}

/** The fields of the form: every field of `SearchProfile` a person sets. */
export type ProfileField =
  | 'name'
  | 'keyword'
  | 'locationName'
  | 'radiusMiles'
  | 'includeRemote'
  | 'yearsOfExperience'
  | 'payPlans'
  | 'minSalary'
  | 'jobCategoryCodes'
  | 'organizationCodes'
  | 'digestTo'
  | 'enabled';

export interface ProfileFormField {
  name: ProfileField;
  label: string;
  kind: 'text' | 'integer' | 'number' | 'codes' | 'addresses' | 'boolean';
  hint?: string;
  /** Bounds of numbers (the API's; the form leaves checking them to the API, which names the field). */
  min?: number;
  max?: number;
  /** Of texts: what the API takes (100 for the name, 200 for the others; a list of codes is longer). */
  maxLength?: number;
  required?: boolean;
}

/** In the order the form shows them. */
export const PROFILE_FORM_FIELDS: readonly ProfileFormField[] = [
  {
    name: 'name',
    label: 'Name',
    kind: 'text',
    required: true,
    maxLength: 100,
    hint: 'Unique, e.g. remote data science',
  },
  {
    name: 'keyword',
    label: 'Keywords',
    kind: 'text',
    maxLength: 200,
    hint: 'Sent to USAJOBS: every word (or a synonym) must occur in the announcement',
  },
  {
    name: 'locationName',
    label: 'Location',
    kind: 'text',
    maxLength: 200,
    hint: 'e.g. Chicago, Illinois; empty: anywhere',
  },
  { name: 'radiusMiles', label: 'Radius (miles)', kind: 'integer', min: 0, max: 500, hint: '0 to 500' },
  {
    name: 'includeRemote',
    label: 'Include remote jobs',
    kind: 'boolean',
    hint: 'Remote postings fit wherever they are',
  },
  {
    name: 'yearsOfExperience',
    label: 'Years of experience',
    kind: 'integer',
    min: 0,
    max: 60,
    hint: 'Whole years, 0 to 60: GS jobs are kept when their grades fit (5 years: GS-11 to 13)',
  },
  {
    name: 'payPlans',
    label: 'Pay plans',
    kind: 'codes',
    hint: 'Codes separated by commas, e.g. GS, GG; empty: every pay plan',
  },
  {
    name: 'minSalary',
    label: 'Pay at least (USD a year)',
    kind: 'number',
    min: 0,
    hint: 'Empty: no minimum',
  },
  {
    name: 'jobCategoryCodes',
    label: 'Occupational series',
    kind: 'codes',
    hint: '4-digit codes separated by commas, e.g. 2210, 1560; empty: any',
  },
  {
    name: 'organizationCodes',
    label: 'Agencies',
    kind: 'codes',
    hint: 'Agency codes separated by commas, e.g. TR, HE38; empty: any',
  },
  {
    name: 'digestTo',
    label: 'Digest e-mailed to',
    kind: 'addresses',
    hint: 'Addresses separated by commas, at most 10; empty: DIGEST_TO. Shown with the admin token only',
  },
  { name: 'enabled', label: 'Enabled', kind: 'boolean', hint: 'Included in runs over every saved search' },
];

/** The form's fields as text ('true' / 'false' for the boxes), by field name. */
export type ProfileFormValues = Record<ProfileField, string>;

/** A new saved search starts with the API's defaults. */
const NEW_PROFILE: ProfileFormValues = {
  name: '',
  keyword: '',
  locationName: '',
  radiusMiles: '50',
  includeRemote: 'true',
  yearsOfExperience: '5',
  payPlans: '',
  minSalary: '',
  jobCategoryCodes: '',
  organizationCodes: '',
  digestTo: '',
  enabled: 'true',
};

/** The form of a saved search, or of a new one. */
export function formValuesOf(profile: SearchProfile | null): ProfileFormValues {
  if (!profile) return { ...NEW_PROFILE };
  return {
    name: profile.name,
    keyword: profile.keyword ?? '',
    locationName: profile.locationName ?? '',
    radiusMiles: String(profile.radiusMiles),
    includeRemote: String(profile.includeRemote),
    yearsOfExperience: String(profile.yearsOfExperience),
    payPlans: profile.payPlans.join(', '),
    minSalary: profile.minSalary == null ? '' : String(profile.minSalary),
    jobCategoryCodes: profile.jobCategoryCodes.join(', '),
    organizationCodes: profile.organizationCodes.join(', '),
    digestTo: (profile.digestTo ?? []).join(', '),
    enabled: String(profile.enabled),
  };
}

/** A form value that cannot become what the API expects (not a number); the API checks everything else. */
export class ProfileFieldError extends Error {
  constructor(
    readonly field: ProfileField,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The input of `createSearchProfile` / `updateSearchProfile`: every field, so an edit sends the whole form. Empty
 * texts and an empty minimum pay are null (which clears them on an update); codes and addresses are split at commas
 * and spaces. Recipients that were never shown (read without the admin token) and left empty are not sent, so an
 * edit keeps them.
 *
 * @param values - the form
 * @param digestToShown - whether the form showed the stored recipients (false: an edit read without the token)
 * @throws ProfileFieldError naming the field when a number field does not hold a number
 */
export function profileInputOf(
  values: ProfileFormValues,
  digestToShown = true,
): Partial<Record<ProfileField, unknown>> {
  const input: Partial<Record<ProfileField, unknown>> = {};
  for (const field of PROFILE_FORM_FIELDS) {
    const raw = (values[field.name] ?? '').trim();
    switch (field.kind) {
      case 'text':
        input[field.name] = field.required ? raw : raw === '' ? null : raw;
        break;
      case 'boolean':
        input[field.name] = raw === 'true';
        break;
      case 'codes':
        input[field.name] = raw.split(/[\s,;]+/).filter((code) => code !== '');
        break;
      case 'addresses':
        if (raw === '' && !digestToShown) break;
        input[field.name] = raw.split(/[\s,;]+/).filter((address) => address !== '');
        break;
      case 'integer':
      case 'number': {
        if (raw === '' && !field.required && field.kind === 'number') {
          input[field.name] = null;
          break;
        }
        const n = Number(raw);
        if (raw === '' || !Number.isFinite(n)) {
          throw new ProfileFieldError(field.name, `${field.label}: enter a number`);
        }
        if (field.kind === 'integer' && !Number.isInteger(n)) {
          throw new ProfileFieldError(field.name, `${field.label}: enter a whole number`);
        }
        input[field.name] = n;
        break;
      }
    }
  }
  return input;
}

/**
 * The form fields a refused save names, each with what was said about it: the API's `extensions.arguments` paths
 * (`input.radiusMiles`) say which; the parts of its message (separated by "; ") that name a field say what. A
 * field the message says nothing particular about gets the whole message.
 *
 * @param argumentPaths - the paths of the BAD_USER_INPUT
 * @param message - its message, e.g. `Invalid argument: input.radiusMiles must be at most 500`
 */
export function fieldErrorsOf(
  argumentPaths: readonly string[],
  message: string,
): Partial<Record<ProfileField, string>> {
  const names = new Set<string>(PROFILE_FORM_FIELDS.map((field) => field.name));
  const fields = argumentPaths
    .filter((path) => path.startsWith('input.'))
    .map((path) => path.slice('input.'.length).split('.')[0]!)
    .filter((name): name is ProfileField => names.has(name));
  const parts = message
    .replace(/^[^:]*:\s*/, '')
    .split(/;\s*/)
    .filter((part) => part !== '');
  const errors: Partial<Record<ProfileField, string>> = {};
  for (const field of fields) {
    const about = parts.filter((part) => new RegExp(`(^|[\\s.,])${field}\\b`).test(part));
    errors[field] =
      about.length > 0 ? about.map((part) => withoutLeadingName(part, field)).join('; ') : message;
  }
  return errors;
}

/**
 * The API's message in the form's words: its opening ("Invalid argument: ") dropped, field names (`input.radiusMiles`,
 * `payPlans`) as the form labels them, e.g. "Radius (miles) must be at most 500".
 */
export function readableProblem(message: string): string {
  let text = message.replace(/^Invalid (?:argument|search profile): /, '');
  for (const field of PROFILE_FORM_FIELDS) {
    text = text.replace(new RegExp(`(?:\\binput\\.)?\\b${field.name}\\b`, 'g'), field.label);
  }
  return text;
}

/** "input.radiusMiles must be at most 500" → "must be at most 500"; "payPlans: unknown …" → "unknown …". */
function withoutLeadingName(part: string, field: string): string {
  return part.replace(new RegExp(`^(input\\.)?${field}:?\\s+`), '');
}
