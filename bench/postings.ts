import type {
  MatchedObjectDescriptor,
  RawPositionLocation,
  SearchResultItem,
} from '../src/usajobs/usajobs.types';
import {
  deepFreeze,
  distanceMiles,
  loadSampleResponse,
  mulberry32,
  REMOTE_LOCATION_DISPLAY,
  REMOTE_POSITION_LOCATION,
  sampleFileNames,
} from '../test/support/usajobs-fixtures';

/*
 * Postings for the benchmarks, shaped and sized like real USAJOBS results: every posting is a copy of one of the 61
 * real items in test/fixtures/usajobs (its long texts, its era's key set and formats: grade padding, pay decimals,
 * `RateIntervalCode` as code or text, date style, `:443` URIs), with the fields the app reads drawn afresh from a
 * seeded generator: title, agency, pay plan, grades, pay and interval, places (from the ~1,300 real places with
 * coordinates in the samples, some postings with hundreds of them, up to the real maximum of 1,176), remote flag,
 * telework, summary text and dates. Unvaried nested parts are shared between postings and frozen, so 50,000 of
 * them fit in a few hundred MB while their JSON weighs what real pages weigh.
 *
 * The mix is built around the default job seeker (src/etl/params.ts DEFAULT_ETL_PARAMS: "data engineering" near
 * Chicago within 50 miles, remote too, 5 years = GS 11–13): every posting matches the keyword and is found by one of
 * the run's two searches; `fitting` of them fit (src/etl/fit.ts) and are kept, the others have GS grades outside the
 * band and are dropped by the fit rules.
 */

/** Options of {@link generatePostings}. */
export interface GeneratePostingsOptions {
  /** Postings the default job seeker's run keeps. */
  fitting: number;
  /** Postings the run fetches but drops (GS grades outside 11–13). Default: 8 % of `fitting`. */
  notFitting?: number;
  /** Same seed (and `today`), same postings. Default 1. */
  seed?: number;
  /** `YYYY-MM-DD` the dates are placed around (most postings open that day). Default: today (UTC). */
  today?: string;
}

/** What {@link generatePostings} made. */
export interface GeneratedPostings {
  /** In "relevance" order (shuffled): kept and dropped postings interleave, as in a real result list. */
  items: SearchResultItem[];
  /** How many of them the default job seeker's run keeps. */
  fitting: number;
}

/** Centre of the default job seeker's location search. */
const CHICAGO = { latitude: 41.88415, longitude: -87.63241 };
/** Radius of the default location search (miles); "near" postings have a place within it. */
const NEAR_MILES = 45;

const TITLES: readonly string[] = [
  'Data Engineer',
  'Senior Data Engineer',
  'Supervisory Data Engineer',
  'IT Specialist (Data Management)',
  'IT SPECIALIST (DATA MANAGEMENT/APPSW)',
  'IT Specialist (Data Engineering)',
  'Data Scientist',
  'Computer Scientist (Data Scientist/Data Analyst)',
  'Statistician (Data Science)',
  'Program Analyst (Data Analytics)',
  'Operations Research Analyst',
  'Management and Program Analyst',
  'Data Architect',
  'Database Administrator',
  'IT Specialist (SYSADMIN/SYSANALYSIS)',
  'Cloud Data Engineer',
  'Geographer (GIS Data Engineering)',
  'Mathematical Statistician',
  'Health Data Analyst',
  'Data Management Specialist',
  'Physical Scientist (Data Engineering)',
  'Electronics Engineer',
  'INTERDISCIPLINARY (Data Engineer/Computer Scientist)',
  'Aerospace Engineer (Data Systems)',
  'Budget Analyst (Data)',
  'Information Technology Project Manager',
  'Machine Learning Engineer',
  'Data Governance Lead',
];

/** Organization and department pairs as USAJOBS names them (an empty department as some small agencies send). */
const AGENCIES: ReadonlyArray<readonly [string, string]> = [
  ['Federal Aviation Administration', 'Department of Transportation'],
  ['U.S. Army Corps of Engineers', 'Department of the Army'],
  ['Bonneville Power Administration', 'Department of Energy'],
  ['Defense Counterintelligence and Security Agency', 'Department of Defense'],
  ['National Nuclear Security Administration', 'Department of Energy'],
  ['Federal Bureau of Investigation', 'Department of Justice'],
  ['Transportation Security Administration', 'Department of Homeland Security'],
  ['Office of the Secretary of Health and Human Services', 'Department of Health And Human Services'],
  ['U.S. Air Force - Agency Wide', 'Department of the Air Force'],
  ['National Oceanic and Atmospheric Administration', 'Department Of Commerce'],
  ['Goddard Space Flight Center', 'National Aeronautics and Space Administration'],
  ['Forest Service', 'Department Of Agriculture'],
  ['National Institute of Standards and Technology', 'Department Of Commerce'],
  ['Naval Medical Command', 'Department of the Navy'],
  ['Agricultural Research Service', 'Department Of Agriculture'],
  ['U.S. Census Bureau', 'Department Of Commerce'],
  ['National Science Foundation', ''],
  ['National Park Service', 'Department Of The Interior'],
  ['Veterans Affairs, Veterans Health Administration', 'Department Of Veterans Affairs'],
  ['Internal Revenue Service', 'Department of the Treasury'],
  ['Social Security Administration', 'Social Security Administration'],
  ['Environmental Protection Agency', 'Environmental Protection Agency'],
  ['U.S. Railroad Retirement Board', 'Railroad Retirement Board'],
  ['Centers for Disease Control and Prevention', 'Department Of Health And Human Services'],
  ['Cybersecurity and Infrastructure Security Agency', 'Department of Homeland Security'],
  ['Defense Logistics Agency', 'Department of Defense'],
  ['U.S. Customs and Border Protection', 'Department of Homeland Security'],
  ['Bureau of Labor Statistics', 'Department of Labor'],
  ['Smithsonian Institution', ''],
  ['Presidio Trust', ''],
];

/** Sentences summaries are built from; every summary names data engineering (the default keyword). */
const SUMMARY_OPENERS: readonly string[] = [
  'This position is part of a data engineering team that builds and runs the pipelines behind agency analytics.',
  'Join our data engineering group and help modernize how the agency collects, stores and shares mission data.',
  'The incumbent leads data engineering work for enterprise reporting, from ingestion to curated data products.',
  'We are looking for a data engineering professional to design, build and operate cloud data platforms.',
];
const SUMMARY_SENTENCES: readonly string[] = [
  'You will design batch and streaming pipelines that move data from operational systems into the analytics platform.',
  'Duties include data modeling, data quality monitoring, and documenting lineage for audit purposes.',
  'The team supports program offices across the region with dashboards, extracts and ad hoc analysis.',
  'You will work with security officers to keep sensitive records protected under the Privacy Act.',
  'Experience with SQL, Python and a major cloud provider is highly desirable.',
  'This is a career ladder position; promotion is not guaranteed and depends on performance.',
  'Telework may be authorized in accordance with agency policy and the needs of the office.',
  'Relocation expenses will not be paid. Travel of up to 10 percent may be required.',
  'The selectee will serve as a technical advisor on data architecture, integration and governance.',
  'You will automate recurring data loads, reconcile record counts and resolve data discrepancies.',
  'Selected applicants will maintain metadata catalogs and coordinate schema changes with system owners.',
  'Work involves evaluating new tools, writing technical specifications and mentoring junior staff.',
  'The position requires a background investigation and may require a security clearance.',
  'This announcement may be used to fill additional vacancies within 90 days of the closing date.',
  'Applicants must meet time-in-grade requirements by the closing date of this announcement.',
  'You will collaborate with statisticians and scientists to publish open data sets to the public.',
  'The office manages petabytes of observational data collected by field stations and satellites.',
  'Responsibilities include capacity planning, performance tuning and backup and recovery testing.',
  'You will develop APIs that expose curated data to internal applications and partner agencies.',
  'The work supports grants management, financial reporting and performance measurement.',
];

type Era = '2025' | '2022' | '2021' | '2016';

interface Template {
  item: SearchResultItem;
  era: Era;
}

/** Pay plan, grades and pay of one posting, before era formatting. */
interface PaySpec {
  plan: string;
  low: string;
  high: string;
  min: number;
  max: number;
  /** Interval code (PA, PH, BW, PD, PM, WC, FB, PW). */
  interval: string;
}

/** 2025 GS pay, Chicago locality, step 1 and step 10 (approximate; grades 1–15). */
const GS_PAY: Readonly<Record<number, readonly [number, number]>> = {
  3: [31_000, 40_300],
  4: [34_800, 45_250],
  5: [38_950, 50_630],
  6: [43_420, 56_450],
  7: [48_250, 62_730],
  8: [53_430, 69_460],
  9: [59_020, 76_720],
  10: [64_990, 84_490],
  11: [71_400, 92_820],
  12: [85_580, 111_250],
  13: [101_770, 132_300],
  14: [120_260, 156_340],
  15: [141_460, 183_900],
};

const INTERVAL_TEXT: Readonly<Record<string, string>> = {
  PA: 'Per Year',
  PH: 'Per Hour',
  BW: 'Bi-weekly',
  PD: 'Per Day',
  PM: 'Per Month',
  WC: 'Without Compensation',
  FB: 'Fee Basis',
  PW: 'Piece Work',
};

/**
 * Postings for a benchmark data set (see the file comment for the mix). Deterministic: the same options give the
 * same postings. Control numbers are unique within a set (`7xxxxxxxx`, offset by the seed).
 *
 * @param options - how many kept and dropped postings, seed and date anchor
 * @returns the postings, shuffled, and how many the default seeker keeps
 */
export function generatePostings(options: GeneratePostingsOptions): GeneratedPostings {
  const fitting = Math.max(0, Math.floor(options.fitting));
  const notFitting = Math.max(0, Math.floor(options.notFitting ?? fitting * 0.08));
  const seed = options.seed ?? 1;
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const random = mulberry32(seed);
  const { templates, places, bigLists } = material();
  const near = places.filter((place) => milesFromChicago(place) <= NEAR_MILES);
  const anywhere = places.filter((place) => place.CountryCode === 'United States');
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const chance = (p: number): boolean => random() < p;
  const between = (low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

  // Half of the kept postings come from the location search, half from the remote search; the dropped ones too.
  const kinds: ('near' | 'remote' | 'dropped')[] = [];
  for (let i = 0; i < fitting; i++) kinds.push(i % 2 === 0 ? 'near' : 'remote');
  for (let i = 0; i < notFitting; i++) kinds.push('dropped');
  shuffle(kinds, random);

  const firstId = 700_000_000 + (Math.abs(seed) % 100) * 1_000_000;
  const items = kinds.map((kind, index) => {
    const template = pickTemplate(templates, random);
    const id = String(firstId + index);
    const item = withControlNumber(template.item, id);
    const d = item.MatchedObjectDescriptor;
    const details = d.UserArea?.Details;
    const [organization, department] = pick(AGENCIES);
    d.PositionTitle = pick(TITLES);
    d.OrganizationName = organization;
    d.DepartmentName = department;

    const remote = kind === 'remote' || (kind === 'dropped' && chance(0.5));
    if (remote) {
      // A few remote postings also name a duty station near Chicago: both searches find them (kept once).
      const stations = chance(0.03) ? [pick(near)] : [];
      setLocations(d, [{ ...REMOTE_POSITION_LOCATION }, ...stations], REMOTE_LOCATION_DISPLAY);
    } else {
      setLocations(d, ...nearLocations(pick, chance, between, near, anywhere, bigLists));
    }
    if (details) {
      // The double's remote search (like USAJOBS') goes by RemoteIndicator, so remote postings always carry it.
      if (remote || 'RemoteIndicator' in details) details.RemoteIndicator = remote;
      if ('TeleworkEligible' in details) details.TeleworkEligible = remote || chance(0.6);
      details.JobSummary = summary(pick, between);
    }

    setPay(d, template.era, kind === 'dropped' ? droppedPay(pick) : fittingPay(random, pick, between));
    setDates(d, template.era, today, random);
    return item;
  });
  return { items, fitting };
}

/** 1 place mostly; some postings list several, a few hundreds (the real maximum is 1,176). */
function nearLocations(
  pick: <T>(list: readonly T[]) => T,
  chance: (p: number) => boolean,
  between: (low: number, high: number) => number,
  near: readonly RawPositionLocation[],
  anywhere: readonly RawPositionLocation[],
  bigLists: readonly (readonly RawPositionLocation[])[],
): [RawPositionLocation[], string | undefined] {
  const home = pick(near);
  if (chance(0.72)) return [[home], undefined];
  if (chance(0.93)) {
    const others = Array.from({ length: between(1, chance(0.8) ? 4 : 40) }, () => pick(anywhere));
    return [sortByName([home, ...others]), 'Multiple Locations'];
  }
  // Hundreds of places (agency-wide announcements): shared lists, each with a place near Chicago.
  return [pick(bigLists) as RawPositionLocation[], 'Multiple Locations'];
}

function fittingPay(
  random: () => number,
  pick: <T>(list: readonly T[]) => T,
  between: (low: number, high: number) => number,
): PaySpec {
  const roll = random();
  if (roll < 0.66) {
    // A GS-family range that overlaps 11–13: ladders from 5/7/9, single grades, 12–14, 13–15.
    const plan = pick(['GS', 'GS', 'GS', 'GS', 'GS', 'GG', 'GL', 'GM', 'FG']);
    const low = pick([5, 7, 9, 11, 11, 12, 12, 12, 13, 13]);
    const high = Math.max(low, pick([11, 12, 13, 13, 14, 15]));
    const [min] = GS_PAY[low] as readonly [number, number];
    const [, max] = GS_PAY[high] as readonly [number, number];
    return { plan, low: String(low), high: String(high), min, max, interval: 'PA' };
  }
  if (roll < 0.74) {
    // Pay bands and letter grades: the fit rules keep them (their grades say nothing about GS levels).
    const [plan, low, high] = pick<readonly [string, string, string]>([
      ['FV', 'G', 'K'],
      ['FV', 'H', 'J'],
      ['SV', 'D', 'G'],
      ['ZP', '3', '4'],
      ['NQ', '4', '4'],
      ['NH', '3', '4'],
      ['IS', '09', '13'],
    ]);
    const min = between(60, 120) * 1_000;
    return { plan, low, high, min, max: min + between(20, 60) * 1_000, interval: 'PA' };
  }
  if (roll < 0.8) {
    const min = between(95, 140) * 1_000;
    return { plan: pick(['AD', 'VN', 'ES']), low: '00', high: '00', min, max: min + 40_000, interval: 'PA' };
  }
  if (roll < 0.88) {
    const low = between(5, 12);
    const min = between(2_000, 3_600) / 100;
    return { plan: 'WG', low: String(low), high: String(low), min, max: min + 3.5, interval: 'PH' };
  }
  if (roll < 0.92) {
    const min = between(2_400, 4_200);
    return { plan: 'AD', low: '00', high: '00', min, max: min + 900, interval: 'BW' };
  }
  if (roll < 0.95) {
    const min = between(300, 700);
    return { plan: 'AD', low: '00', high: '00', min, max: min + 150, interval: 'PD' };
  }
  if (roll < 0.97) {
    const min = between(6_000, 11_000);
    return { plan: 'AD', low: '00', high: '00', min, max: min + 2_000, interval: 'PM' };
  }
  // No yearly equivalent: without compensation (0.0–0.0), fee basis, piece work.
  const interval = pick(['WC', 'FB', 'PW']);
  const min = interval === 'WC' ? 0 : between(50, 400);
  return { plan: 'AD', low: '00', high: '00', min, max: interval === 'WC' ? 0 : min * 2, interval };
}

/** GS grades entirely outside 11–13: the fit rules drop these for 5 years of experience. */
function droppedPay(pick: <T>(list: readonly T[]) => T): PaySpec {
  const [low, high] = pick<readonly [number, number]>([
    [5, 5],
    [5, 7],
    [7, 7],
    [7, 9],
    [9, 9],
    [9, 10],
    [14, 14],
    [14, 15],
    [15, 15],
  ]);
  const [min] = GS_PAY[low] as readonly [number, number];
  const [, max] = GS_PAY[high] as readonly [number, number];
  return { plan: 'GS', low: String(low), high: String(high), min, max, interval: 'PA' };
}

/** Writes pay plan, grades and pay in the template's era style. */
function setPay(d: MatchedObjectDescriptor, era: Era, pay: PaySpec): void {
  d.JobGrade = [{ Code: pay.plan }];
  const details = d.UserArea?.Details;
  if (details) {
    const padded = era === '2016' && /^\d$/.test(pay.low);
    details.LowGrade = padded ? pay.low.padStart(2, '0') : pay.low;
    details.HighGrade = padded ? pay.high.padStart(2, '0') : pay.high;
    if ('PromotionPotential' in details) details.PromotionPotential = pay.high;
  }
  const hourly = pay.interval === 'PH' || pay.interval === 'FB' || pay.interval === 'PW';
  const amount = (value: number): string => {
    if (hourly || value % 1 !== 0) return value.toFixed(2);
    if (era === '2025') return String(value);
    return era === '2016' ? String(value) : value.toFixed(1);
  };
  const text = INTERVAL_TEXT[pay.interval] ?? pay.interval;
  d.PositionRemuneration = [
    era === '2025'
      ? {
          MinimumRange: amount(pay.min),
          MaximumRange: amount(pay.max),
          RateIntervalCode: pay.interval,
          Description: text,
        }
      : { MinimumRange: amount(pay.min), MaximumRange: amount(pay.max), RateIntervalCode: text },
  ];
}

/** Published in the last 45 days (a fifth of them long-running, up to a year); most still open, some closed. */
function setDates(d: MatchedObjectDescriptor, era: Era, today: string, random: () => number): void {
  const open = random() < 0.8 ? -Math.floor(random() * 45) : -45 - Math.floor(random() * 320);
  const close =
    random() < 0.85 ? 1 + Math.floor(random() * 60) : Math.max(open + 1, -1 - Math.floor(random() * 30));
  const day = (offset: number): string => {
    const date = new Date(`${today}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + offset);
    return date.toISOString().slice(0, 10);
  };
  const [opening, closing] =
    era === '2021'
      ? [day(open), day(close)]
      : era === '2016'
        ? [`${day(open)}T00:00:00Z`, `${day(close)}T00:00:00Z`]
        : [`${day(open)}T00:00:00.0000`, `${day(close)}T23:59:59.9970`];
  d.PositionStartDate = opening;
  d.PublicationStartDate = opening;
  d.PositionEndDate = closing;
  d.ApplicationCloseDate = closing;
}

/** 1 to 12 sentences: 100 to about 2,000 characters, as real summaries run. */
function summary(pick: <T>(list: readonly T[]) => T, between: (low: number, high: number) => number): string {
  const sentences = [pick(SUMMARY_OPENERS)];
  const count = between(0, 11);
  for (let i = 0; i < count; i++) sentences.push(pick(SUMMARY_SENTENCES));
  return sentences.join(' ');
}

/** Modern result shapes mostly (2022–2025), some 2021 and 2016 ones. */
function pickTemplate(templates: Record<Era, readonly Template[]>, random: () => number): Template {
  const roll = random();
  const era: Era = roll < 0.45 ? '2025' : roll < 0.65 ? '2022' : roll < 0.85 ? '2021' : '2016';
  const list = templates[era];
  return list[Math.floor(random() * list.length)] as Template;
}

function setLocations(d: MatchedObjectDescriptor, locations: RawPositionLocation[], display?: string): void {
  d.PositionLocation = locations;
  // 2016 items have no PositionLocationDisplay key at all; keep it that way.
  if ('PositionLocationDisplay' in d)
    d.PositionLocationDisplay = display ?? String(locations[0]?.LocationName);
}

/** A copy of `template` under a new control number; nested parts this module does not vary are shared. */
function withControlNumber(template: SearchResultItem, id: string): SearchResultItem {
  const oldId = String(template.MatchedObjectId);
  const d = template.MatchedObjectDescriptor;
  const swapId = (value: unknown): unknown =>
    typeof value === 'string' ? value.split(oldId).join(id) : value;
  const positionId = typeof d.PositionID === 'string' ? d.PositionID : 'GEN';
  const descriptor: MatchedObjectDescriptor = {
    ...d,
    PositionID: /\d{4,}/.test(positionId) ? positionId.replace(/\d{4,}/, id) : `${positionId}-${id}`,
    PositionURI: swapId(d.PositionURI) as MatchedObjectDescriptor['PositionURI'],
    ApplyURI: Array.isArray(d.ApplyURI)
      ? (d.ApplyURI.map(swapId) as MatchedObjectDescriptor['ApplyURI'])
      : d.ApplyURI,
    UserArea: d.UserArea
      ? { ...d.UserArea, Details: d.UserArea.Details ? { ...d.UserArea.Details } : d.UserArea.Details }
      : d.UserArea,
  };
  return { ...template, MatchedObjectId: id, MatchedObjectDescriptor: descriptor };
}

interface Material {
  templates: Record<Era, readonly Template[]>;
  /** Every distinct real place with coordinates (0/0 "negotiable" entries left out). */
  places: readonly RawPositionLocation[];
  /** Shared lists of hundreds of places, each including one near Chicago. */
  bigLists: readonly (readonly RawPositionLocation[])[];
}

let cachedMaterial: Material | undefined;

/** The samples, read once and frozen: generated postings share their unvaried parts. */
function material(): Material {
  if (cachedMaterial) return cachedMaterial;
  const eraOf = (file: string): Era =>
    file.endsWith('01.json') || file.endsWith('02.json')
      ? '2025'
      : file.endsWith('03.json')
        ? '2022'
        : file.endsWith('04.json')
          ? '2021'
          : '2016';
  const templates: Record<Era, Template[]> = { '2025': [], '2022': [], '2021': [], '2016': [] };
  const byName = new Map<string, RawPositionLocation>();
  const realLists: RawPositionLocation[][] = [];
  for (const file of sampleFileNames()) {
    for (const item of loadSampleResponse(file).SearchResult.SearchResultItems) {
      const locations = item.MatchedObjectDescriptor.PositionLocation ?? [];
      for (const location of locations) {
        const name = String(location.LocationName ?? '');
        if (Number(location.Latitude) !== 0 && name !== '' && !byName.has(name)) byName.set(name, location);
      }
      if (locations.length >= 600) realLists.push(locations);
      templates[eraOf(file)].push({ item: deepFreeze(item), era: eraOf(file) });
    }
  }
  const places = [...byName.values()].sort((a, b) =>
    String(a.LocationName).localeCompare(String(b.LocationName)),
  );
  const chicago = places.find((place) => place.LocationName === 'Chicago, Illinois') as RawPositionLocation;
  // The real lists (673 and 1,176 places) and shorter agency-wide ones cut from the gazetteer.
  const slices = [120, 250, 400].map((size, n) => {
    const start = (n * 337) % Math.max(1, places.length - size);
    return sortByName([chicago, ...places.slice(start, start + size - 1)]);
  });
  const withChicago = (list: RawPositionLocation[]): RawPositionLocation[] =>
    list.some((place) => milesFromChicago(place) <= NEAR_MILES) ? list : sortByName([chicago, ...list]);
  const distinctReal = [...new Map(realLists.map((list) => [list.length, list])).values()];
  const bigLists = [...slices, ...distinctReal].map((list) => deepFreeze(withChicago([...list])));
  cachedMaterial = { templates, places: deepFreeze(places), bigLists };
  return cachedMaterial;
}

function milesFromChicago(place: RawPositionLocation): number {
  const latitude = Number(place.Latitude);
  const longitude = Number(place.Longitude);
  if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return Number.POSITIVE_INFINITY;
  return distanceMiles(CHICAGO, { latitude, longitude });
}

function sortByName(list: RawPositionLocation[]): RawPositionLocation[] {
  return list.sort((a, b) => String(a.LocationName).localeCompare(String(b.LocationName)));
}

function shuffle<T>(list: T[], random: () => number): void {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [list[i], list[j]] = [list[j] as T, list[i] as T];
  }
}
