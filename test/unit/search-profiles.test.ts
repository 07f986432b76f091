import { ProfileInputError } from '../../src/etl/etl.errors';
import { DEFAULT_PROFILE, validateProfile } from '../../src/etl/search-profiles';

describe('validateProfile', () => {
  it('when codes are typed loosely, then they are trimmed, upper-cased and de-duplicated, and blank texts are null', () => {
    expect(
      validateProfile({
        ...DEFAULT_PROFILE,
        name: '  mine ',
        keyword: '  ',
        payPlans: [' gs', 'GS', 'gg '],
        organizationCodes: ['tr'],
      }),
    ).toMatchObject({ name: 'mine', keyword: null, payPlans: ['GS', 'GG'], organizationCodes: ['TR'] });
  });

  it('when several fields are wrong, then one ProfileInputError names each', () => {
    const attempt = (): unknown =>
      validateProfile({
        ...DEFAULT_PROFILE,
        name: ' ',
        radiusMiles: 501,
        yearsOfExperience: 1.5,
        minSalary: -1,
        payPlans: ['XX'],
        jobCategoryCodes: ['221'],
      });
    expect(attempt).toThrow(ProfileInputError);
    expect(attempt).toThrow(
      /name must not be blank; radiusMiles must be a whole number from 0 to 500; yearsOfExperience .*; minSalary .*; payPlans: unknown or malformed "XX"; jobCategoryCodes: unknown or malformed "221"/,
    );
    let error: ProfileInputError | undefined;
    try {
      attempt();
    } catch (e) {
      error = e as ProfileInputError;
    }
    expect(error?.fields).toEqual([
      'name',
      'radiusMiles',
      'yearsOfExperience',
      'minSalary',
      'payPlans',
      'jobCategoryCodes',
    ]);
  });

  it('when nothing narrows the search, then it is refused (USAJOBS refuses unfiltered queries)', () => {
    expect(() => validateProfile({ ...DEFAULT_PROFILE, keyword: null, locationName: null })).toThrow(
      /at least one of keyword, locationName, jobCategoryCodes or organizationCodes/,
    );
    expect(
      validateProfile({ ...DEFAULT_PROFILE, keyword: null, locationName: null, jobCategoryCodes: ['2210'] }),
    ).toMatchObject({ jobCategoryCodes: ['2210'] });
  });
});
