import type { EtlParams } from './params';
import type { JobData } from './transform';

/*
 * Profile rules: does a parsed posting fit the job seeker? Pure; the run counts the reasons it returns.
 */

/**
 * Pay plans whose grades are GS grade numbers (General Schedule, law enforcement GL, GS-like GG, GM, and the
 * FAA's FG), so a GS band can be compared with them directly. Other plans (FV/SV letter bands, ZP/NQ/DB
 * bands, VN, AD, WG...) number their grades differently (docs/usajobs-api.md §7).
 */
export const GS_FAMILY_PAY_PLANS = Object.freeze(['GS', 'GL', 'GG', 'GM', 'FG'] as const);

const GS_FAMILY: ReadonlySet<string> = new Set<string>(GS_FAMILY_PAY_PLANS);

/** Why a posting was left out; stable strings, counted per run. */
export type NotAFitReason =
  'not a fit: location' | 'not a fit: pay plan' | 'not a fit: experience' | 'not a fit: salary';

/** What the rules read of a job seeker: an ad-hoc run's parameters or a search profile. */
export type FitParams = Pick<EtlParams, 'includeRemote' | 'yearsOfExperience' | 'minSalary'> & {
  /** Pay plans considered (upper case); empty or absent: every plan. */
  payPlans?: readonly string[];
};

/** Outcome of {@link fitsProfile}. */
export type FitResult = { fit: true } | { fit: false; reason: NotAFitReason };

/** What {@link fitsProfile} needs besides the posting. */
export interface FitContext {
  /**
   * The posting came from a search that already placed it where the seeker looks: the location (+ radius) search,
   * or the search of a seeker who looks anywhere.
   */
  fromLocationSearch: boolean;
  params: FitParams;
}

// Index = whole years of professional experience; from 8 years on the band stays 14–15. Derived from OPM's
// "one year of specialized experience at the next lower grade" rule: degree entry at GS-5/7, then roughly one
// grade step a year, with the band reaching one grade above the typical level (see docs/usajobs-api.md §8).
const BANDS: ReadonlyArray<Readonly<{ low: number; high: number }>> = Object.freeze([
  { low: 5, high: 5 },
  { low: 5, high: 7 },
  { low: 5, high: 9 },
  { low: 7, high: 11 },
  { low: 9, high: 12 },
  { low: 11, high: 13 },
  { low: 12, high: 14 },
  { low: 13, high: 15 },
  { low: 14, high: 15 },
]);

/**
 * The GS grades a job seeker with this much professional experience can plausibly qualify for.
 *
 * @param yearsOfExperience - whole years, 0 or more
 * @returns the inclusive band, e.g. 11–13 for 5 years
 * @throws RangeError when `yearsOfExperience` is negative or not an integer (the caller validates parameters)
 */
export function gradeBand(yearsOfExperience: number): { low: number; high: number } {
  if (!Number.isInteger(yearsOfExperience) || yearsOfExperience < 0) {
    throw new RangeError(`yearsOfExperience must be a non-negative integer, got ${yearsOfExperience}`);
  }
  const band = BANDS[Math.min(yearsOfExperience, BANDS.length - 1)];
  return { low: band.low, high: band.high };
}

/**
 * Decides whether a posting fits the job seeker. Checked in this order, the first failing rule is the reason:
 * 1. location — kept when it came from the location search, or when remote jobs are wanted and it is remote;
 * 2. pay plan — when `params.payPlans` names some, kept iff the posting's pay plan is one of them (USAJOBS filters
 *    by JobGradeCode already; this keeps a profile exact when a search is shared with others);
 * 3. experience — for GS-family pay plans with a numeric grade, kept iff [lowGrade, highGrade] overlaps
 *    {@link gradeBand} (one missing grade takes the other's value); other plans or no numeric grade: kept,
 *    because their grades say nothing about GS levels and dropping them would hide possible fits;
 * 4. salary — when `params.minSalary` is set, kept iff `annualSalary.max >= minSalary`.
 *
 * @param job - the parsed posting
 * @param ctx - where the posting came from and the run's parameters
 * @returns `{ fit: true }` or `{ fit: false, reason }`
 * @throws RangeError when `params.yearsOfExperience` is invalid (see {@link gradeBand})
 */
export function fitsProfile(job: JobData, ctx: FitContext): FitResult {
  const { params } = ctx;
  if (!ctx.fromLocationSearch && !(params.includeRemote && job.remote)) {
    return { fit: false, reason: 'not a fit: location' };
  }

  const payPlan = job.payPlan?.trim().toUpperCase();
  if (params.payPlans?.length && (payPlan === undefined || !params.payPlans.includes(payPlan))) {
    return { fit: false, reason: 'not a fit: pay plan' };
  }
  if (payPlan !== undefined && GS_FAMILY.has(payPlan)) {
    const low = job.lowGrade ?? job.highGrade;
    const high = job.highGrade ?? job.lowGrade;
    if (low !== null && high !== null) {
      const band = gradeBand(params.yearsOfExperience);
      const [from, to] = low <= high ? [low, high] : [high, low];
      if (to < band.low || from > band.high) return { fit: false, reason: 'not a fit: experience' };
    }
  }

  const minSalary = params.minSalary;
  if (minSalary !== null && minSalary !== undefined) {
    // A posting without an annualisable salary (piece work, fee basis, "0.0"-"0.0"...) is left out once a
    // minimum is asked for: the seeker asked for a pay floor and nothing shows this job reaches it.
    if (job.annualSalary === null || job.annualSalary.max < minSalary) {
      return { fit: false, reason: 'not a fit: salary' };
    }
  }
  return { fit: true };
}
