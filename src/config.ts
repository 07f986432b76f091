import { Cron } from 'croner';
import { z } from 'zod';

/** Defaults that code outside the configuration also falls back on (the USAJOBS client, the ETL): one place. */
export const DEFAULTS = {
  /** Attempts per USAJOBS request, first try included. */
  usajobsMaxAttempts: 5,
  /** Per-request USAJOBS timeout; a 500-item page can weigh tens of MB. */
  usajobsTimeoutMs: 30_000,
  /** Minimum spacing of two USAJOBS request starts: about one a second, as no rate limit is published. */
  usajobsRequestIntervalMs: 1_000,
  /** Lifetime of the ETL lease without renewal. */
  etlLeaseTtlMs: 60_000,
  /** Attempts per digest delivery (one channel, one saved search), first try included. */
  digestMaxAttempts: 3,
  /** Per-attempt limit of a digest delivery: the whole SMTP exchange or webhook request. */
  digestTimeoutMs: 10_000,
  /** Pause before the second attempt of a digest delivery; doubled before each further one. */
  digestRetryDelayMs: 1_000,
  /** Jobs listed per section (new, changed, withdrawn) of one digest; the counts stay complete. */
  digestListLimit: 100,
  /** Sender of the digest e-mails when DIGEST_FROM is unset. */
  digestFrom: 'Job Tracker <job-tracker@localhost>',
} as const;

/**
 * Every environment variable the service reads, with its default. This schema is the single source of truth:
 * `.env.example`, the README's configuration table and the docker-compose test all derive from or check against it.
 */
const envSchema = z.object({
  /** `development` (default), `production` or `test`. Production hides Sandbox/introspection and needs ADMIN_TOKEN. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** HTTP port of the API. */
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  /**
   * Interface the API binds to. Default: `127.0.0.1` in development and test (a laptop's dev server, with Sandbox
   * and introspection, is not served to the network), `0.0.0.0` in production. The image, compose and Kubernetes
   * set `0.0.0.0` themselves.
   */
  HOST: z.string().min(1).optional(),
  /** MongoDB connection string. Unset: an embedded FerretDB is started with its files under DATA_DIR. */
  MONGO_URI: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
    .optional(),
  /** Where the embedded database keeps its files. */
  DATA_DIR: z.string().min(1).default('./.data'),
  /** Port of the embedded database for `npm run db`. */
  DB_PORT: z.coerce.number().int().min(0).max(65535).default(27017),
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** USAJOBS Search API base URL. */
  USAJOBS_BASE_URL: z.url().default('https://data.usajobs.gov'),
  /** USAJOBS API key (header Authorization-Key). Alias: API_KEY. */
  USAJOBS_API_KEY: z.string().min(1).optional(),
  /** The e-mail address registered with the key (header User-Agent). Alias: API_USER. */
  USAJOBS_USER_AGENT: z.string().min(1).optional(),
  /** Per-request timeout against USAJOBS, in milliseconds. */
  USAJOBS_TIMEOUT_MS: z.coerce.number().int().min(1).default(DEFAULTS.usajobsTimeoutMs),
  /** Attempts per USAJOBS request (first try included). */
  USAJOBS_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(DEFAULTS.usajobsMaxAttempts),
  /** Minimum pause between two USAJOBS requests, in milliseconds (about one request a second). */
  USAJOBS_REQUEST_INTERVAL_MS: z.coerce.number().int().min(0).default(DEFAULTS.usajobsRequestIntervalMs),
  /** Bearer token for the admin mutations. Required in production; generated and printed once in development. */
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * Cron expression for scheduled ETL runs: 5 fields, or 6 with seconds first (e.g. `0 6 * * *`); unset: no schedule.
   * Every replica runs the schedule; each tick runs once across them.
   */
  ETL_CRON: z.string().min(1).optional(),
  /** Lifetime of the ETL lease without renewal: how long a crashed run can block the next one, in milliseconds. */
  ETL_LEASE_TTL_MS: z.coerce.number().int().min(1_000).default(DEFAULTS.etlLeaseTtlMs),
  /** Time zone of ETL_CRON (IANA name). */
  ETL_TZ: z.string().min(1).default('America/Chicago'),
  /**
   * Browser origins allowed to call the API from another site (CORS), comma-separated, e.g.
   * `https://jobs.example.com,http://localhost:5173`. Empty (default): no CORS headers, so browsers let only pages
   * served by the API itself call it. Exact origins only (scheme://host[:port]); no `*`.
   */
  CORS_ORIGINS: z
    .string()
    .optional()
    .transform((value, ctx) => parseOrigins(value ?? '', ctx)),
  /**
   * SMTP server for the digest e-mails, e.g. `smtps://user:password@smtp.example.com` (TLS from the start, port
   * 465) or `smtp://user:password@smtp.example.com:587` (STARTTLS when offered). Unset: no e-mail.
   */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/?#\s]+/, 'must be an smtp:// or smtps:// URL naming a host')
    .refine(isUrl, 'must be a valid URL (percent-encode special characters of the user and password)')
    .optional(),
  /** Who gets every saved search's digest by e-mail: comma-separated addresses (a saved search's digestTo wins). */
  DIGEST_TO: z
    .string()
    .optional()
    .transform((value, ctx) => parseAddresses(value ?? '', ctx)),
  /** The digest e-mails' sender, `address` or `Name <address>`: one your SMTP server lets you send as. */
  DIGEST_FROM: z
    .string()
    .refine((value) => addressOf(value) !== undefined, 'must be an address or Name <address>')
    .default(DEFAULTS.digestFrom),
  /** Where digests are POSTed as JSON (http or https), signed with DIGEST_WEBHOOK_SECRET. Unset: no webhook. */
  DIGEST_WEBHOOK_URL: z
    .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
    // fetch refuses a URL with credentials; the signature is what authenticates a delivery.
    .refine(
      (url) => !/^https?:\/\/[^/?#]*@/i.test(url),
      'must not hold a user or password (the signature authenticates)',
    )
    .optional(),
  /** Key of the webhook's HMAC-SHA256 signature (header X-Job-Tracker-Signature); required with the URL. */
  DIGEST_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Attempts per digest delivery (one saved search, one channel), first try included. */
  DIGEST_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(DEFAULTS.digestMaxAttempts),
  /** Time limit of one delivery attempt (SMTP exchange or webhook request), in milliseconds. */
  DIGEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(DEFAULTS.digestTimeoutMs),
  /** Jobs listed per section of a digest (new, changed, withdrawn); the counts stay complete. */
  DIGEST_LIST_LIMIT: z.coerce.number().int().min(1).max(1_000).default(DEFAULTS.digestListLimit),
  /** Allow introspection outside development (`true`/`false`). */
  GRAPHQL_INTROSPECTION: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
});

/** Names of every environment variable the config knows (aliases included). */
export const CONFIG_KEYS: readonly string[] = [...Object.keys(envSchema.shape), 'API_KEY', 'API_USER'];

export type Config = Omit<z.infer<typeof envSchema>, 'HOST'> & { HOST: string };

/** Where the API listens when HOST is unset: loopback except in production. */
export function defaultHost(nodeEnv: Config['NODE_ENV']): string {
  return nodeEnv === 'production' ? '0.0.0.0' : '127.0.0.1';
}

/** A configuration problem that must stop start-up; its message is one readable line. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * Reads and validates the configuration.
 *
 * @param env - the environment to read, `process.env` by default
 * @returns the typed configuration with defaults filled in
 * @throws ConfigError naming every bad variable on one line
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const withAliases: Record<string, string | undefined> = {
    ...env,
    USAJOBS_API_KEY: blankToUndefined(env.USAJOBS_API_KEY) ?? blankToUndefined(env.API_KEY),
    USAJOBS_USER_AGENT: blankToUndefined(env.USAJOBS_USER_AGENT) ?? blankToUndefined(env.API_USER),
  };
  // Empty strings (e.g. `MONGO_URI=` in a .env file) mean "unset", as in most twelve-factor apps.
  const cleaned = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, blankToUndefined(withAliases[key])]),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const schedule = scheduleProblem(parsed.data.ETL_CRON, parsed.data.ETL_TZ);
  if (schedule) throw new ConfigError(`Invalid configuration: ${schedule}`);
  const digest = digestProblem(parsed.data);
  if (digest) throw new ConfigError(`Invalid configuration: ${digest}`);
  return { ...parsed.data, HOST: parsed.data.HOST ?? defaultHost(parsed.data.NODE_ENV) };
}

/** Parses CORS_ORIGINS: each entry must be an http(s) origin, written as a browser sends it in `Origin` or not. */
function parseOrigins(list: string, ctx: z.RefinementCtx): string[] {
  const origins: string[] = [];
  for (const entry of list.split(',').map((item) => item.trim())) {
    if (entry === '') continue;
    const origin = originOf(entry);
    if (origin === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `${JSON.stringify(entry)} is not an origin like https://jobs.example.com (scheme, host, optional port; no path, no *)`,
      });
      continue;
    }
    origins.push(origin);
  }
  return origins;
}

/** The origin `text` names (`https://Jobs.example.com:443/` gives `https://jobs.example.com`), or undefined. */
function originOf(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  const bare = url.pathname === '/' && url.search === '' && url.hash === '' && url.username === '';
  return bare && (url.protocol === 'http:' || url.protocol === 'https:') ? url.origin : undefined;
}

/** The digest variables that only make sense together. */
function digestProblem(config: z.infer<typeof envSchema>): string | undefined {
  if (config.DIGEST_WEBHOOK_URL && !config.DIGEST_WEBHOOK_SECRET) {
    return 'DIGEST_WEBHOOK_SECRET: required with DIGEST_WEBHOOK_URL (the receiver checks the signature with it)';
  }
  if (config.DIGEST_WEBHOOK_SECRET && !config.DIGEST_WEBHOOK_URL) {
    return 'DIGEST_WEBHOOK_SECRET: set without DIGEST_WEBHOOK_URL';
  }
  if (config.DIGEST_TO.length > 0 && !config.SMTP_URL) {
    return 'DIGEST_TO: set without SMTP_URL (the server that sends the e-mails)';
  }
  return undefined;
}

/** Parses a comma-separated list of e-mail addresses. */
function parseAddresses(list: string, ctx: z.RefinementCtx): string[] {
  const addresses: string[] = [];
  for (const entry of list.split(',').map((item) => item.trim())) {
    if (entry === '') continue;
    if (!z.email().safeParse(entry).success) {
      ctx.addIssue({ code: 'custom', message: `${JSON.stringify(entry)} is not an e-mail address` });
      continue;
    }
    addresses.push(entry);
  }
  return addresses;
}

/**
 * The address of `address` or `Name <address>`. Loose on purpose: a sender like `jobs@localhost` is the SMTP
 * server's to accept or refuse.
 *
 * @returns undefined when there is none, or it is not `local@domain`
 */
export function addressOf(mailbox: string): string | undefined {
  const named = /^[^<>]*<([^<>\s]+)>\s*$/.exec(mailbox.trim());
  const address = named ? named[1]! : mailbox.trim();
  return /^[^\s@<>]+@[^\s@<>.][^\s@<>]*$/.test(address) ? address : undefined;
}

function isUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/** ETL_TZ must name a time zone, and ETL_CRON (when set) be an expression croner reads in it. */
function scheduleProblem(cron: string | undefined, timezone: string): string | undefined {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
  } catch {
    return `ETL_TZ: unknown time zone "${timezone}" (use an IANA name such as America/Chicago)`;
  }
  if (cron === undefined) return undefined;
  try {
    // As src/scheduler/cron-schedule.ts reads it; croner checks the time zone only when it computes a date.
    new Cron(cron, { timezone, paused: true, mode: '5-or-6-parts' }).nextRun(new Date(0));
    return undefined;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    return `ETL_CRON: ${why} (5 fields, or 6 with seconds first, e.g. "0 6 * * *")`;
  }
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
