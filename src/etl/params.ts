import type { EtlRunParams } from '../models/etl-run.model';
import { EtlParamsError } from './etl.errors';

/**
 * What one ETL run looks for: the job seeker's profile, every field a parameter of the run. The shape is the run
 * record's own (`EtlRunParams`, stored and served as the run's `params`), so it is written down once.
 */
export type EtlParams = Pick<
  EtlRunParams,
  | 'keyword'
  | 'locationName'
  | 'radiusMiles'
  | 'yearsOfExperience'
  | 'includeRemote'
  | 'minSalary'
  | 'datePostedDays'
  | 'maxPages'
>;

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

/** Bounds of every parameter; the GraphQL input and the CLI check the same ones. */
export const PARAM_LIMITS = {
  textMaxLength: 200,
  radiusMiles: { min: 0, max: 500 },
  yearsOfExperience: { min: 0, max: 60 },
  datePostedDays: { min: 0, max: 60 },
  maxPages: { min: 1, max: 20 },
} as const;

/**
 * Checks complete parameters against PARAM_LIMITS.
 *
 * @returns the same parameters, with texts trimmed and inner whitespace collapsed to single spaces
 * @throws EtlParamsError naming every bad parameter
 */
export function validateParams(params: EtlParams): EtlParams {
  const problems: string[] = [];
  const text = (name: string, value: string): string => {
    // One space between words, as sent to USAJOBS, so the run record shows what was searched for.
    const trimmed = value.trim().replace(/\s+/g, ' ');
    if (trimmed === '') problems.push(`${name} must not be empty`);
    if (trimmed.length > PARAM_LIMITS.textMaxLength) {
      problems.push(`${name} must be at most ${PARAM_LIMITS.textMaxLength} characters`);
    }
    return trimmed;
  };
  const int = (name: keyof typeof PARAM_LIMITS, value: number | null | undefined): void => {
    if (value === null || value === undefined) return;
    const { min, max } = PARAM_LIMITS[name] as { min: number; max: number };
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max}`);
    }
  };
  const keyword = text('keyword', params.keyword);
  const locationName = text('locationName', params.locationName);
  int('radiusMiles', params.radiusMiles);
  int('yearsOfExperience', params.yearsOfExperience);
  int('datePostedDays', params.datePostedDays);
  int('maxPages', params.maxPages);
  if (params.minSalary != null && !(Number.isFinite(params.minSalary) && params.minSalary >= 0)) {
    problems.push('minSalary must be a number >= 0');
  }
  if (problems.length > 0) throw new EtlParamsError(`Invalid ETL parameters: ${problems.join('; ')}`);
  return { ...params, keyword, locationName };
}
