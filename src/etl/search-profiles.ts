import { isEmail } from 'class-validator';

import { isDuplicateKeyError } from '../db/db-errors';
import { type SearchProfile, SearchProfileModel } from '../models/search-profile.model';
import { ProfileInputError } from './etl.errors';
import { PARAM_LIMITS } from './params';
import { isKnownPayPlan } from './pay-plans';
import { applyProfileChangesWhenFree, recordDeletedProfile } from './profile-matches';

/** What a caller sets on a profile; `createdAt`, `updatedAt` and the id are the service's. */
export interface SearchProfileFields {
  name: string;
  keyword?: string | null;
  locationName?: string | null;
  radiusMiles: number;
  includeRemote: boolean;
  yearsOfExperience: number;
  payPlans: string[];
  minSalary?: number | null;
  jobCategoryCodes: string[];
  organizationCodes: string[];
  enabled: boolean;
  /** Who gets its digest by e-mail instead of DIGEST_TO; absent or empty: DIGEST_TO. */
  digestTo?: string[];
}

/** Bounds of a profile beyond the ETL parameters' own (PARAM_LIMITS). */
export const PROFILE_LIMITS = {
  nameMaxLength: 100,
  /** Pay plans, series or agencies per profile. */
  codesMax: 50,
  /** 4-digit OPM occupational series, e.g. 2210. */
  seriesPattern: /^\d{4}$/,
  /** Agency sub-element codes, e.g. TR, VATA, AF1M. */
  organizationPattern: /^[A-Z0-9]{2,10}$/,
  /** Digest recipients per profile. */
  digestToMax: 10,
} as const;

/** The profile start-up creates when none is stored: a data engineer near Chicago with 5 years, remote welcome. */
export const DEFAULT_PROFILE: Readonly<SearchProfileFields> = Object.freeze({
  name: 'data engineering near Chicago',
  keyword: 'data engineering',
  locationName: 'Chicago, Illinois',
  radiusMiles: 50,
  includeRemote: true,
  yearsOfExperience: 5,
  payPlans: [],
  minSalary: null,
  jobCategoryCodes: [],
  organizationCodes: [],
  enabled: true,
  digestTo: [],
});

/** Fields that decide which postings a profile finds and fits: changing one re-matches its jobs from scratch. */
const MATCHING_FIELDS = [
  'keyword',
  'locationName',
  'radiusMiles',
  'includeRemote',
  'yearsOfExperience',
  'payPlans',
  'minSalary',
  'jobCategoryCodes',
  'organizationCodes',
] as const satisfies readonly (keyof SearchProfileFields)[];

/** @returns every profile, by name */
export async function listSearchProfiles(): Promise<SearchProfile[]> {
  return SearchProfileModel.find().sort({ name: 1, _id: 1 }).lean<SearchProfile[]>();
}

/** @returns the profile, or null */
export async function findSearchProfile(id: string): Promise<SearchProfile | null> {
  return SearchProfileModel.findById(id).lean<SearchProfile>();
}

/** @returns the profile with this exact name, or null */
export async function findSearchProfileByName(name: string): Promise<SearchProfile | null> {
  return SearchProfileModel.findOne({ name: name.trim() }).lean<SearchProfile>();
}

/**
 * Creates a profile.
 *
 * @throws ProfileInputError naming every bad field, or the duplicate name; nothing is stored then
 */
export async function createSearchProfile(fields: SearchProfileFields): Promise<SearchProfile> {
  const clean = validateProfile(fields);
  await profileIndexes();
  try {
    return (await SearchProfileModel.create(clean)).toObject<SearchProfile>();
  } catch (error) {
    if (isDuplicateKeyError(error)) throw duplicateName(clean.name);
    throw error;
  }
}

/**
 * Changes a profile. When a field that decides what it finds changes, the jobs it matched are unmatched: the next
 * run over it matches them again (so a narrowed profile leaves the jobs it no longer fits stored, unmatched, and
 * never counts them withdrawn). The change is stored at once; the unmatching is done before this returns, or, while
 * a run is in progress, by that run before it ends (see profile-matches.ts).
 *
 * @param id - the profile
 * @param patch - the fields to change; absent ones stay
 * @throws ProfileInputError for an unknown id, bad fields or a duplicate name; nothing changed then
 */
export async function updateSearchProfile(
  id: string,
  patch: Partial<SearchProfileFields>,
): Promise<SearchProfile> {
  const current = await findSearchProfile(id);
  if (!current) throw unknownProfile(id);
  const defined = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  const clean = validateProfile({ ...fieldsOf(current), ...defined });
  const before = fieldsOf(current);
  const searchChanged = MATCHING_FIELDS.some(
    (field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(clean[field] ?? null),
  );
  let updated: SearchProfile | null;
  try {
    updated = await SearchProfileModel.findByIdAndUpdate(
      id,
      // Marked in the same write as the change: whoever holds the ETL lease next unmatches its jobs.
      searchChanged ? { $set: clean, $inc: { matchesStale: 1 } } : { $set: clean },
      { returnDocument: 'after' },
    ).lean<SearchProfile>();
  } catch (error) {
    if (isDuplicateKeyError(error)) throw duplicateName(clean.name);
    throw error;
  }
  if (!updated) throw unknownProfile(id);
  if (searchChanged) await applyProfileChangesWhenFree();
  return updated;
}

/**
 * Deletes a profile; the jobs it matched stay stored, no longer matched by it (at once, or, while a run is in
 * progress, once that run ends: see profile-matches.ts).
 *
 * @returns true when it existed
 */
export async function deleteSearchProfile(id: string): Promise<boolean> {
  const deleted = await SearchProfileModel.findByIdAndDelete(id).lean();
  if (!deleted) return false;
  await recordDeletedProfile(id);
  await applyProfileChangesWhenFree();
  return true;
}

/**
 * Creates {@link DEFAULT_PROFILE} when no profile is stored. Safe when several replicas start together: the unique
 * name lets one create it, and the others' duplicate key means it is there.
 *
 * @returns true when this call created it
 */
export async function ensureDefaultProfile(): Promise<boolean> {
  if ((await SearchProfileModel.countDocuments()) > 0) return false;
  await profileIndexes();
  try {
    await SearchProfileModel.create(validateProfile(DEFAULT_PROFILE));
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}

/**
 * Checks and normalises a profile's fields: texts trimmed (blank ones null), codes trimmed, upper-cased and
 * de-duplicated.
 *
 * @returns the clean fields
 * @throws ProfileInputError naming every problem
 */
export function validateProfile(fields: SearchProfileFields): SearchProfileFields {
  const problems: string[] = [];
  const faulty: (keyof SearchProfileFields)[] = [];
  const problem = (about: keyof SearchProfileFields | (keyof SearchProfileFields)[], text: string): void => {
    problems.push(text);
    faulty.push(...(Array.isArray(about) ? about : [about]));
  };
  const name = fields.name.trim();
  if (name === '') problem('name', 'name must not be blank');
  if (name.length > PROFILE_LIMITS.nameMaxLength) {
    problem('name', `name must be at most ${PROFILE_LIMITS.nameMaxLength} characters`);
  }
  const text = (field: 'keyword' | 'locationName', value: string | null | undefined): string | null => {
    const trimmed = value?.trim() ?? '';
    if (trimmed.length > PARAM_LIMITS.textMaxLength) {
      problem(field, `${field} must be at most ${PARAM_LIMITS.textMaxLength} characters`);
    }
    return trimmed === '' ? null : trimmed;
  };
  const keyword = text('keyword', fields.keyword);
  const locationName = text('locationName', fields.locationName);
  const int = (field: 'radiusMiles' | 'yearsOfExperience', value: number): void => {
    const { min, max } = PARAM_LIMITS[field];
    if (!Number.isInteger(value) || value < min || value > max) {
      problem(field, `${field} must be a whole number from ${min} to ${max}`);
    }
  };
  int('radiusMiles', fields.radiusMiles);
  int('yearsOfExperience', fields.yearsOfExperience);
  if (fields.minSalary != null && !(Number.isFinite(fields.minSalary) && fields.minSalary >= 0)) {
    problem('minSalary', 'minSalary must be a number >= 0');
  }
  const codes = (
    field: 'payPlans' | 'jobCategoryCodes' | 'organizationCodes',
    values: readonly string[],
    valid: (code: string) => boolean,
  ): string[] => {
    const clean = [...new Set(values.map((value) => value.trim().toUpperCase()))];
    if (clean.length > PROFILE_LIMITS.codesMax)
      problem(field, `${field} must hold at most ${PROFILE_LIMITS.codesMax} codes`);
    const bad = clean.filter((code) => !valid(code));
    if (bad.length > 0)
      problem(field, `${field}: unknown or malformed ${bad.map((c) => JSON.stringify(c)).join(', ')}`);
    return clean;
  };
  const payPlans = codes('payPlans', fields.payPlans, isKnownPayPlan);
  const jobCategoryCodes = codes('jobCategoryCodes', fields.jobCategoryCodes, (c) =>
    PROFILE_LIMITS.seriesPattern.test(c),
  );
  const organizationCodes = codes('organizationCodes', fields.organizationCodes, (c) =>
    PROFILE_LIMITS.organizationPattern.test(c),
  );
  // USAJOBS answers an unfiltered query with an error (docs/usajobs-api.md §10); a profile must narrow the search somehow.
  if (
    keyword === null &&
    locationName === null &&
    jobCategoryCodes.length === 0 &&
    organizationCodes.length === 0
  ) {
    problem(
      ['keyword', 'locationName', 'jobCategoryCodes', 'organizationCodes'],
      'set at least one of keyword, locationName, jobCategoryCodes or organizationCodes',
    );
  }
  const digestTo = [...new Set((fields.digestTo ?? []).map((address) => address.trim()))];
  if (digestTo.length > PROFILE_LIMITS.digestToMax) {
    problem('digestTo', `digestTo must hold at most ${PROFILE_LIMITS.digestToMax} addresses`);
  }
  const notAddresses = digestTo.filter((address) => !isEmail(address));
  if (notAddresses.length > 0) {
    problem(
      'digestTo',
      `digestTo: not an e-mail address: ${notAddresses.map((a) => JSON.stringify(a)).join(', ')}`,
    );
  }
  if (problems.length > 0) {
    throw new ProfileInputError(`Invalid search profile: ${problems.join('; ')}`, faulty);
  }
  return {
    name,
    keyword,
    locationName,
    radiusMiles: fields.radiusMiles,
    includeRemote: fields.includeRemote,
    yearsOfExperience: fields.yearsOfExperience,
    payPlans,
    minSalary: fields.minSalary ?? null,
    jobCategoryCodes,
    organizationCodes,
    enabled: fields.enabled,
    digestTo,
  };
}

function fieldsOf(profile: SearchProfile): SearchProfileFields {
  return {
    name: profile.name,
    keyword: profile.keyword ?? null,
    locationName: profile.locationName ?? null,
    radiusMiles: profile.radiusMiles,
    includeRemote: profile.includeRemote,
    yearsOfExperience: profile.yearsOfExperience,
    payPlans: profile.payPlans ?? [],
    minSalary: profile.minSalary ?? null,
    jobCategoryCodes: profile.jobCategoryCodes ?? [],
    organizationCodes: profile.organizationCodes ?? [],
    enabled: profile.enabled,
    digestTo: profile.digestTo ?? [],
  };
}

/** The unique name index must exist before a duplicate can be refused: mongoose builds it in the background. */
async function profileIndexes(): Promise<void> {
  await SearchProfileModel.init();
}

function duplicateName(name: string): ProfileInputError {
  return new ProfileInputError(`A search profile named ${JSON.stringify(name)} already exists`, 'name');
}

function unknownProfile(id: string): ProfileInputError {
  return new ProfileInputError(`No search profile has id ${JSON.stringify(id)}`, 'id');
}
