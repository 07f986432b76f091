/** Every field of a Job, nested objects included: the largest selection a client can make of one job. */
export const ALL_JOB_FIELDS = `id positionId positionTitle positionUri applyUris positionLocationDisplay
  positionLocation { locationName cityName countrySubDivisionCode countryCode latitude longitude }
  positionRemuneration { minimumRange maximumRange rateIntervalCode description }
  annualSalary { min max } organizationName departmentName payPlan lowGrade highGrade remote teleworkEligible
  qualificationSummary jobSummary publicationStartDate applicationCloseDate isOpen firstSeenAt lastSeenAt`;

/** Every field of an EtlRun. */
export const ALL_ETL_RUN_FIELDS = `id status trigger startedAt finishedAt durationMs pagesFetched fetched kept skipped
  inserted updated unchanged errors
  params { keyword locationName radiusMiles yearsOfExperience includeRemote minSalary datePostedDays maxPages }`;

/** Every field of JobStats. */
export const ALL_JOB_STATS_FIELDS = `totalCount annualSalary { lowest highest averageMin averageMax }
  byDepartment { key count } byState { key count }`;

/** One HTTP answer of the GraphQL endpoint, read whole. */
export interface RawResponse {
  status: number;
  contentType: string | null;
  /** The body as sent. */
  text: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: RawGraphqlBody | undefined;
}

export interface RawGraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: { message: string; path?: unknown[]; extensions?: Record<string, unknown> }[];
}

/**
 * POSTs a body to a GraphQL endpoint as a client library would (JSON, `content-type: application/json`), without
 * any of a client library's own checks, so tests can send what no client would.
 *
 * @param body - serialized with JSON.stringify, unless a string (sent as is)
 * @param headers - extra headers, e.g. authorization
 */
export async function postRaw(
  endpoint: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: RawGraphqlBody | undefined;
  try {
    json = JSON.parse(text) as RawGraphqlBody;
  } catch {
    json = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type'), text, json };
}

/** The `extensions.code` of each error of an answer. */
export function errorCodes(response: RawResponse): unknown[] {
  return (response.json?.errors ?? []).map((error) => error.extensions?.code);
}
