import type { Job, PositionLocation, Remuneration, SalaryRange } from '../models/job.model';

/*
 * Pure transform: one raw USAJOBS search result item -> the fields of a stored Job. No I/O, no clock, no
 * logging; every function here is total (returns null / a skip reason instead of throwing), because one bad
 * record must be counted and reported by the caller, never abort a run.
 *
 * The quirks handled below are described in docs/usajobs-api.md: the fields read (§5), RateIntervalCode as code or
 * text and annualizing (§6), grades "05"/"5"/""/"00"/letters (§7), numbers and booleans as strings, missing vs
 * empty keys, three date formats and `:443` in URIs (§9).
 */

/** One place of duty, every key present (null where USAJOBS gave nothing usable). */
export type PositionLocationData = Required<PositionLocation>;

/** Pay as published, every key present. */
export type RemunerationData = Required<Remuneration>;

/** Pay converted to US dollars a year. */
export type SalaryRangeData = Required<SalaryRange>;

/**
 * The fields of a stored Job that come from one USAJOBS item: the model minus the bookkeeping the loader and the
 * run add ({@link JobBookkeeping}). Plain data (no class instances) with every key present, so the same posting
 * always yields a structurally identical object (stable content hash); assignable to `Omit<Job, JobBookkeeping>`.
 */
export type JobData = Omit<
  Required<Job>,
  JobBookkeeping | 'positionLocation' | 'positionRemuneration' | 'annualSalary'
> & {
  positionLocation: PositionLocationData[];
  positionRemuneration: RemunerationData[];
  annualSalary: SalaryRangeData | null;
};

/** Fields of a stored Job that the loader and the run keep, not USAJOBS. */
export type JobBookkeeping =
  | 'firstSeenAt'
  | 'lastSeenAt'
  | 'contentHash'
  | 'matchedProfileIds'
  | 'status'
  | 'withdrawnAt'
  | 'changes'
  | 'changedAt';

/** Outcome of {@link parseItem}: the job, or why the item was skipped (with its id when one could be read). */
export type ParseItemResult = { ok: true; job: JobData } | { ok: false; id?: string; reason: string };

/** Normalised USAJOBS RemunerationRateIntervalCode (code list `remunerationrateintervalcodes`). */
export type RateIntervalCode = 'PA' | 'PH' | 'PD' | 'BW' | 'PM' | 'PW' | 'WC' | 'FB' | 'ST' | 'SY';

/** OPM's hours in a work year (5 U.S.C. 5504(b)): the divisor behind every factor below. */
export const WORK_HOURS_PER_YEAR = 2087;

/**
 * Factors from a pay interval to a year. Daily = 8 hours and bi-weekly = 80 hours of the 2,087-hour year.
 * PW is Piece Work (not "per week"); PW, FB (fee basis), ST (student stipend) and SY (school year) have no
 * defensible yearly equivalent, so they are absent; WC is handled apart (it is a known 0).
 */
const ANNUAL_FACTORS: Readonly<Partial<Record<RateIntervalCode, number>>> = Object.freeze({
  PA: 1,
  PH: WORK_HOURS_PER_YEAR,
  PD: WORK_HOURS_PER_YEAR / 8,
  BW: WORK_HOURS_PER_YEAR / 80,
  PM: 12,
});

// Keys are the lower-cased value with everything but letters removed, so "Bi-weekly", "bi weekly" and
// "BIWEEKLY" meet. Text forms are the code list's descriptions (pre-2024 responses put them in the code field).
const RATE_INTERVALS: ReadonlyMap<string, RateIntervalCode> = new Map<string, RateIntervalCode>([
  ['pa', 'PA'],
  ['peryear', 'PA'],
  ['perannum', 'PA'],
  ['ph', 'PH'],
  ['perhour', 'PH'],
  ['pd', 'PD'],
  ['perday', 'PD'],
  ['bw', 'BW'],
  ['biweekly', 'BW'],
  ['pm', 'PM'],
  ['permonth', 'PM'],
  ['pw', 'PW'],
  ['piecework', 'PW'],
  ['wc', 'WC'],
  ['withoutcompensation', 'WC'],
  ['fb', 'FB'],
  ['feebasis', 'FB'],
  ['st', 'ST'],
  ['studentstipendpaid', 'ST'],
  ['studentstipend', 'ST'],
  ['sy', 'SY'],
  ['schoolyear', 'SY'],
]);

/** The zone USAJOBS means when a timestamp carries none (closing times read "11:59 PM Eastern"). */
const USAJOBS_TIME_ZONE = 'America/New_York';

const DATE_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(?:(Z)|([+-])(\d{2}):?(\d{2}))?$/i;

const REMOTE_PATTERN = /\bremote job\b/i;

const EXPLICIT_HTTPS_PORT = /^(https:\/\/[^/?#:@]+):443(?=[/?#]|$)/i;

/**
 * Parses one item of `SearchResult.SearchResultItems` into Job fields. Never throws, whatever `raw` is.
 *
 * Required: `MatchedObjectId` (non-empty string, or a non-negative integer which is turned into a string),
 * `MatchedObjectDescriptor.PositionID`, `.PositionTitle` and `.PositionURI` (non-blank strings). Anything else
 * missing or malformed degrades to null / [] / 0 as documented on each field.
 *
 * @param raw - one search result item, straight from the parsed JSON
 * @returns `{ ok: true, job }`, or `{ ok: false, id?, reason }` with a reason starting with `unparseable:`
 */
export function parseItem(raw: unknown): ParseItemResult {
  let id: string | undefined;
  try {
    if (!isRecord(raw)) return { ok: false, reason: 'unparseable: item is not an object' };
    id = parseControlNumber(raw.MatchedObjectId);
    if (id === undefined) return { ok: false, reason: 'unparseable: missing MatchedObjectId' };
    const d = raw.MatchedObjectDescriptor;
    if (!isRecord(d)) return { ok: false, id, reason: 'unparseable: missing MatchedObjectDescriptor' };

    const positionId = nonBlank(d.PositionID);
    const positionTitle = nonBlank(d.PositionTitle);
    const positionUri = nonBlank(d.PositionURI);
    const missing = [
      positionId === null ? 'PositionID' : null,
      positionTitle === null ? 'PositionTitle' : null,
      positionUri === null ? 'PositionURI' : null,
    ].filter((name): name is string => name !== null);
    if (positionId === null || positionTitle === null || positionUri === null) {
      return { ok: false, id, reason: `unparseable: missing ${missing.join(', ')}` };
    }

    const userArea = isRecord(d.UserArea) ? d.UserArea : {};
    const details = isRecord(userArea.Details) ? userArea.Details : {};
    const positionLocationDisplay = nonBlank(d.PositionLocationDisplay);
    const positionLocation = asArray(d.PositionLocation)
      .map(parseLocation)
      .filter((location): location is PositionLocationData => location !== null);
    const positionRemuneration = asArray(d.PositionRemuneration)
      .map(parseRemuneration)
      .filter((remuneration): remuneration is RemunerationData => remuneration !== null);
    const jobGrade = asArray(d.JobGrade)[0];

    const job: JobData = {
      _id: id,
      positionId,
      positionTitle,
      positionUri: stripDefaultHttpsPort(positionUri),
      applyUris: asArray(d.ApplyURI)
        .map(nonBlank)
        .filter((uri): uri is string => uri !== null)
        .map(stripDefaultHttpsPort),
      positionLocationDisplay,
      positionLocation,
      positionRemuneration,
      annualSalary: annualize(positionRemuneration),
      unpaid: isUnpaid(positionRemuneration),
      organizationName: nonBlank(d.OrganizationName),
      departmentName: nonBlank(d.DepartmentName),
      payPlan: isRecord(jobGrade) ? nonBlank(jobGrade.Code) : null,
      lowGrade: parseGrade(details.LowGrade),
      highGrade: parseGrade(details.HighGrade),
      remote:
        parseBoolean(details.RemoteIndicator) === true ||
        (positionLocationDisplay !== null && REMOTE_PATTERN.test(positionLocationDisplay)) ||
        // A multi-location posting shows "Multiple Locations"; a remote option then only shows up as an entry.
        positionLocation.some((location) => REMOTE_PATTERN.test(location.locationName)),
      teleworkEligible: parseBoolean(details.TeleworkEligible) === true,
      qualificationSummary: nonBlank(d.QualificationSummary),
      jobSummary: nonBlank(details.JobSummary),
      publicationStartDate: parseUsajobsDate(d.PublicationStartDate),
      // 2021 responses give the closing day only; the announcement stays open through that day (later
      // responses say so explicitly with 23:59:59.997), so a bare date closes at the end of it.
      applicationCloseDate: parseUsajobsDate(d.ApplicationCloseDate, { dateOnlyAs: 'endOfDay' }),
    };
    return { ok: true, job };
  } catch (error) {
    // Only reachable with exotic input (throwing getters, proxies); kept so the "never throws" contract holds.
    const message = error instanceof Error ? error.message : 'unexpected error';
    return id === undefined
      ? { ok: false, reason: `unparseable: ${message}` }
      : { ok: false, id, reason: `unparseable: ${message}` };
  }
}

/** Options of {@link parseUsajobsDate}. */
export interface ParseUsajobsDateOptions {
  /**
   * Which instant a date without a time stands for: `startOfDay` (00:00:00.000 Eastern, the default) or
   * `endOfDay` (23:59:59.997 Eastern, what USAJOBS uses for closing times that carry a clock time).
   */
  dateOnlyAs?: 'startOfDay' | 'endOfDay';
}

/**
 * Parses the timestamp forms USAJOBS has used: `2024-06-16T23:59:59.9970` (no zone, 0–7+ fraction digits),
 * `2021-12-02` (date only) and `2016-05-16T00:00:00Z` (or a numeric offset). Zone-less values are US Eastern
 * wall time (America/New_York, daylight saving aware); values with `Z`/offset are taken as given. Fractions
 * beyond milliseconds are truncated, never rounded, so `23:59:59.9999` stays on its day. Wall times that do
 * not exist or occur twice around a DST switch resolve to one neighbouring instant (USAJOBS uses midnight and
 * 23:59:59, far from the 2 AM switches).
 *
 * @param s - the raw value; anything but a well-formed string gives null
 * @param options - how to read a date without a time
 * @returns the instant, or null when `s` is missing, malformed or names an impossible calendar date
 */
export function parseUsajobsDate(s: unknown, options: ParseUsajobsDateOptions = {}): Date | null {
  if (typeof s !== 'string') return null;
  const match = DATE_PATTERN.exec(s.trim());
  if (match === null) return null;
  const [, y, mo, d, h, mi, sec, fraction, zulu, sign, offH, offM] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const dateOnly = h === undefined;
  const endOfDay = dateOnly && options.dateOnlyAs === 'endOfDay';
  const hour = dateOnly ? (endOfDay ? 23 : 0) : Number(h);
  const minute = dateOnly ? (endOfDay ? 59 : 0) : Number(mi);
  const second = dateOnly ? (endOfDay ? 59 : 0) : Number(sec ?? '0');
  const millisecond = dateOnly ? (endOfDay ? 997 : 0) : Number((fraction ?? '').slice(0, 3).padEnd(3, '0'));
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;

  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  if (zulu !== undefined) return new Date(wallAsUtc);
  if (sign !== undefined) {
    if (Number(offH) > 23 || Number(offM) > 59) return null;
    const offsetMinutes = Number(offH) * 60 + Number(offM);
    return new Date(wallAsUtc - (sign === '-' ? -1 : 1) * offsetMinutes * 60_000);
  }
  return new Date(easternWallTimeToUtc(wallAsUtc));
}

/**
 * Parses a grade within a pay plan (`UserArea.Details.LowGrade` / `HighGrade`). Zero padding is ignored
 * (`"05"` and `"5"` are 5); `"00"` (no grade: WC, VN plans), blanks and letter bands (FAA `FV` "G"–"M",
 * TSA `SV` "D") have no number and give null.
 *
 * @param s - the raw value (a string in real data; a positive integer number is accepted too)
 * @returns the grade as a positive integer, or null
 */
export function parseGrade(s: unknown): number | null {
  if (typeof s === 'number') return Number.isSafeInteger(s) && s > 0 ? s : null;
  if (typeof s !== 'string') return null;
  const trimmed = s.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const grade = Number(trimmed);
  return grade > 0 ? grade : null;
}

/**
 * Parses a decimal amount as USAJOBS writes it (`"77490"`, `"32318.0000"`, `"19.18"`, `"0.0"`). A leading `$`
 * and thousands separators are tolerated; anything else (exponents, words, blanks) is not a number.
 *
 * @param s - the raw value; a finite number is returned as is
 * @returns the number, or null when `s` is not a plain decimal
 */
export function parseDecimal(s: unknown): number | null {
  if (typeof s === 'number') return Number.isFinite(s) ? s : null;
  if (typeof s !== 'string') return null;
  const cleaned = s.trim().replace(/^\$/, '');
  const plain = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(cleaned);
  const grouped = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/.test(cleaned);
  if (!plain && !grouped) return null;
  const value = Number(cleaned.replace(/,/g, ''));
  return Number.isFinite(value) ? value : null;
}

/**
 * Reads a USAJOBS boolean, which is a real boolean in some keys and `"True"`/`"False"` in others.
 *
 * @param v - the raw value
 * @returns true/false for a boolean or a case-insensitive "true"/"false" string (surrounding blanks ignored),
 *   null for anything else
 */
export function parseBoolean(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string') return null;
  const lowered = v.trim().toLowerCase();
  if (lowered === 'true') return true;
  if (lowered === 'false') return false;
  return null;
}

/**
 * Normalises a pay interval given as a code (`"PA"`, 2024+) or as its text (`"Per Year"`, `"Bi-weekly"`,
 * `"Without Compensation"`, 2016–2022), case-insensitively and ignoring spaces, hyphens and punctuation. The
 * code wins; the description is only consulted when the code is missing or unknown. `"PW"` / `"Piece Work"`
 * is piece work; there is no weekly interval, so `"Per Week"` is unknown.
 *
 * @param code - `RateIntervalCode` as published
 * @param description - `Description` as published (2024+), if any
 * @returns the code, or null when neither value is recognised
 */
export function normalizeRateInterval(
  code: string | null | undefined,
  description?: string | null,
): RateIntervalCode | null {
  return lookupRateInterval(code) ?? lookupRateInterval(description);
}

/**
 * Converts published pay to US dollars a year: PA ×1, PH ×2,087, PD ×260.875, BW ×26.0875, PM ×12. PW (piece
 * work), FB, ST, SY and unknown intervals cannot be annualised. No pay is not a salary of 0: WC ("Without
 * Compensation") entries and 0–0 ranges of any interval are left out (see {@link isUnpaid}, which marks such
 * postings), as are negative or non-finite amounts, so unpaid postings neither skew averages nor sort first. A range with a positive minimum
 * and a 0 maximum is read as the single amount; a reversed range is put in order. Of several annualisable
 * entries the lowest minimum and the highest maximum are kept. Amounts are rounded to cents.
 *
 * @param remunerations - `PositionRemuneration` entries (amounts already parsed)
 * @returns the yearly range, or null when no entry could be annualised
 */
export function annualize(
  remunerations: ReadonlyArray<
    Pick<RemunerationData, 'minimumRange' | 'maximumRange' | 'rateIntervalCode'> & {
      description?: string | null;
    }
  >,
): SalaryRangeData | null {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const remuneration of remunerations) {
    const interval = normalizeRateInterval(remuneration.rateIntervalCode, remuneration.description);
    if (interval === null) continue;
    const factor = ANNUAL_FACTORS[interval];
    if (factor === undefined) continue;
    let low = remuneration.minimumRange;
    let high = remuneration.maximumRange;
    if (!Number.isFinite(low) || !Number.isFinite(high) || low < 0 || high < 0) continue;
    if (low === 0 && high === 0) continue;
    if (high === 0) high = low;
    if (low > high) [low, high] = [high, low];
    min = Math.min(min, roundCents(low * factor));
    max = Math.max(max, roundCents(high * factor));
  }
  return min === Number.POSITIVE_INFINITY ? null : { min, max };
}

/**
 * Tells whether a posting publishes no pay at all: it has remuneration entries and every one is Without
 * Compensation or a 0–0 range. Such a posting has no `annualSalary`; this flag says why.
 *
 * @param remunerations - `PositionRemuneration` entries (amounts already parsed)
 */
export function isUnpaid(
  remunerations: ReadonlyArray<
    Pick<RemunerationData, 'minimumRange' | 'maximumRange' | 'rateIntervalCode'> & {
      description?: string | null;
    }
  >,
): boolean {
  return (
    remunerations.length > 0 &&
    remunerations.every(
      (r) =>
        normalizeRateInterval(r.rateIntervalCode, r.description) === 'WC' ||
        (r.minimumRange === 0 && r.maximumRange === 0),
    )
  );
}

// ---------------------------------------------------------------------------------------------------------------

function parseLocation(raw: unknown): PositionLocationData | null {
  if (!isRecord(raw)) return null;
  // The model requires a location name; old captures put it in CityName too, so that is the fallback.
  const locationName = nonBlank(raw.LocationName) ?? nonBlank(raw.CityName);
  if (locationName === null) return null;
  const subdivision = nonBlank(raw.CountrySubDivisionCode);
  return {
    locationName,
    cityName: nonBlank(raw.CityName),
    // The key is absent for foreign places; "N/A" is what "Location Negotiable" entries carry: neither is a state.
    countrySubDivisionCode: subdivision === null || /^n\/?a$/i.test(subdivision) ? null : subdivision,
    countryCode: nonBlank(raw.CountryCode),
    latitude: parseDecimal(raw.Latitude),
    longitude: parseDecimal(raw.Longitude),
  };
}

function parseRemuneration(raw: unknown): RemunerationData | null {
  if (!isRecord(raw)) return null;
  const description = nonBlank(raw.Description);
  // The model requires an interval; without one (nor a description naming it) the amounts mean nothing.
  const rateIntervalCode =
    nonBlank(raw.RateIntervalCode) ?? (description === null ? null : normalizeRateInterval(description));
  if (rateIntervalCode === null) return null;
  return {
    minimumRange: parseDecimal(raw.MinimumRange) ?? 0,
    maximumRange: parseDecimal(raw.MaximumRange) ?? 0,
    rateIntervalCode,
    description,
  };
}

function parseControlNumber(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? String(value) : undefined;
  return nonBlank(value) ?? undefined;
}

function lookupRateInterval(value: string | null | undefined): RateIntervalCode | null {
  if (typeof value !== 'string') return null;
  return RATE_INTERVALS.get(value.toLowerCase().replace(/[^a-z]/g, '')) ?? null;
}

/** USAJOBS writes `https://www.usajobs.gov:443/...`; the explicit default port would make equal links differ. */
function stripDefaultHttpsPort(uri: string): string {
  return uri.replace(EXPLICIT_HTTPS_PORT, '$1');
}

function nonBlank(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

function asArray(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  // A lone value where a list is expected is still that one value (some clients send scalars for 1-lists).
  return value === undefined || value === null ? [] : [value];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function roundCents(amount: number): number {
  // toPrecision strips binary noise first (19.18 * 2087 = 40028.659999…), so true half-cents round up.
  return Math.round(Number((amount * 100).toPrecision(15))) / 100;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

let easternFormat: Intl.DateTimeFormat | undefined;

/** Offset of US Eastern from UTC at an instant, in milliseconds (negative: -5 h in winter, -4 h in summer). */
function easternOffsetAt(instant: number): number {
  easternFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: USAJOBS_TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const parts: Record<string, number> = {};
  for (const part of easternFormat.formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wholeSecond = instant - (((instant % 1000) + 1000) % 1000);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - wholeSecond;
}

/** Finds the instant whose Eastern wall clock reads `wallAsUtc` (the wall time encoded as if it were UTC). */
function easternWallTimeToUtc(wallAsUtc: number): number {
  // Two passes: the offset guessed at the wall time is wrong only within hours of a DST switch.
  const firstGuess = wallAsUtc - easternOffsetAt(wallAsUtc);
  const offset = easternOffsetAt(firstGuess);
  return wallAsUtc - offset;
}
