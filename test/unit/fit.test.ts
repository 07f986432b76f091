import { fitsProfile, gradeBand, GS_FAMILY_PAY_PLANS } from '../../src/etl/fit';
import { DEFAULT_ETL_PARAMS, type EtlParams } from '../../src/etl/params';
import type { JobData } from '../../src/etl/transform';

function job(overrides: Partial<JobData> = {}): JobData {
  return {
    _id: '825950500',
    positionId: 'CERE25X122542147WS',
    positionTitle: 'INTERDISCIPLINARY (Project Management Specialist)',
    positionUri: 'https://www.usajobs.gov/job/825950500',
    applyUris: [],
    positionLocationDisplay: 'Chicago, Illinois',
    positionLocation: [],
    positionRemuneration: [],
    annualSalary: { min: 80994, max: 126198 },
    unpaid: false,
    organizationName: 'U.S. Army Corps of Engineers',
    departmentName: 'Department of the Army',
    payPlan: 'GS',
    lowGrade: 11,
    highGrade: 12,
    remote: false,
    teleworkEligible: false,
    qualificationSummary: null,
    jobSummary: null,
    publicationStartDate: null,
    applicationCloseDate: null,
    ...overrides,
  };
}

/** The default seeker: 5 years of experience (band GS-11–13), remote wanted, no salary floor. */
function params(overrides: Partial<EtlParams> = {}): EtlParams {
  return { ...DEFAULT_ETL_PARAMS, ...overrides };
}

const nearby = { fromLocationSearch: true, params: params() };

describe('gradeBand', () => {
  it.each([
    [0, 5, 5],
    [1, 5, 7],
    [2, 5, 9],
    [3, 7, 11],
    [4, 9, 12],
    [5, 11, 13],
    [6, 12, 14],
    [7, 13, 15],
    [8, 14, 15],
    [9, 14, 15],
    [10, 14, 15],
    [40, 14, 15],
  ])('when the seeker has %i years of experience, then the band is GS-%i to GS-%i', (years, low, high) => {
    expect(gradeBand(years)).toEqual({ low, high });
  });

  it.each([[-1], [2.5], [Number.NaN], [Number.POSITIVE_INFINITY]])(
    'when the years are %p, then a RangeError is thrown',
    (years) => {
      expect(() => gradeBand(years)).toThrow(RangeError);
    },
  );

  it('when a caller mutates a returned band, then later bands are unaffected', () => {
    const band = gradeBand(5);
    band.low = 1;
    expect(gradeBand(5)).toEqual({ low: 11, high: 13 });
  });
});

describe('GS_FAMILY_PAY_PLANS', () => {
  it('when listed, then it is exactly GS, GL, GG, GM and FG', () => {
    expect([...GS_FAMILY_PAY_PLANS].sort()).toEqual(['FG', 'GG', 'GL', 'GM', 'GS']);
  });
});

describe('fitsProfile — location', () => {
  it('when the job came from the location search, then it is kept even if not remote', () => {
    expect(fitsProfile(job({ remote: false }), nearby)).toEqual({ fit: true });
  });

  it('when the job came from the remote search and is remote, then it is kept', () => {
    expect(fitsProfile(job({ remote: true }), { fromLocationSearch: false, params: params() })).toEqual({
      fit: true,
    });
  });

  it('when the job came from elsewhere and is not remote, then it is not a fit by location', () => {
    expect(fitsProfile(job({ remote: false }), { fromLocationSearch: false, params: params() })).toEqual({
      fit: false,
      reason: 'not a fit: location',
    });
  });

  it('when the seeker does not want remote jobs, then a remote job from elsewhere is not a fit by location', () => {
    expect(
      fitsProfile(job({ remote: true }), {
        fromLocationSearch: false,
        params: params({ includeRemote: false }),
      }),
    ).toEqual({ fit: false, reason: 'not a fit: location' });
  });

  it('when the seeker does not want remote jobs, then a remote job found near them is still kept', () => {
    expect(
      fitsProfile(job({ remote: true }), {
        fromLocationSearch: true,
        params: params({ includeRemote: false }),
      }),
    ).toEqual({ fit: true });
  });

  it('when several rules fail, then location is the reason given', () => {
    expect(
      fitsProfile(job({ lowGrade: 3, highGrade: 3, annualSalary: null }), {
        fromLocationSearch: false,
        params: params({ minSalary: 100000 }),
      }),
    ).toEqual({ fit: false, reason: 'not a fit: location' });
  });
});

describe('fitsProfile — experience (5 years: GS-11 to GS-13)', () => {
  it.each([
    [11, 13],
    [9, 11], // touches the low edge
    [13, 15], // touches the high edge
    [5, 15], // spans the whole band
    [12, 12],
    [7, 11],
  ])('when a GS job is graded %i–%i, then it overlaps the band and is kept', (lowGrade, highGrade) => {
    expect(fitsProfile(job({ lowGrade, highGrade }), nearby)).toEqual({ fit: true });
  });

  it.each([
    [5, 10], // ends one below
    [14, 15], // starts one above
    [7, 7],
    [15, 15],
  ])('when a GS job is graded %i–%i, then it is not a fit by experience', (lowGrade, highGrade) => {
    expect(fitsProfile(job({ lowGrade, highGrade }), nearby)).toEqual({
      fit: false,
      reason: 'not a fit: experience',
    });
  });

  it("when one grade is missing, then it takes the other grade's value", () => {
    expect(fitsProfile(job({ lowGrade: 13, highGrade: null }), nearby)).toEqual({ fit: true });
    expect(fitsProfile(job({ lowGrade: null, highGrade: 11 }), nearby)).toEqual({ fit: true });
    expect(fitsProfile(job({ lowGrade: 14, highGrade: null }), nearby)).toEqual({
      fit: false,
      reason: 'not a fit: experience',
    });
    expect(fitsProfile(job({ lowGrade: null, highGrade: 9 }), nearby)).toEqual({
      fit: false,
      reason: 'not a fit: experience',
    });
  });

  it('when a GS job has no numeric grade at all, then it is kept (fit unknown)', () => {
    expect(fitsProfile(job({ lowGrade: null, highGrade: null }), nearby)).toEqual({ fit: true });
  });

  it('when the grades are reversed, then they are read as a range in order', () => {
    expect(fitsProfile(job({ lowGrade: 14, highGrade: 9 }), nearby)).toEqual({ fit: true });
  });

  it.each([['GS'], ['GL'], ['GG'], ['GM'], ['FG'], ['gs'], [' GG ']])(
    'when the pay plan is %p, then the GS band is applied',
    (payPlan) => {
      expect(fitsProfile(job({ payPlan, lowGrade: 15, highGrade: 15 }), nearby)).toEqual({
        fit: false,
        reason: 'not a fit: experience',
      });
    },
  );

  it.each([['FV'], ['SV'], ['ZP'], ['NQ'], ['VN'], ['AD'], ['WG'], ['IS'], [null]])(
    'when the pay plan is %p, then grades are not compared and the job is kept',
    (payPlan) => {
      expect(fitsProfile(job({ payPlan, lowGrade: 4, highGrade: 4 }), nearby)).toEqual({ fit: true });
    },
  );

  it('when the seeker has no experience, then only jobs reaching GS-5 are kept', () => {
    const graduate = { fromLocationSearch: true, params: params({ yearsOfExperience: 0 }) };
    expect(fitsProfile(job({ lowGrade: 5, highGrade: 7 }), graduate)).toEqual({ fit: true });
    expect(fitsProfile(job({ lowGrade: 3, highGrade: 4 }), graduate)).toEqual({
      fit: false,
      reason: 'not a fit: experience',
    });
    expect(fitsProfile(job({ lowGrade: 7, highGrade: 9 }), graduate)).toEqual({
      fit: false,
      reason: 'not a fit: experience',
    });
  });

  it('when yearsOfExperience is invalid, then the RangeError reaches the caller (it validates parameters)', () => {
    expect(() =>
      fitsProfile(job(), { fromLocationSearch: true, params: params({ yearsOfExperience: -1 }) }),
    ).toThrow(RangeError);
  });
});

describe('fitsProfile — salary', () => {
  it('when no minimum salary is set, then any salary (or none) is kept', () => {
    expect(fitsProfile(job({ annualSalary: null }), nearby)).toEqual({ fit: true });
    expect(fitsProfile(job({ annualSalary: { min: 0, max: 0 } }), nearby)).toEqual({ fit: true });
  });

  it('when the salary max reaches the minimum exactly, then the job is kept', () => {
    expect(
      fitsProfile(job({ annualSalary: { min: 80000, max: 100000 } }), {
        fromLocationSearch: true,
        params: params({ minSalary: 100000 }),
      }),
    ).toEqual({ fit: true });
  });

  it('when the salary max is a cent below the minimum, then it is not a fit by salary', () => {
    expect(
      fitsProfile(job({ annualSalary: { min: 80000, max: 99999.99 } }), {
        fromLocationSearch: true,
        params: params({ minSalary: 100000 }),
      }),
    ).toEqual({ fit: false, reason: 'not a fit: salary' });
  });

  it('when a minimum is set and the job has no annual salary, then it is not a fit by salary', () => {
    expect(
      fitsProfile(job({ annualSalary: null }), {
        fromLocationSearch: true,
        params: params({ minSalary: 1 }),
      }),
    ).toEqual({ fit: false, reason: 'not a fit: salary' });
  });

  it('when the job is without compensation and a minimum is set, then it is not a fit by salary', () => {
    expect(
      fitsProfile(job({ annualSalary: { min: 0, max: 0 } }), {
        fromLocationSearch: true,
        params: params({ minSalary: 50000 }),
      }),
    ).toEqual({ fit: false, reason: 'not a fit: salary' });
  });

  it('when both experience and salary fail, then experience is the reason given', () => {
    expect(
      fitsProfile(job({ lowGrade: 3, highGrade: 4, annualSalary: { min: 1, max: 2 } }), {
        fromLocationSearch: true,
        params: params({ minSalary: 50000 }),
      }),
    ).toEqual({ fit: false, reason: 'not a fit: experience' });
  });
});

describe('fitsProfile — pay plans of a search profile', () => {
  it('when the profile names pay plans, then a posting on another plan (or none) is not a fit', () => {
    const gsOnly = { fromLocationSearch: true, params: { ...params(), payPlans: ['GS', 'GG'] } };
    expect(fitsProfile(job({ payPlan: 'gg' }), gsOnly)).toEqual({ fit: true });
    expect(fitsProfile(job({ payPlan: 'ZP', lowGrade: 3, highGrade: 3 }), gsOnly)).toEqual({
      fit: false,
      reason: 'not a fit: pay plan',
    });
    expect(fitsProfile(job({ payPlan: null }), gsOnly)).toEqual({
      fit: false,
      reason: 'not a fit: pay plan',
    });
  });

  it('when the profile names none, then every plan passes this rule', () => {
    expect(
      fitsProfile(job({ payPlan: 'ZP' }), {
        fromLocationSearch: true,
        params: { ...params(), payPlans: [] },
      }),
    ).toEqual({ fit: true });
  });
});
