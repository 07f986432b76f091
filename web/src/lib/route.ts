/* The dashboard's places, in the address's fragment so that the service serves one page. Pure: no DOM. */

export type View = 'jobs' | 'job' | 'insights' | 'searches' | 'runs';

export interface Route {
  view: View;
  /** The job's control number (view `job`). */
  id?: string;
  /** The search (views `jobs` and `insights`). */
  params: URLSearchParams;
}

/**
 * Reads a fragment such as `#/jobs?keyword=data`, `#/job/123456`, `#/searches` or `#/runs`; anything else is the job
 * list.
 */
export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter((part) => part !== '');
  if (parts[0] === 'job' && parts[1]) return { view: 'job', id: decodeURIComponent(parts[1]), params };
  if (parts[0] === 'insights') return { view: 'insights', params };
  if (parts[0] === 'runs') return { view: 'runs', params };
  if (parts[0] === 'searches') return { view: 'searches', params };
  return { view: 'jobs', params };
}

/** The fragment of a place. */
export function hrefOf(view: View, params?: URLSearchParams, id?: string): string {
  const query = params && params.toString() ? `?${params.toString()}` : '';
  if (view === 'job') return `#/job/${encodeURIComponent(id ?? '')}${query}`;
  return `#/${view}${query}`;
}
