import type { SearchProfile } from '../models/search-profile.model';
import type { FitParams } from './fit';
import type { EtlParams } from './params';

/** What one job seeker looks for, as a run searches and fits it: an ad-hoc run's parameters or a search profile. */
export interface SearchSpec extends FitParams {
  /** USAJOBS Keyword; null or blank: none. */
  keyword: string | null;
  /** Null: anywhere (one search, no location). */
  locationName: string | null;
  radiusMiles: number;
  includeRemote: boolean;
  yearsOfExperience: number;
  minSalary: number | null;
  /** Upper-case pay plan codes; empty: every plan. */
  payPlans: readonly string[];
  /** Occupational series; empty: any. */
  jobCategoryCodes: readonly string[];
  /** Agency sub-element codes; empty: any. */
  organizationCodes: readonly string[];
  /** Ad-hoc runs only: postings of the last N days. */
  datePostedDays: number | null;
  /** Ad-hoc runs only: pages read per search at most. */
  maxPages: number | null;
}

/** One job seeker of a run. */
export interface SearchTarget {
  /** The search profile's id; null for an ad-hoc run (whose matches are recorded on no job). */
  profileId: string | null;
  /** The profile's name, or `ad hoc`. */
  name: string;
  spec: SearchSpec;
}

/**
 * The target of an ad-hoc run.
 *
 * @param params - validated parameters, defaults filled in
 */
export function adHocTarget(params: EtlParams): SearchTarget {
  return {
    profileId: null,
    name: 'ad hoc',
    spec: {
      keyword: params.keyword,
      locationName: params.locationName,
      radiusMiles: params.radiusMiles,
      includeRemote: params.includeRemote,
      yearsOfExperience: params.yearsOfExperience,
      minSalary: params.minSalary ?? null,
      payPlans: [],
      jobCategoryCodes: [],
      organizationCodes: [],
      datePostedDays: params.datePostedDays ?? null,
      maxPages: params.maxPages ?? null,
    },
  };
}

/**
 * The target of a stored search profile.
 *
 * @param profile - as stored
 */
export function profileTarget(profile: SearchProfile): SearchTarget {
  return {
    profileId: profile._id,
    name: profile.name,
    spec: {
      keyword: profile.keyword ?? null,
      locationName: profile.locationName ?? null,
      radiusMiles: profile.radiusMiles,
      includeRemote: profile.includeRemote,
      yearsOfExperience: profile.yearsOfExperience,
      minSalary: profile.minSalary ?? null,
      payPlans: (profile.payPlans ?? []).map((code) => code.toUpperCase()),
      jobCategoryCodes: profile.jobCategoryCodes ?? [],
      organizationCodes: profile.organizationCodes ?? [],
      datePostedDays: null,
      maxPages: null,
    },
  };
}

/**
 * The run record's `params` for a target (the contract's EtlRunParams: texts are never null).
 *
 * @param spec - the target's spec
 */
export function recordedParams(spec: SearchSpec): EtlParams {
  return {
    keyword: spec.keyword ?? '',
    locationName: spec.locationName ?? '',
    radiusMiles: spec.radiusMiles,
    yearsOfExperience: spec.yearsOfExperience,
    includeRemote: spec.includeRemote,
    minSalary: spec.minSalary,
    datePostedDays: spec.datePostedDays,
    maxPages: spec.maxPages,
  };
}
