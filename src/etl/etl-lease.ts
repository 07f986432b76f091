/** The lease that makes runs exclusive across processes sharing one database (collection `leases`). */
export const ETL_LEASE = 'etl';

/**
 * What the ETL lease names instead of a run id while search profile changes are applied to the stored jobs
 * (src/etl/profile-matches.ts): a run that finds the lease so held waits for it rather than refusing.
 */
export const PROFILE_CHANGES_HOLDER = 'search-profile-changes';
