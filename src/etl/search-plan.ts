import type { SearchQuery } from '../usajobs/usajobs.client';
import type { EtlParams } from './params';

export interface PlannedSearch {
  /** `location` results fit by place; `remote` results fit only when the posting is remote. */
  name: 'location' | 'remote';
  query: SearchQuery;
}

/**
 * The USAJOBS searches one run makes: keyword near the location, and (when remote jobs count) keyword + remote.
 *
 * @param params - the run's parameters
 * @returns the searches in the order they run; results are merged and de-duplicated by control number
 */
export function planSearches(params: EtlParams): PlannedSearch[] {
  const common = {
    keyword: params.keyword,
    minSalary: params.minSalary ?? null,
    datePostedDays: params.datePostedDays ?? null,
  };
  const searches: PlannedSearch[] = [
    {
      name: 'location',
      query: { ...common, locationName: params.locationName, radiusMiles: params.radiusMiles },
    },
  ];
  if (params.includeRemote) searches.push({ name: 'remote', query: { ...common, remote: true } });
  return searches;
}
