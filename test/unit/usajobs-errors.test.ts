import { MissingCredentialsError, UsajobsError } from '../../src/usajobs/usajobs.errors';

describe('MissingCredentialsError', () => {
  it('when the key is missing, then the one-line message names USAJOBS_API_KEY and where to get a key', () => {
    const error = new MissingCredentialsError(['USAJOBS_API_KEY']);

    expect(error.code).toBe('USAJOBS_CREDENTIALS_MISSING');
    expect(error.message).not.toContain('\n');
    expect(error.message).toContain('set USAJOBS_API_KEY');
    expect(error.message).not.toContain('USAJOBS_USER_AGENT');
    expect(error.message).toContain('API Request form at https://developer.usajobs.gov/apirequest/');
  });

  it('when both are missing, then both variables are named', () => {
    const error = new MissingCredentialsError(['USAJOBS_API_KEY', 'USAJOBS_USER_AGENT']);

    expect(error.message).toMatch(/USAJOBS_API_KEY .*and USAJOBS_USER_AGENT .*e-mail/);
    expect(error.missing).toEqual(['USAJOBS_API_KEY', 'USAJOBS_USER_AGENT']);
  });
});

describe('UsajobsError', () => {
  it('when built, then it carries its code, where it happened and the cause', () => {
    const cause = new Error('HTTP 503');
    const error = new UsajobsError('UPSTREAM_UNAVAILABLE', 'USAJOBS unavailable', {
      endpoint: 'GET /api/Search',
      page: 2,
      attempt: 5,
      status: 503,
      cause,
    });

    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      name: 'UsajobsError',
      code: 'UPSTREAM_UNAVAILABLE',
      page: 2,
      attempt: 5,
      status: 503,
    });
    expect(error.cause).toBe(cause);
  });
});
