import { badgesOf } from '../../web/src/lib/badges';
import { formatChangeValue, newestFirst } from '../../web/src/lib/changes';
import {
  describeProfile,
  fieldErrorsOf,
  formValuesOf,
  ProfileFieldError,
  profileInputOf,
  readableProblem,
  type SearchProfile,
} from '../../web/src/lib/profiles';

const PROFILE: SearchProfile = {
  id: 'p1',
  name: 'data engineering near Chicago',
  keyword: 'data engineering',
  locationName: 'Chicago, Illinois',
  radiusMiles: 50,
  includeRemote: true,
  yearsOfExperience: 5,
  payPlans: ['GS'],
  minSalary: 90_000,
  jobCategoryCodes: ['2210', '1560'],
  organizationCodes: [],
  enabled: true,
  digestTo: ['seeker@example.com', 'partner@example.com'],
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
};

describe('dashboard saved searches, badges and history', () => {
  it('when a saved search is described, then every criterion it sets is said once', () => {
    expect(describeProfile(PROFILE)).toBe(
      '“data engineering” · within 50 miles of Chicago, Illinois, and remote jobs anywhere · 5 years of experience · ' +
        'pay plans GS · at least $90,000 a year · series 2210, 1560',
    );
    expect(
      describeProfile({ ...PROFILE, keyword: null, locationName: null, includeRemote: false, payPlans: [] }),
    ).toMatch(/^any keyword · anywhere, not remote · 5 years/);
  });

  it('when a saved search goes into the form and out again, then the input holds every field as the API takes it', () => {
    const values = formValuesOf(PROFILE);
    expect(values).toMatchObject({
      payPlans: 'GS',
      jobCategoryCodes: '2210, 1560',
      minSalary: '90000',
      digestTo: 'seeker@example.com, partner@example.com',
    });
    expect(profileInputOf(values)).toEqual({
      name: PROFILE.name,
      keyword: PROFILE.keyword,
      locationName: PROFILE.locationName,
      radiusMiles: 50,
      includeRemote: true,
      yearsOfExperience: 5,
      payPlans: ['GS'],
      minSalary: 90_000,
      jobCategoryCodes: ['2210', '1560'],
      organizationCodes: [],
      digestTo: ['seeker@example.com', 'partner@example.com'],
      enabled: true,
    });
  });

  it('when the recipients were not shown (read without the admin token), then an edit leaving them empty does not send them, and typed ones are sent', () => {
    const hidden = formValuesOf({ ...PROFILE, digestTo: null });
    expect(hidden.digestTo).toBe('');
    expect(profileInputOf(hidden, false)).not.toHaveProperty('digestTo');
    expect(profileInputOf({ ...hidden, digestTo: 'a@example.com; b@example.com' }, false)).toMatchObject({
      digestTo: ['a@example.com', 'b@example.com'],
    });
    // Shown and emptied: cleared, so DIGEST_TO applies again.
    expect(profileInputOf({ ...formValuesOf(PROFILE), digestTo: ' ' })).toMatchObject({ digestTo: [] });
  });

  it('when the optional fields are emptied, then they are sent as null or empty lists (an edit clears them)', () => {
    const input = profileInputOf({
      ...formValuesOf(PROFILE),
      keyword: '  ',
      minSalary: '',
      jobCategoryCodes: ' ',
      payPlans: 'gs gg;fv',
    });
    expect(input).toMatchObject({
      keyword: null,
      minSalary: null,
      jobCategoryCodes: [],
      payPlans: ['gs', 'gg', 'fv'],
    });
  });

  it('when a number field holds no number, then the error names that field', () => {
    let error: unknown;
    try {
      profileInputOf({ ...formValuesOf(null), name: 'x', radiusMiles: '' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProfileFieldError);
    expect((error as ProfileFieldError).field).toBe('radiusMiles');
  });

  it('when the API refuses fields, then each field gets what its message says about it', () => {
    expect(
      fieldErrorsOf(['input.radiusMiles'], 'Invalid argument: input.radiusMiles must be at most 500'),
    ).toEqual({
      radiusMiles: 'must be at most 500',
    });
    expect(
      fieldErrorsOf(
        ['input.payPlans', 'input.organizationCodes'],
        'Invalid search profile: payPlans: unknown or malformed "QQ"; organizationCodes: unknown or malformed "NO WAY"',
      ),
    ).toEqual({
      payPlans: 'unknown or malformed "QQ"',
      organizationCodes: 'unknown or malformed "NO WAY"',
    });
    // A message that names no field in particular is shown on each field it is about.
    expect(fieldErrorsOf(['input.name'], 'A search profile named "x" already exists')).toEqual({
      name: 'A search profile named "x" already exists',
    });
    expect(fieldErrorsOf(['input'], 'Invalid search profile')).toEqual({});
  });

  it('when the API refuses a save, then its message names the fields as the form labels them', () => {
    expect(readableProblem('Invalid argument: input.radiusMiles must be at most 500')).toBe(
      'Radius (miles) must be at most 500',
    );
    expect(
      readableProblem(
        'Invalid search profile: payPlans: unknown or malformed "QQ"; set at least one of keyword, locationName, jobCategoryCodes or organizationCodes',
      ),
    ).toBe(
      'Pay plans: unknown or malformed "QQ"; set at least one of Keywords, Location, Occupational series or Agencies',
    );
    expect(readableProblem('A search profile named "x" already exists')).toBe(
      'A search profile named "x" already exists',
    );
  });

  it('when badges are made, then the status comes first, then new or what the latest run saw change', () => {
    const lastRun = '2026-11-10T00:00:00.000Z';
    const job = { status: 'OPEN' as const, firstSeenAt: '2026-11-01T00:00:00.000Z', changes: [] };
    expect(badgesOf(job, lastRun).map((b) => b.kind)).toEqual(['open']);
    expect(badgesOf({ ...job, firstSeenAt: lastRun }, lastRun).map((b) => b.kind)).toEqual(['open', 'new']);
    const withdrawn = badgesOf(
      {
        status: 'WITHDRAWN',
        firstSeenAt: job.firstSeenAt,
        changes: [
          { at: '2026-11-05T00:00:00.000Z', field: 'PAY' },
          { at: lastRun, field: 'STATUS' },
          { at: lastRun, field: 'CLOSE_DATE' },
        ],
      },
      lastRun,
    );
    expect(withdrawn.map((b) => [b.kind, b.label])).toEqual([
      ['withdrawn', 'Withdrawn'],
      ['changed', 'Changed'],
    ]);
    expect(withdrawn[1]!.description).toBe('Changed in the latest run: status, closing date');
    expect(badgesOf({ ...job, status: 'CLOSED' }, null).map((b) => b.kind)).toEqual(['closed']);
  });

  it('when a change is shown, then pay, dates, counts and statuses read as words and amounts', () => {
    expect(formatChangeValue('PAY', '100000-150000.5')).toBe('$100,000 – $150,001');
    expect(formatChangeValue('CLOSE_DATE', '2026-12-01T04:59:59.000Z')).toBe('Dec 1, 2026');
    expect(formatChangeValue('STATUS', 'WITHDRAWN')).toBe('Withdrawn');
    expect(formatChangeValue('LOCATION_COUNT', '1200')).toBe('1,200');
    expect(formatChangeValue('GRADES', 'GS-12/13')).toBe('GS-12/13');
    expect(formatChangeValue('PAY', null)).toBe('none');
    const history = [
      { at: '2026-11-01T00:00:00.000Z', field: 'PAY' },
      { at: '2026-11-03T00:00:00.000Z', field: 'STATUS' },
      { at: '2026-11-03T00:00:00.000Z', field: 'TITLE' },
    ];
    expect(newestFirst(history).map((c) => c.field)).toEqual(['TITLE', 'STATUS', 'PAY']);
  });
});
