import { CONFIG_KEYS, ConfigError, loadConfig } from '../../src/config';
import { databaseNameOf } from '../../src/db/connection';

describe('loadConfig', () => {
  it('when the environment is empty, then the defaults apply and the embedded database is used', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 4000,
      HOST: '127.0.0.1',
      DATA_DIR: './.data',
      DB_PORT: 27017,
      LOG_LEVEL: 'info',
      USAJOBS_BASE_URL: 'https://data.usajobs.gov',
      ETL_TZ: 'America/Chicago',
    });
    expect(config.MONGO_URI).toBeUndefined();
  });

  it('when HOST is unset, then development and test listen on loopback and production on every interface', () => {
    expect(loadConfig({ NODE_ENV: 'development' }).HOST).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'test' }).HOST).toBe('127.0.0.1');
    expect(loadConfig({ NODE_ENV: 'production' }).HOST).toBe('0.0.0.0');
  });

  it('when HOST is set, then it wins in every mode', () => {
    expect(loadConfig({ NODE_ENV: 'development', HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
    expect(loadConfig({ NODE_ENV: 'production', HOST: '127.0.0.1' }).HOST).toBe('127.0.0.1');
    expect(loadConfig({ HOST: ' ' }).HOST).toBe('127.0.0.1');
  });

  it('when a value is bad, then one readable line names every bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', MONGO_URI: 'http://x', LOG_LEVEL: 'loud' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ PORT: 'eighty', MONGO_URI: 'http://x', LOG_LEVEL: 'loud' });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).not.toContain('\n');
      expect(message).toMatch(/PORT/);
      expect(message).toMatch(/MONGO_URI: must start with mongodb/);
      expect(message).toMatch(/LOG_LEVEL/);
    }
  });

  it('when only the original project names API_KEY/API_USER are set, then they are used', () => {
    const config = loadConfig({ API_KEY: 'k', API_USER: 'me@example.com' });
    expect(config.USAJOBS_API_KEY).toBe('k');
    expect(config.USAJOBS_USER_AGENT).toBe('me@example.com');
  });

  it('when a variable is set but blank, then it counts as unset', () => {
    expect(loadConfig({ MONGO_URI: '', PORT: ' ' })).toMatchObject({ MONGO_URI: undefined, PORT: 4000 });
  });

  it('when ADMIN_TOKEN is too short, then start-up is refused', () => {
    expect(() => loadConfig({ ADMIN_TOKEN: 'short' })).toThrow(/ADMIN_TOKEN/);
  });

  it('lists every promised variable name', () => {
    for (const key of [
      'PORT',
      'HOST',
      'MONGO_URI',
      'DATA_DIR',
      'DB_PORT',
      'USAJOBS_BASE_URL',
      'USAJOBS_API_KEY',
      'USAJOBS_USER_AGENT',
      'ADMIN_TOKEN',
      'ETL_CRON',
      'ETL_TZ',
      'LOG_LEVEL',
      'NODE_ENV',
    ]) {
      expect(CONFIG_KEYS).toContain(key);
    }
  });
});

describe('CORS_ORIGINS', () => {
  it('when unset or blank, then no origin is allowed', () => {
    expect(loadConfig({}).CORS_ORIGINS).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: ' ' }).CORS_ORIGINS).toEqual([]);
  });

  it('when it lists origins separated by commas, then each is kept as the origin a browser sends (spaces, a default port and a trailing slash dropped)', () => {
    expect(
      loadConfig({ CORS_ORIGINS: 'HTTPS://Jobs.Example.com:443, http://localhost:5173/ ,' }).CORS_ORIGINS,
    ).toEqual(['https://jobs.example.com', 'http://localhost:5173']);
  });

  it.each(['*', 'jobs.example.com', 'https://jobs.example.com/app', 'ftp://jobs.example.com'])(
    'when it holds %j, then start-up is refused naming CORS_ORIGINS',
    (value) => {
      expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(/CORS_ORIGINS/);
    },
  );

  it('is among the documented variable names', () => {
    expect(CONFIG_KEYS).toContain('CORS_ORIGINS');
  });
});

describe('the digest variables', () => {
  const SMTP = 'smtp://user:p%40ss@127.0.0.1:2525';
  const SECRET = 'a-webhook-secret-of-16+';

  it('when none is set, then no channel is configured and the defaults hold', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      DIGEST_TO: [],
      DIGEST_FROM: 'Job Tracker <job-tracker@localhost>',
      DIGEST_MAX_ATTEMPTS: 3,
      DIGEST_TIMEOUT_MS: 10_000,
      DIGEST_LIST_LIMIT: 100,
    });
    expect(config.SMTP_URL).toBeUndefined();
    expect(config.DIGEST_WEBHOOK_URL).toBeUndefined();
    // The default, written out (as .env.example has it), passes too: a local sender is the SMTP server's call.
    expect(loadConfig({ DIGEST_FROM: config.DIGEST_FROM }).DIGEST_FROM).toBe(config.DIGEST_FROM);
  });

  it('when SMTP_URL and a comma-separated DIGEST_TO are set, then the addresses are a list', () => {
    const config = loadConfig({
      SMTP_URL: SMTP,
      DIGEST_TO: ' a@example.com, b@example.org ,',
      DIGEST_FROM: 'Jobs <jobs@example.com>',
    });
    expect(config.DIGEST_TO).toEqual(['a@example.com', 'b@example.org']);
    expect(config.DIGEST_FROM).toBe('Jobs <jobs@example.com>');
  });

  it.each([
    [{ SMTP_URL: 'http://mail.example.com' }, /SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/],
    [{ SMTP_URL: SMTP, DIGEST_TO: 'a@example.com, nobody' }, /DIGEST_TO: "nobody" is not an e-mail address/],
    [{ DIGEST_TO: 'a@example.com' }, /DIGEST_TO: set without SMTP_URL/],
    [{ DIGEST_FROM: 'Job Tracker' }, /DIGEST_FROM/],
    [
      { DIGEST_WEBHOOK_URL: 'https://hooks.example.com/x' },
      /DIGEST_WEBHOOK_SECRET: required with DIGEST_WEBHOOK_URL/,
    ],
    [
      { DIGEST_WEBHOOK_URL: 'https://hooks.example.com/x', DIGEST_WEBHOOK_SECRET: 'short' },
      /DIGEST_WEBHOOK_SECRET: must be at least 16/,
    ],
    [{ DIGEST_WEBHOOK_SECRET: SECRET }, /DIGEST_WEBHOOK_SECRET: set without DIGEST_WEBHOOK_URL/],
    [
      { DIGEST_WEBHOOK_URL: 'ftp://hooks.example.com/x', DIGEST_WEBHOOK_SECRET: SECRET },
      /DIGEST_WEBHOOK_URL: must be an http/,
    ],
    [{ DIGEST_MAX_ATTEMPTS: '0' }, /DIGEST_MAX_ATTEMPTS/],
    [
      { DIGEST_WEBHOOK_URL: 'https://u:p@hooks.example.com/x', DIGEST_WEBHOOK_SECRET: SECRET },
      /DIGEST_WEBHOOK_URL: must not hold a user/,
    ],
  ])('when %j, then start-up is refused naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('when a value is refused, then the message never repeats the SMTP password or the webhook secret', () => {
    const problems = (env: NodeJS.ProcessEnv): string => {
      try {
        loadConfig(env);
        return '';
      } catch (error) {
        return String(error);
      }
    };
    expect(problems({ SMTP_URL: 'smtp://user:hunter2-secret@mail.example.com:x' })).not.toContain('hunter2');
    expect(problems({ DIGEST_WEBHOOK_SECRET: 'sixteen-char-secret!' })).not.toContain('sixteen-char-secret');
  });
});

describe('databaseNameOf', () => {
  it('when the URI names a database, then that is it; when it names none, then undefined (job_tracker is used)', () => {
    expect(databaseNameOf('mongodb://127.0.0.1:27017/job_tracker')).toBe('job_tracker');
    expect(databaseNameOf('mongodb://u:p@h1:1,h2:2/jobs?replicaSet=rs&authSource=admin')).toBe('jobs');
    expect(databaseNameOf('mongodb+srv://u:p@cluster0.example.net/prod?retryWrites=true')).toBe('prod');
    expect(databaseNameOf('mongodb://127.0.0.1:27017/')).toBeUndefined();
    expect(databaseNameOf('mongodb://127.0.0.1:27017')).toBeUndefined();
    expect(databaseNameOf('mongodb://127.0.0.1:27017/?authSource=admin')).toBeUndefined();
  });
});
