import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import type {
  MatchedObjectDescriptor,
  RawPositionLocation,
  SearchResponse,
  SearchResultItem,
} from '../../src/usajobs/usajobs.types';

/**
 * Test data built from the six real USAJOBS responses in test/fixtures/usajobs (see SOURCES.md there). Synthetic
 * items are clones of real ones with a few fields varied, so every quirk of the real data (string numbers, string
 * booleans, misspelled keys, mixed date and pay formats, era-specific shapes) stays in front of the code under test.
 */

// Found by walking up, so that compiled copies of this module (benchmarks) read the same files.
const FIXTURE_DIR = findFixtureDir(__dirname);

function findFixtureDir(from: string): string {
  for (let dir = from; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'test', 'fixtures', 'usajobs');
    if (existsSync(candidate)) return candidate;
  }
  return path.resolve(__dirname, '../fixtures/usajobs');
}

/** A place with the coordinates USAJOBS uses for it (taken from the samples where they occur). */
export interface KnownLocation {
  /** `LocationName` / `CityName`, e.g. `Chicago, Illinois`. */
  name: string;
  /** State name, as USAJOBS puts it in `CountrySubDivisionCode`. */
  state: string;
  latitude: number;
  longitude: number;
}

/**
 * Places used by the generators and by the test double's gazetteer. Coordinates are those in the samples, except
 * Naperville (not in any sample: public coordinates of the city centre).
 */
export const KNOWN_LOCATIONS: readonly KnownLocation[] = Object.freeze([
  { name: 'Chicago, Illinois', state: 'Illinois', latitude: 41.88415, longitude: -87.63241 },
  { name: 'Naperville, Illinois', state: 'Illinois', latitude: 41.7508, longitude: -88.1535 },
  { name: 'Aurora, Illinois', state: 'Illinois', latitude: 41.75695, longitude: -88.31577 },
  { name: 'Joliet, Illinois', state: 'Illinois', latitude: 41.524933, longitude: -88.084595 },
  { name: 'Milwaukee, Wisconsin', state: 'Wisconsin', latitude: 43.04181, longitude: -87.906845 },
  { name: 'Rockford, Illinois', state: 'Illinois', latitude: 42.2669, longitude: -89.078354 },
  { name: 'Springfield, Illinois', state: 'Illinois', latitude: 39.801056, longitude: -89.64361 },
  {
    name: 'Washington, District of Columbia',
    state: 'District of Columbia',
    latitude: 38.8904,
    longitude: -77.032,
  },
  { name: 'Fort Meade, Maryland', state: 'Maryland', latitude: 39.1014, longitude: -76.7419 },
  { name: 'Atlanta, Georgia', state: 'Georgia', latitude: 33.748314, longitude: -84.39111 },
  { name: 'Denver, Colorado', state: 'Colorado', latitude: 39.74001, longitude: -104.992256 },
  { name: 'Salt Lake City, Utah', state: 'Utah', latitude: 40.75952, longitude: -111.88823 },
  { name: 'Seattle, Washington', state: 'Washington', latitude: 47.60358, longitude: -122.32945 },
  { name: 'Portland, Oregon', state: 'Oregon', latitude: 45.511795, longitude: -122.67563 },
]);

/** `PositionLocationDisplay` of remote postings. */
export const REMOTE_LOCATION_DISPLAY = 'Anywhere in the U.S. (remote job)';

/**
 * The location entry given to remote postings. Inferred, not captured: like "Location Negotiable After Selection"
 * entries it has 0/0 coordinates, so a radius search never finds it by distance.
 */
export const REMOTE_POSITION_LOCATION: Readonly<RawPositionLocation> = Object.freeze({
  LocationName: REMOTE_LOCATION_DISPLAY,
  CountryCode: 'United States',
  CountrySubDivisionCode: 'N/A',
  CityName: REMOTE_LOCATION_DISPLAY,
  Longitude: 0,
  Latitude: 0,
});

/**
 * File names of the real responses, in order (`sample-01.json` …).
 *
 * @returns base names
 */
export function sampleFileNames(): string[] {
  return readdirSync(FIXTURE_DIR)
    .filter((name) => /^sample-\d+\.json$/.test(name))
    .sort();
}

/**
 * One real response, freshly parsed (mutate at will).
 *
 * @param sample - 1 for `sample-01.json`, or the file name
 * @returns the response body as USAJOBS sent it (items trimmed, see SOURCES.md)
 */
export function loadSampleResponse(sample: number | string): SearchResponse {
  const file = typeof sample === 'number' ? `sample-${String(sample).padStart(2, '0')}.json` : sample;
  return JSON.parse(readFileSync(path.join(FIXTURE_DIR, file), 'utf8')) as SearchResponse;
}

/**
 * Every item of every real response, freshly parsed (mutate at will). 61 items from 2016 to 2025; control numbers
 * are unique, `PositionID`s are not.
 *
 * @returns the items in file order
 */
export function loadSampleItems(): SearchResultItem[] {
  return sampleFileNames().flatMap((file) => loadSampleResponse(file).SearchResult.SearchResultItems);
}

/** Options of {@link generateItems}. */
export interface GenerateItemsOptions {
  /** Varies titles, grades, pay and places; the same seed gives the same items. Default 1. */
  seed?: number;
  /** Real items to clone, used round-robin. Default: every sample item. */
  templates?: readonly SearchResultItem[];
  /** Control number of the first item; the next ones count up. Default `900000000 + (seed % 90) * 1e6`. */
  firstControlNumber?: number;
  /** Titles to draw from. */
  titles?: readonly string[];
  /** Names from {@link KNOWN_LOCATIONS} to draw places from. Default: all of them. */
  locations?: readonly string[];
  /** Final change to each item (it is already a copy; nested objects not varied here are shared and frozen). */
  patch?: (item: SearchResultItem, index: number) => void;
}

/** Titles in the styles USAJOBS uses (mixed case, parenthesised specialties); most contain "data". */
export const GENERATED_TITLES: readonly string[] = Object.freeze([
  'Data Engineer',
  'IT Specialist (Data Management)',
  'IT SPECIALIST (DATA MANAGEMENT/APPSW)',
  'Data Scientist',
  'Computer Scientist (Data Scientist/Data Analyst)',
  'Supervisory IT Specialist (Data Engineering)',
  'Statistician (Data Science)',
  'Program Analyst (Data Analytics)',
  'Management and Program Analyst',
  'Operations Research Analyst',
  'Physical Scientist',
  'Budget Analyst',
]);

/** Approximate 2024 Chicago GS annual pay, step 1 and step 10, by grade (OPM 2024-CHI; 15 capped at EX-IV). */
const GS_PAY: Readonly<Record<number, readonly [number, number]>> = {
  5: [46_007, 59_811],
  7: [56_990, 74_087],
  9: [69_714, 90_630],
  11: [80_994, 105_289],
  12: [97_079, 126_198],
  13: [115_439, 150_075],
  14: [136_414, 177_341],
  15: [160_462, 191_900],
};
const LOW_GRADES = [5, 7, 9, 11, 12, 13, 14] as const;

let cachedTemplates: readonly SearchResultItem[] | undefined;

/** Sample items, parsed once and deep-frozen: generated items share their unvaried parts. */
function sampleTemplates(): readonly SearchResultItem[] {
  cachedTemplates ??= Object.freeze(loadSampleItems().map((item) => deepFreeze(item)));
  return cachedTemplates;
}

/**
 * Synthetic items for volume tests: clones of real items with a fresh control number and `PositionID`, and a
 * deterministic title, place, grade and pay. Era quirks are kept: grade zero-padding and pay decimals follow the
 * template, 2016 items keep no `PositionLocationDisplay`, non-annual or non-GS-like pay stays as it was, URIs keep
 * `:443` and their era's path. Unvaried nested objects are shared between items and frozen (memory stays small
 * for tens of thousands of items): copy before mutating them.
 *
 * @param n - how many items
 * @param overrides - seed, templates, id range, pools and a final patch
 * @returns `n` items with unique control numbers
 */
export function generateItems(n: number, overrides: GenerateItemsOptions = {}): SearchResultItem[] {
  const seed = overrides.seed ?? 1;
  const random = mulberry32(seed);
  const templates = overrides.templates ?? sampleTemplates();
  if (templates.length === 0) throw new Error('generateItems needs at least one template');
  const firstId = overrides.firstControlNumber ?? 900_000_000 + (Math.abs(seed) % 90) * 1_000_000;
  const titles = overrides.titles ?? GENERATED_TITLES;
  const places = (overrides.locations ?? KNOWN_LOCATIONS.map((l) => l.name)).map(knownLocation);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;

  const items: SearchResultItem[] = [];
  for (let i = 0; i < n; i++) {
    const template = templates[i % templates.length] as SearchResultItem;
    const id = String(firstId + i);
    const item = withControlNumber(template, id);
    const descriptor = item.MatchedObjectDescriptor;
    descriptor.PositionTitle = pick(titles);
    setLocations(descriptor, [toPositionLocation(pick(places))]);
    const low = pick(LOW_GRADES);
    const high = Math.min(15, low + pick([0, 0, 1, 2]));
    setGradesAndPay(descriptor, low, high);
    overrides.patch?.(item, i);
    items.push(item);
  }
  return items;
}

/** The Chicago fixture and what a test should expect of each item. */
export interface ChicagoFixture {
  items: SearchResultItem[];
  /** Control numbers by property. */
  ids: {
    /** A `PositionLocation` entry within 50 miles of Chicago (one of them only as its second entry). */
    nearby: string[];
    /** `Details.RemoteIndicator` true, shown as "Anywhere in the U.S. (remote job)". */
    remote: string[];
    /** Neither nearby nor remote (Milwaukee, ~80 miles, is the closest). */
    far: string[];
    /** Match the keyword "data engineering" (and "data") in title and summary. */
    keyword: string[];
    /** Grade range entirely within GS 11–13 (all others entirely outside). */
    inGradeBand: string[];
    /** Keyword, grade band and (nearby or remote): what the default job seeker should get. */
    fits: string[];
  };
}

interface ChicagoSpec {
  title: string;
  grades: [number, number];
  where: string[] | 'remote';
  keyword: boolean;
  template: 'y2025' | 'y2024' | 'y2022';
}

const CHICAGO_SPECS: readonly ChicagoSpec[] = [
  {
    title: 'Data Engineer',
    grades: [12, 12],
    where: ['Chicago, Illinois'],
    keyword: true,
    template: 'y2025',
  },
  {
    title: 'IT Specialist (Data Management)',
    grades: [11, 13],
    where: ['Naperville, Illinois'],
    keyword: true,
    template: 'y2024',
  },
  {
    title: 'Supervisory Data Scientist',
    grades: [14, 15],
    where: ['Chicago, Illinois'],
    keyword: true,
    template: 'y2025',
  },
  {
    title: 'Data Technician',
    grades: [5, 7],
    where: ['Chicago, Illinois'],
    keyword: true,
    template: 'y2025',
  },
  {
    title: 'Data Management Specialist',
    grades: [12, 13],
    // Alphabetical, as USAJOBS sorts them: the Chicago entry is not the first.
    where: ['Atlanta, Georgia', 'Chicago, Illinois', 'Denver, Colorado'],
    keyword: true,
    template: 'y2022',
  },
  {
    title: 'Budget Analyst',
    grades: [12, 12],
    where: ['Chicago, Illinois'],
    keyword: false,
    template: 'y2025',
  },
  { title: 'Data Engineer', grades: [12, 13], where: 'remote', keyword: true, template: 'y2025' },
  { title: 'Data Scientist (Remote)', grades: [13, 13], where: 'remote', keyword: true, template: 'y2024' },
  { title: 'Senior Data Architect', grades: [15, 15], where: 'remote', keyword: true, template: 'y2025' },
  { title: 'Data Engineer', grades: [12, 12], where: ['Denver, Colorado'], keyword: true, template: 'y2025' },
  { title: 'Data Analyst', grades: [11, 12], where: ['Portland, Oregon'], keyword: true, template: 'y2024' },
  {
    title: 'Data Engineer',
    grades: [12, 12],
    where: ['Milwaukee, Wisconsin'],
    keyword: true,
    template: 'y2022',
  },
];

/** Control number of the first Chicago fixture item; the others follow. */
export const CHICAGO_FIRST_CONTROL_NUMBER = 990_000_001;

/**
 * A small, fully known data set around the default job seeker (data engineering, Chicago, 50 miles, remote,
 * GS 11–13): twelve items cloned from real 2022–2025 items (deep copies, mutate at will).
 *
 * @param options - `today` (`YYYY-MM-DD`, default the current UTC date) anchors posting and closing dates so the
 *   postings are open: posted 3 days before, closing 27 days after
 * @returns the items and their expected classification
 */
export function buildChicagoFixture(options: { today?: string } = {}): ChicagoFixture {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const templates = {
    y2025: loadSampleResponse(1).SearchResult.SearchResultItems[3] as SearchResultItem,
    y2024: loadSampleResponse(2).SearchResult.SearchResultItems[0] as SearchResultItem,
    y2022: loadSampleResponse(3).SearchResult.SearchResultItems[0] as SearchResultItem,
  };
  const ids: ChicagoFixture['ids'] = {
    nearby: [],
    remote: [],
    far: [],
    keyword: [],
    inGradeBand: [],
    fits: [],
  };
  const items = CHICAGO_SPECS.map((spec, index) => {
    const id = String(CHICAGO_FIRST_CONTROL_NUMBER + index);
    const item = structuredClone(withControlNumber(templates[spec.template], id));
    const descriptor = item.MatchedObjectDescriptor;
    const details = descriptor.UserArea?.Details ?? {};
    descriptor.PositionTitle = spec.title;
    details.JobSummary = spec.keyword
      ? `Join the ${spec.title} team: you will design, build and run data engineering pipelines that feed agency analytics.`
      : 'Prepares, justifies and executes the annual budget of the district and reviews obligations for compliance.';
    setGradesAndPay(descriptor, spec.grades[0], spec.grades[1]);
    if (spec.where === 'remote') {
      setLocations(descriptor, [{ ...REMOTE_POSITION_LOCATION }], REMOTE_LOCATION_DISPLAY);
      details.RemoteIndicator = true;
    } else {
      const places = spec.where.map((name) => toPositionLocation(knownLocation(name)));
      setLocations(descriptor, places, places.length > 1 ? 'Multiple Locations' : undefined);
      details.RemoteIndicator = false;
    }
    setDates(descriptor, today);
    if (descriptor.UserArea) descriptor.UserArea.Details = details;

    const nearby =
      spec.where !== 'remote' && spec.where.some((name) => milesFromChicago(knownLocation(name)) <= 50);
    const remote = spec.where === 'remote';
    const inBand = spec.grades[0] >= 11 && spec.grades[1] <= 13;
    if (nearby) ids.nearby.push(id);
    if (remote) ids.remote.push(id);
    if (!nearby && !remote) ids.far.push(id);
    if (spec.keyword) ids.keyword.push(id);
    if (inBand) ids.inGradeBand.push(id);
    if (spec.keyword && inBand && (nearby || remote)) ids.fits.push(id);
    return item;
  });
  return { items, ids };
}

/**
 * Great-circle distance in statute miles (haversine, mean Earth radius).
 *
 * @param a - first point
 * @param b - second point
 * @returns miles
 */
export function distanceMiles(
  a: { latitude: number; longitude: number },
  b: { latitude: number; longitude: number },
): number {
  const toRad = (deg: number): number => (deg * Math.PI) / 180;
  const dLat = toRad(b.latitude - a.latitude);
  const dLon = toRad(b.longitude - a.longitude);
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRad(a.latitude)) * Math.cos(toRad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * 3958.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * A known place by name.
 *
 * @param name - e.g. `Chicago, Illinois`
 * @returns its coordinates
 * @throws Error for a name not in {@link KNOWN_LOCATIONS}
 */
export function knownLocation(name: string): KnownLocation {
  const found = KNOWN_LOCATIONS.find((l) => l.name.toLowerCase() === name.trim().toLowerCase());
  if (!found) throw new Error(`Unknown location "${name}" (add it to KNOWN_LOCATIONS)`);
  return found;
}

function milesFromChicago(place: KnownLocation): number {
  return distanceMiles(knownLocation('Chicago, Illinois'), place);
}

function toPositionLocation(place: KnownLocation): RawPositionLocation {
  return {
    LocationName: place.name,
    CountryCode: 'United States',
    CountrySubDivisionCode: place.state,
    CityName: place.name,
    Longitude: place.longitude,
    Latitude: place.latitude,
  };
}

/**
 * A copy of `template` under a new control number: top-level, descriptor, UserArea and Details are copied (the
 * fields this module varies live there), the rest is shared.
 */
function withControlNumber(template: SearchResultItem, id: string): SearchResultItem {
  const oldId = String(template.MatchedObjectId);
  const d = template.MatchedObjectDescriptor;
  const swapId = (value: unknown): unknown =>
    typeof value === 'string' ? value.split(oldId).join(id) : value;
  const descriptor: MatchedObjectDescriptor = {
    ...d,
    PositionID: freshPositionId(d.PositionID, id),
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

/** Announcement numbers keep their agency style; the number part becomes unique. */
function freshPositionId(positionId: unknown, id: string): string {
  const text = typeof positionId === 'string' ? positionId : 'GEN';
  return /\d{4,}/.test(text) ? text.replace(/\d{4,}/, id) : `${text}-${id}`;
}

function setLocations(
  descriptor: MatchedObjectDescriptor,
  locations: RawPositionLocation[],
  display?: string,
): void {
  descriptor.PositionLocation = locations;
  // 2016 items have no PositionLocationDisplay key at all; keep it that way.
  if ('PositionLocationDisplay' in descriptor) {
    descriptor.PositionLocationDisplay = display ?? String(locations[0]?.LocationName ?? '');
  }
}

/** Grades and annual pay only for plans that use GS grades and items paid per year; others keep their quirks. */
function setGradesAndPay(descriptor: MatchedObjectDescriptor, low: number, high: number): void {
  const plan = String(descriptor.JobGrade?.[0]?.Code ?? '');
  const pay = descriptor.PositionRemuneration?.[0];
  const annual = /^(PA|Per Year)$/i.test(String(pay?.RateIntervalCode ?? ''));
  if (!['GS', 'GG', 'FG'].includes(plan) || !annual || !pay) return;
  const details = descriptor.UserArea?.Details;
  if (details) {
    const padded = /^0\d$/.test(String(details.LowGrade ?? ''));
    const format = (grade: number): string => (padded ? String(grade).padStart(2, '0') : String(grade));
    details.LowGrade = format(low);
    details.HighGrade = format(high);
    if ('PromotionPotential' in details) details.PromotionPotential = String(high);
  }
  const decimals = /\.(\d+)$/.exec(String(pay.MinimumRange ?? ''))?.[1]?.length ?? 0;
  const [min] = GS_PAY[nearestGrade(low)] as readonly [number, number];
  const [, max] = GS_PAY[nearestGrade(high)] as readonly [number, number];
  descriptor.PositionRemuneration = [
    { ...pay, MinimumRange: min.toFixed(decimals), MaximumRange: max.toFixed(decimals) },
    ...(descriptor.PositionRemuneration ?? []).slice(1),
  ];
}

function nearestGrade(grade: number): number {
  const grades = Object.keys(GS_PAY).map(Number);
  return grades.reduce((best, g) => (Math.abs(g - grade) < Math.abs(best - grade) ? g : best));
}

/** Dates in the template's era format (2021 bare dates, 2016 with Z, otherwise 4-digit fractions, no offset). */
function setDates(descriptor: MatchedObjectDescriptor, today: string): void {
  const shift = (days: number): string => {
    const date = new Date(`${today}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().slice(0, 10);
  };
  const style = String(descriptor.PublicationStartDate ?? '');
  const open = shift(-3);
  const close = shift(27);
  const [opening, closing] = /^\d{4}-\d{2}-\d{2}$/.test(style)
    ? [open, close]
    : style.endsWith('Z')
      ? [`${open}T00:00:00Z`, `${close}T00:00:00Z`]
      : [`${open}T00:00:00.0000`, `${close}T23:59:59.9970`];
  descriptor.PositionStartDate = opening;
  descriptor.PublicationStartDate = opening;
  descriptor.PositionEndDate = closing;
  descriptor.ApplicationCloseDate = closing;
}

/** Small, fast, seedable PRNG: the same seed gives the same sequence on every platform. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Freezes a value and everything it holds. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  }
  return value;
}
