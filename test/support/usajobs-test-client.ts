import { loadConfig } from '../../src/config';
import type { RunEtlOptions } from '../../src/etl/run-etl';
import type { Logger } from '../../src/logger';
import { createLogger } from '../../src/logger';
import { EtlTrigger } from '../../src/models/etl-run.model';
import {
  createUsajobsClient,
  type UsajobsClient,
  type UsajobsClientOptions,
} from '../../src/usajobs/usajobs.client';
import { DOUBLE_API_KEY, DOUBLE_USER_AGENT, type UsajobsDouble } from './usajobs-double';

/**
 * A USAJOBS client pointed at the test double, built the way the service builds its own (createUsajobsClient from
 * the configuration): the double's URL and credentials, no pacing.
 *
 * @param double - the running double
 * @param overrides - any client option (a wrong `apiKey`, a short `timeoutMs`, a recording `sleep`, …)
 */
export function doubleClient(
  double: UsajobsDouble,
  overrides: Partial<UsajobsClientOptions> = {},
): UsajobsClient {
  const config = loadConfig({
    USAJOBS_BASE_URL: double.url,
    USAJOBS_API_KEY: DOUBLE_API_KEY,
    USAJOBS_USER_AGENT: DOUBLE_USER_AGENT,
    USAJOBS_REQUEST_INTERVAL_MS: '0',
  });
  return createUsajobsClient(config, overrides.logger ?? createLogger('silent'), overrides);
}

/**
 * ETL options that read from the test double, wired as src/index.ts wires the real client.
 *
 * @param double - the running double
 * @param options - `client` options for {@link doubleClient}, and any run option (trigger defaults to API)
 */
export function doubleEtlOptions(
  double: UsajobsDouble,
  options: Partial<RunEtlOptions> & { client?: Partial<UsajobsClientOptions>; logger?: Logger } = {},
): RunEtlOptions {
  const { client, ...rest } = options;
  const logger = rest.logger ?? createLogger('silent');
  return {
    trigger: EtlTrigger.API,
    createClient: () => doubleClient(double, { logger, ...client }),
    ...rest,
    logger,
  };
}
