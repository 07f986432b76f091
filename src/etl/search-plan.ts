import type { SearchQuery } from '../usajobs/usajobs.client';
import type { SearchSpec, SearchTarget } from './search-target';

/** Which job seeker a search serves, and how its results fit that seeker's location rule. */
export interface SearchRole {
  /** Index of the target in the run's targets. */
  target: number;
  /**
   * The search already placed its results where the seeker looks (the location search, or the one search of a
   * seeker who looks anywhere); false for the remote search, whose results fit only when remote.
   */
  fromLocationSearch: boolean;
}

export interface PlannedSearch {
  /** `location` (near a place), `remote` (remote postings) or `anywhere` (no place). */
  kind: 'location' | 'remote' | 'anywhere';
  /** The query as the run record shows it, e.g. `keyword=data engineering; location=Chicago, Illinois; radius=50`. */
  label: string;
  query: SearchQuery;
  /** Pages read at most (ad-hoc runs); null: all. */
  maxPages: number | null;
  /** Every target that asked for exactly this search. */
  roles: SearchRole[];
}

/**
 * The USAJOBS searches of one run. A target near a place gets the keyword search near it, plus a remote search when
 * remote postings count; a target without a place gets one search anywhere. Searches that several targets ask for
 * identically run once and serve them all; the results of all searches are merged by control number.
 *
 * @param targets - the run's job seekers
 * @returns the searches in the order they run (the first target's first)
 */
export function planSearches(targets: readonly SearchTarget[]): PlannedSearch[] {
  const byKey = new Map<string, PlannedSearch>();
  targets.forEach((target, index) => {
    for (const { kind, query } of searchesOf(target.spec)) {
      const key = JSON.stringify([queryKey(query), target.spec.maxPages]);
      let search = byKey.get(key);
      if (!search) {
        search = { kind, label: describeQuery(query), query, maxPages: target.spec.maxPages, roles: [] };
        byKey.set(key, search);
      }
      search.roles.push({ target: index, fromLocationSearch: kind !== 'remote' });
    }
  });
  return [...byKey.values()];
}

function searchesOf(spec: SearchSpec): { kind: PlannedSearch['kind']; query: SearchQuery }[] {
  const common: SearchQuery = {
    keyword: spec.keyword?.trim() || null,
    minSalary: spec.minSalary,
    datePostedDays: spec.datePostedDays,
    jobCategoryCodes: sorted(spec.jobCategoryCodes),
    organizationCodes: sorted(spec.organizationCodes),
    payPlans: sorted(spec.payPlans),
  };
  const locationName = spec.locationName?.trim();
  if (!locationName) return [{ kind: 'anywhere', query: common }];
  const searches: { kind: PlannedSearch['kind']; query: SearchQuery }[] = [
    { kind: 'location', query: { ...common, locationName, radiusMiles: spec.radiusMiles } },
  ];
  if (spec.includeRemote) searches.push({ kind: 'remote', query: { ...common, remote: true } });
  return searches;
}

function sorted(codes: readonly string[]): string[] {
  return [...new Set(codes.map((code) => code.trim()).filter(Boolean))].sort();
}

/** A canonical form of a query: equal for queries USAJOBS answers identically. */
function queryKey(query: SearchQuery): string {
  return JSON.stringify({
    keyword: query.keyword?.toLowerCase() ?? null,
    locationName: query.locationName?.toLowerCase() ?? null,
    radiusMiles: query.locationName ? (query.radiusMiles ?? null) : null,
    remote: query.remote === true,
    minSalary: query.minSalary ?? null,
    datePostedDays: query.datePostedDays ?? null,
    jobCategoryCodes: query.jobCategoryCodes ?? [],
    organizationCodes: query.organizationCodes ?? [],
    payPlans: query.payPlans ?? [],
  });
}

/**
 * How a query reads in a run record.
 *
 * @param query - a search or slice query
 * @returns its parameters, `;`-separated, e.g. `keyword=data; location=Chicago, Illinois; radius=50`
 */
export function describeQuery(query: SearchQuery): string {
  const parts: string[] = [];
  if (query.keyword) parts.push(`keyword=${query.keyword}`);
  if (query.locationName) {
    parts.push(`location=${query.locationName}`);
    if (query.radiusMiles !== undefined) parts.push(`radius=${query.radiusMiles}`);
  }
  if (query.remote) parts.push('remote');
  if (query.minSalary != null) parts.push(`minSalary=${query.minSalary}`);
  if (query.datePostedDays != null) parts.push(`datePosted=${query.datePostedDays}`);
  if (query.payPlans?.length) parts.push(`payPlan=${query.payPlans.join(',')}`);
  if (query.jobCategoryCodes?.length) parts.push(`series=${query.jobCategoryCodes.join(',')}`);
  if (query.organizationCodes?.length) parts.push(`organization=${query.organizationCodes.join(',')}`);
  return parts.length === 0 ? 'everything' : parts.join('; ');
}
