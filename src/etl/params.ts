/** What one ETL run looks for: the job seeker's profile. Every field is a parameter of the run. */
export interface EtlParams {
  keyword: string;
  locationName: string;
  radiusMiles: number;
  yearsOfExperience: number;
  includeRemote: boolean;
  /** Keep only jobs whose annual salary max reaches this (USD a year). */
  minSalary?: number | null;
  /** Only postings published in the last N days (USAJOBS DatePosted). */
  datePostedDays?: number | null;
  /** Upper bound of pages read per search. */
  maxPages?: number | null;
}

/** The out-of-the-box job seeker: a data engineer in Chicago, IL with 5 years of experience. */
export const DEFAULT_ETL_PARAMS: Readonly<EtlParams> = Object.freeze({
  keyword: 'data engineering',
  locationName: 'Chicago, Illinois',
  radiusMiles: 50,
  yearsOfExperience: 5,
  includeRemote: true,
  minSalary: null,
  datePostedDays: null,
  maxPages: null,
});

/**
 * Fills the defaults in.
 *
 * @param partial - what the caller set; `undefined` and `null` mean "default" for the defaulted fields
 * @returns complete parameters
 */
export function withDefaults(partial: Partial<EtlParams> = {}): EtlParams {
  return {
    keyword: partial.keyword ?? DEFAULT_ETL_PARAMS.keyword,
    locationName: partial.locationName ?? DEFAULT_ETL_PARAMS.locationName,
    radiusMiles: partial.radiusMiles ?? DEFAULT_ETL_PARAMS.radiusMiles,
    yearsOfExperience: partial.yearsOfExperience ?? DEFAULT_ETL_PARAMS.yearsOfExperience,
    includeRemote: partial.includeRemote ?? DEFAULT_ETL_PARAMS.includeRemote,
    minSalary: partial.minSalary ?? null,
    datePostedDays: partial.datePostedDays ?? null,
    maxPages: partial.maxPages ?? null,
  };
}
