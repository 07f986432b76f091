import fc from 'fast-check';

import {
  annualize,
  isUnpaid,
  type JobBookkeeping,
  type JobData,
  normalizeRateInterval,
  parseBoolean,
  parseDecimal,
  parseGrade,
  parseItem,
  parseUsajobsDate,
  type RemunerationData,
  WORK_HOURS_PER_YEAR,
} from '../../src/etl/transform';
import type { Job } from '../../src/models/job.model';

/** A minimal but complete 2024-shape item; tests override what they are about. */
function item(descriptor: Record<string, unknown> = {}, details: Record<string, unknown> = {}): unknown {
  return {
    MatchedObjectId: '794441100',
    MatchedObjectDescriptor: {
      PositionID: '24-BPA40376-12437752-MP',
      PositionTitle: 'IT Specialist (SYSADMIN/SYSANALYSIS)',
      PositionURI: 'https://www.usajobs.gov:443/GetJob/ViewDetails/794441100',
      ApplyURI: ['https://www.usajobs.gov:443/GetJob/ViewDetails/794441100?PostingChannelID='],
      PositionLocationDisplay: 'Portland, Oregon',
      PositionLocation: [
        {
          LocationName: 'Portland, Oregon',
          CountryCode: 'United States',
          CountrySubDivisionCode: 'Oregon',
          CityName: 'Portland, Oregon',
          Longitude: -122.67563,
          Latitude: 45.511795,
        },
      ],
      OrganizationName: 'Bonneville Power Administration',
      DepartmentName: 'Department of Energy',
      JobGrade: [{ Code: 'GS' }],
      QualificationSummary: 'One year of specialized experience at the GS-12 level.',
      PositionRemuneration: [
        {
          MinimumRange: '111234.0',
          MaximumRange: '144608.0',
          RateIntervalCode: 'PA',
          Description: 'Per Year',
        },
      ],
      PublicationStartDate: '2024-06-06T00:00:00.0000',
      ApplicationCloseDate: '2024-06-16T23:59:59.9970',
      UserArea: {
        Details: {
          JobSummary: 'Bonneville Power Administration is hiring.',
          LowGrade: '13',
          HighGrade: '13',
          TeleworkEligible: true,
          RemoteIndicator: false,
          ...details,
        },
        IsRadialSearch: false,
      },
      ...descriptor,
    },
    RelevanceRank: 0,
  };
}

function parsed(raw: unknown): JobData {
  const result = parseItem(raw);
  if (!result.ok) throw new Error(`expected the item to parse, got: ${result.reason}`);
  return result.job;
}

function pay(rateIntervalCode: string, minimumRange: number, maximumRange: number): RemunerationData {
  return { rateIntervalCode, minimumRange, maximumRange, description: null };
}

describe('parseItem', () => {
  it('when a complete item comes in, then every Job field is mapped', () => {
    const job = parsed(item());
    expect(job).toEqual<JobData>({
      _id: '794441100',
      positionId: '24-BPA40376-12437752-MP',
      positionTitle: 'IT Specialist (SYSADMIN/SYSANALYSIS)',
      positionUri: 'https://www.usajobs.gov/GetJob/ViewDetails/794441100',
      applyUris: ['https://www.usajobs.gov/GetJob/ViewDetails/794441100?PostingChannelID='],
      positionLocationDisplay: 'Portland, Oregon',
      positionLocation: [
        {
          locationName: 'Portland, Oregon',
          cityName: 'Portland, Oregon',
          countrySubDivisionCode: 'Oregon',
          countryCode: 'United States',
          latitude: 45.511795,
          longitude: -122.67563,
        },
      ],
      positionRemuneration: [
        { minimumRange: 111234, maximumRange: 144608, rateIntervalCode: 'PA', description: 'Per Year' },
      ],
      annualSalary: { min: 111234, max: 144608 },
      unpaid: false,
      organizationName: 'Bonneville Power Administration',
      departmentName: 'Department of Energy',
      payPlan: 'GS',
      lowGrade: 13,
      highGrade: 13,
      remote: false,
      teleworkEligible: true,
      qualificationSummary: 'One year of specialized experience at the GS-12 level.',
      jobSummary: 'Bonneville Power Administration is hiring.',
      publicationStartDate: new Date('2024-06-06T04:00:00.000Z'),
      applicationCloseDate: new Date('2024-06-17T03:59:59.997Z'),
    });
  });

  it('when the result is stored, then it is assignable to the Job model minus the loader bookkeeping', () => {
    // Compile-time contract with src/models/job.model.ts: breaks the type check if the model drifts.
    const asModel: Omit<Job, JobBookkeeping> = parsed(item());
    expect(asModel._id).toBe('794441100');
  });

  it('when MatchedObjectId arrives as a number, then the id is its decimal string', () => {
    expect(parsed({ ...(item() as object), MatchedObjectId: 840956600 })._id).toBe('840956600');
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['blank', '   '],
    ['a fraction', 12.5],
    ['negative', -1],
    ['an object', { id: 1 }],
    ['null', null],
  ])('when MatchedObjectId is %s, then the item is skipped without an id', (_label, value) => {
    expect(parseItem({ ...(item() as object), MatchedObjectId: value })).toEqual({
      ok: false,
      reason: 'unparseable: missing MatchedObjectId',
    });
  });

  it.each(['PositionID', 'PositionTitle', 'PositionURI'])(
    'when %s is missing, then the item is skipped with its id and the field named',
    (field) => {
      expect(parseItem(item({ [field]: undefined }))).toEqual({
        ok: false,
        id: '794441100',
        reason: `unparseable: missing ${field}`,
      });
    },
  );

  it('when several required fields are blank or not strings, then the reason names all of them', () => {
    expect(parseItem(item({ PositionID: '', PositionTitle: 42, PositionURI: '  ' }))).toEqual({
      ok: false,
      id: '794441100',
      reason: 'unparseable: missing PositionID, PositionTitle, PositionURI',
    });
  });

  it('when MatchedObjectDescriptor is missing or not an object, then the item is skipped with its id', () => {
    for (const descriptor of [undefined, null, 'x', []]) {
      expect(parseItem({ MatchedObjectId: '1', MatchedObjectDescriptor: descriptor })).toEqual({
        ok: false,
        id: '1',
        reason: 'unparseable: missing MatchedObjectDescriptor',
      });
    }
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['an empty object', {}],
    ['an array', [item()]],
    ['a number', 794441100],
    ['a string', '794441100'],
    ['a boolean', true],
  ])('when the item is %s, then it is skipped with a stated reason and nothing throws', (_label, raw) => {
    const result = parseItem(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(/^unparseable: /);
  });

  it('when a getter of the item throws, then parseItem still returns a skip with the id it had read', () => {
    const raw = {
      MatchedObjectId: '7',
      get MatchedObjectDescriptor(): unknown {
        throw new Error('boom');
      },
    };
    expect(parseItem(raw)).toEqual({ ok: false, id: '7', reason: 'unparseable: boom' });
  });

  it('when arbitrary JSON-like garbage comes in, then parseItem never throws', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const result = parseItem(raw);
        return result.ok || result.reason.startsWith('unparseable: ');
      }),
      { numRuns: 500 },
    );
  });

  it('when garbage hides inside an otherwise valid item, then the item still parses with safe defaults', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'ApplyURI',
            'PositionLocation',
            'PositionRemuneration',
            'JobGrade',
            'UserArea',
            'PublicationStartDate',
            'ApplicationCloseDate',
            'DepartmentName',
            'PositionLocationDisplay',
          ),
          fc.anything(),
        ),
        (overrides) => parseItem(item(overrides)).ok,
      ),
      { numRuns: 300 },
    );
  });

  it('when the title and city carry surrounding blanks, then they are trimmed', () => {
    const job = parsed(
      item({
        PositionTitle: '  Data Engineer \n',
        PositionLocation: [{ LocationName: ' Beale AFB, California', CityName: ' Beale AFB, California' }],
      }),
    );
    expect(job.positionTitle).toBe('Data Engineer');
    expect(job.positionLocation[0].cityName).toBe('Beale AFB, California');
    expect(job.positionLocation[0].locationName).toBe('Beale AFB, California');
  });

  it('when URIs carry the explicit :443, then it is stripped and the rest of the URI is left alone', () => {
    const job = parsed(
      item({
        PositionURI: 'https://www.usajobs.gov:443/job/840956600',
        ApplyURI: ['https://www.usajobs.gov:443/job/840956600', 'https://example.gov:4430/apply?x=1', '', 7],
      }),
    );
    expect(job.positionUri).toBe('https://www.usajobs.gov/job/840956600');
    expect(job.applyUris).toEqual([
      'https://www.usajobs.gov/job/840956600',
      'https://example.gov:4430/apply?x=1',
    ]);
  });

  it('when ApplyURI is missing, then applyUris is empty', () => {
    expect(parsed(item({ ApplyURI: undefined })).applyUris).toEqual([]);
  });

  it('when a location has no CountrySubDivisionCode key (foreign place), then it is null', () => {
    const job = parsed(
      item({
        PositionLocation: [
          {
            LocationName: 'Belgium, Belgium',
            CountryCode: 'Belgium',
            CityName: 'Belgium, Belgium',
            Longitude: 4.6419997,
            Latitude: 50.649,
          },
        ],
      }),
    );
    expect(job.positionLocation).toEqual([
      {
        locationName: 'Belgium, Belgium',
        cityName: 'Belgium, Belgium',
        countrySubDivisionCode: null,
        countryCode: 'Belgium',
        latitude: 50.649,
        longitude: 4.6419997,
      },
    ]);
  });

  it('when the state is "N/A" or empty, then countrySubDivisionCode is null (not a state)', () => {
    const job = parsed(
      item({
        PositionLocation: [
          {
            LocationName: 'Location Negotiable After Selection, United States',
            CountrySubDivisionCode: 'N/A',
          },
          { LocationName: 'Somewhere', CountrySubDivisionCode: '' },
        ],
      }),
    );
    expect(job.positionLocation.map((l) => l.countrySubDivisionCode)).toEqual([null, null]);
  });

  it('when coordinates are numeric strings, zeros or not finite, then they become numbers, 0 or null', () => {
    const job = parsed(
      item({
        PositionLocation: [
          { LocationName: 'A', Latitude: '41.88415', Longitude: '-87.63241' },
          { LocationName: 'Location Negotiable After Selection, United States', Latitude: 0, Longitude: 0.0 },
          { LocationName: 'C', Latitude: 'NaN', Longitude: Number.POSITIVE_INFINITY },
          { LocationName: 'D', Latitude: 'north', Longitude: null },
        ],
      }),
    );
    expect(job.positionLocation.map((l) => [l.latitude, l.longitude])).toEqual([
      [41.88415, -87.63241],
      [0, 0],
      [null, null],
      [null, null],
    ]);
  });

  it('when a location has no name at all or is not an object, then that entry is dropped and the rest kept', () => {
    const job = parsed(
      item({
        PositionLocation: [
          { CountryCode: 'United States' },
          'Chicago',
          null,
          { LocationName: 'Chicago, Illinois' },
        ],
      }),
    );
    expect(job.positionLocation.map((l) => l.locationName)).toEqual(['Chicago, Illinois']);
  });

  it('when remuneration amounts are decimal strings, then they become numbers; unparseable ones become 0', () => {
    const job = parsed(
      item({
        PositionRemuneration: [
          { MinimumRange: '32318.0000', MaximumRange: '152593.0000', RateIntervalCode: 'Per Year' },
          { MinimumRange: 'n/a', MaximumRange: undefined, RateIntervalCode: 'PH', Description: 'Per Hour' },
        ],
      }),
    );
    expect(job.positionRemuneration).toEqual([
      { minimumRange: 32318, maximumRange: 152593, rateIntervalCode: 'Per Year', description: null },
      { minimumRange: 0, maximumRange: 0, rateIntervalCode: 'PH', description: 'Per Hour' },
    ]);
    expect(job.annualSalary).toEqual({ min: 32318, max: 152593 });
  });

  it('when RateIntervalCode is missing, then the description supplies it, or the entry is dropped', () => {
    const job = parsed(
      item({
        PositionRemuneration: [
          { MinimumRange: '20', MaximumRange: '30', Description: 'Per Hour' },
          { MinimumRange: '1', MaximumRange: '2' },
        ],
      }),
    );
    expect(job.positionRemuneration).toEqual([
      { minimumRange: 20, maximumRange: 30, rateIntervalCode: 'PH', description: 'Per Hour' },
    ]);
  });

  it('when DepartmentName and other optional texts are empty, then they are null', () => {
    const job = parsed(
      item(
        {
          DepartmentName: '',
          OrganizationName: '  ',
          QualificationSummary: '',
          PositionLocationDisplay: undefined,
        },
        { JobSummary: '' },
      ),
    );
    expect(job).toMatchObject({
      departmentName: null,
      organizationName: null,
      qualificationSummary: null,
      positionLocationDisplay: null,
      jobSummary: null,
    });
  });

  it('when JobGrade is missing or empty, then payPlan is null', () => {
    expect(parsed(item({ JobGrade: undefined })).payPlan).toBeNull();
    expect(parsed(item({ JobGrade: [] })).payPlan).toBeNull();
    expect(parsed(item({ JobGrade: [{ Code: 'FV' }, { Code: 'GS' }] })).payPlan).toBe('FV');
  });

  it('when the grades are "05" and "5", letters, "00" or empty, then they are 5, 5 and null', () => {
    expect(parsed(item({}, { LowGrade: '05', HighGrade: '5' }))).toMatchObject({ lowGrade: 5, highGrade: 5 });
    expect(parsed(item({}, { LowGrade: 'G', HighGrade: 'K' }))).toMatchObject({
      lowGrade: null,
      highGrade: null,
    });
    expect(parsed(item({}, { LowGrade: '00', HighGrade: '' }))).toMatchObject({
      lowGrade: null,
      highGrade: null,
    });
  });

  it('when UserArea or Details is absent (2016 shape), then grades, flags and summary are empty', () => {
    const job = parsed(item({ UserArea: undefined }));
    expect(job).toMatchObject({
      lowGrade: null,
      highGrade: null,
      remote: false,
      teleworkEligible: false,
      jobSummary: null,
    });
  });

  it.each([
    ['RemoteIndicator true', { RemoteIndicator: true }, {}, true],
    ['RemoteIndicator "True"', { RemoteIndicator: 'True' }, {}, true],
    ['RemoteIndicator "false"', { RemoteIndicator: 'false' }, {}, false],
    ['a "(remote job)" display', {}, { PositionLocationDisplay: 'Anywhere in the U.S. (remote job)' }, true],
    [
      'a remote entry among several locations',
      {},
      {
        PositionLocationDisplay: 'Multiple Locations',
        PositionLocation: [
          { LocationName: 'Anywhere in the U.S. (remote job)' },
          { LocationName: 'Chicago, Illinois' },
        ],
      },
      true,
    ],
    [
      'a place whose name merely contains "Remote"',
      {},
      { PositionLocationDisplay: 'Remote Sensing Lab, Utah' },
      false,
    ],
  ])('when the item has %s, then remote is %s', (_label, details, descriptor, expected) => {
    expect(parsed(item(descriptor, details)).remote).toBe(expected);
  });

  it.each([
    [true, true],
    ['True', true],
    ['FALSE', false],
    [undefined, false],
    ['yes', false],
  ])('when TeleworkEligible is %p, then teleworkEligible is %p', (value, expected) => {
    expect(parsed(item({}, { TeleworkEligible: value })).teleworkEligible).toBe(expected);
  });

  it('when the closing date is a bare date (2021 shape), then the job closes at the end of that Eastern day', () => {
    const job = parsed(item({ PublicationStartDate: '2020-12-03', ApplicationCloseDate: '2021-12-02' }));
    expect(job.publicationStartDate).toEqual(new Date('2020-12-03T05:00:00.000Z'));
    expect(job.applicationCloseDate).toEqual(new Date('2021-12-03T04:59:59.997Z'));
  });

  it('when the dates are missing or malformed, then they are null', () => {
    const job = parsed(item({ PublicationStartDate: undefined, ApplicationCloseDate: '16/06/2024' }));
    expect(job.publicationStartDate).toBeNull();
    expect(job.applicationCloseDate).toBeNull();
  });
});

describe('parseUsajobsDate', () => {
  it.each([
    // Zone-less: US Eastern wall time; summer is EDT (UTC-4), winter EST (UTC-5).
    ['2024-06-16T23:59:59.9970', '2024-06-17T03:59:59.997Z'],
    ['2025-12-31T23:59:59.9970', '2026-01-01T04:59:59.997Z'],
    ['2022-03-25T11:18:12.4200', '2022-03-25T15:18:12.420Z'],
    ['2024-06-06T00:00:00.0000', '2024-06-06T04:00:00.000Z'],
    ['2025-01-02T00:00:00.000', '2025-01-02T05:00:00.000Z'],
    ['2024-06-16T23:59:59', '2024-06-17T03:59:59.000Z'],
    ['2024-06-16T23:59:59.9', '2024-06-17T03:59:59.900Z'],
    ['2024-06-16T23:59', '2024-06-17T03:59:00.000Z'],
    // Date only: midnight Eastern.
    ['2021-12-02', '2021-12-02T05:00:00.000Z'],
    ['2021-07-04', '2021-07-04T04:00:00.000Z'],
    // Explicit zone: as given.
    ['2016-05-16T00:00:00Z', '2016-05-16T00:00:00.000Z'],
    ['2016-05-16T00:00:00z', '2016-05-16T00:00:00.000Z'],
    ['2016-05-16T00:00:00-05:00', '2016-05-16T05:00:00.000Z'],
    ['2016-05-16T00:00:00+0130', '2016-05-15T22:30:00.000Z'],
  ])('when given %s, then the instant is %s', (input, expected) => {
    expect(parseUsajobsDate(input)?.toISOString()).toBe(expected);
  });

  it('when the fraction has more digits than milliseconds, then it is truncated and stays on its day', () => {
    expect(parseUsajobsDate('2024-06-16T23:59:59.9999999')?.toISOString()).toBe('2024-06-17T03:59:59.999Z');
  });

  it('when a date-only value is read as end of day, then it is 23:59:59.997 Eastern (EST and EDT)', () => {
    expect(parseUsajobsDate('2021-12-02', { dateOnlyAs: 'endOfDay' })?.toISOString()).toBe(
      '2021-12-03T04:59:59.997Z',
    );
    expect(parseUsajobsDate('2021-04-16', { dateOnlyAs: 'endOfDay' })?.toISOString()).toBe(
      '2021-04-17T03:59:59.997Z',
    );
    // A clock time given explicitly is never moved.
    expect(parseUsajobsDate('2021-04-16T12:00:00', { dateOnlyAs: 'endOfDay' })?.toISOString()).toBe(
      '2021-04-16T16:00:00.000Z',
    );
  });

  it('when the wall time is right around a DST switch, then the offset of that moment is used', () => {
    // 2024-03-10: EST until 02:00, EDT after; 2024-11-03: EDT until 02:00, EST after.
    expect(parseUsajobsDate('2024-03-10T01:59:59')?.toISOString()).toBe('2024-03-10T06:59:59.000Z');
    expect(parseUsajobsDate('2024-03-10T03:00:00')?.toISOString()).toBe('2024-03-10T07:00:00.000Z');
    expect(parseUsajobsDate('2024-11-03T00:30:00')?.toISOString()).toBe('2024-11-03T04:30:00.000Z');
    expect(parseUsajobsDate('2024-11-03T03:00:00')?.toISOString()).toBe('2024-11-03T08:00:00.000Z');
  });

  it.each([
    ['empty', ''],
    ['text', 'tomorrow'],
    ['US order', '06/16/2024'],
    ['February 30th', '2024-02-30'],
    ['February 29th of a common year', '2023-02-29'],
    ['month 13', '2024-13-01'],
    ['hour 24', '2024-06-16T24:00:00'],
    ['minute 60', '2024-06-16T23:60:00'],
    ['a trailing word', '2024-06-16T23:59:59 EST'],
    ['an impossible offset', '2024-06-16T00:00:00+25:00'],
    ['a number', 1718582399997],
    ['null', null],
    ['a Date', new Date(0)],
  ])('when given %s, then the result is null', (_label, input) => {
    expect(parseUsajobsDate(input)).toBeNull();
  });

  it('when given February 29th of a leap year, then it parses', () => {
    expect(parseUsajobsDate('2024-02-29')?.toISOString()).toBe('2024-02-29T05:00:00.000Z');
  });
});

describe('parseGrade', () => {
  it.each([
    ['05', 5],
    ['5', 5],
    ['13', 13],
    [' 09 ', 9],
    ['15', 15],
    ['52', 52],
    [7, 7],
  ])('when given %p, then the grade is %p', (input, expected) => {
    expect(parseGrade(input)).toBe(expected);
  });

  it.each([
    ['00'],
    ['0'],
    [''],
    ['J'],
    ['G'],
    ['D'],
    ['NA'],
    ['5A'],
    ['-5'],
    ['5.5'],
    [0],
    [5.5],
    [null],
    [undefined],
  ])('when given %p, then there is no grade (null)', (input) => {
    expect(parseGrade(input)).toBeNull();
  });
});

describe('parseDecimal', () => {
  it.each([
    ['77490', 77490],
    ['32318.0000', 32318],
    ['55204.0', 55204],
    ['19.18', 19.18],
    ['0', 0],
    ['0.0', 0],
    [' 19.44 ', 19.44],
    ['.5', 0.5],
    ['$77,490.00', 77490],
    ['-3', -3],
    [19.18, 19.18],
  ])('when given %p, then the number is %p', (input, expected) => {
    expect(parseDecimal(input)).toBe(expected);
  });

  it.each([
    [''],
    ['abc'],
    ['1e5'],
    ['12,34'],
    ['1.2.3'],
    ['Infinity'],
    [Number.NaN],
    [null],
    [undefined],
    [{}],
  ])('when given %p, then the result is null', (input) => {
    expect(parseDecimal(input)).toBeNull();
  });
});

describe('parseBoolean', () => {
  it.each([
    [true, true],
    [false, false],
    ['True', true],
    ['False', false],
    ['TRUE', true],
    ['false', false],
    [' true ', true],
  ])('when given %p, then the value is %p', (input, expected) => {
    expect(parseBoolean(input)).toBe(expected);
  });

  it.each([['yes'], ['1'], [1], [0], [''], [null], [undefined], [{}]])(
    'when given %p, then it is null',
    (input) => {
      expect(parseBoolean(input)).toBeNull();
    },
  );
});

describe('normalizeRateInterval', () => {
  it.each([
    ['PA', 'PA'],
    ['Per Year', 'PA'],
    ['PH', 'PH'],
    ['Per Hour', 'PH'],
    ['PD', 'PD'],
    ['Per Day', 'PD'],
    ['BW', 'BW'],
    ['Bi-weekly', 'BW'],
    ['Bi Weekly', 'BW'],
    ['BIWEEKLY', 'BW'],
    ['PM', 'PM'],
    ['Per Month', 'PM'],
    ['PW', 'PW'],
    ['Piece Work', 'PW'],
    ['piece-work', 'PW'],
    ['WC', 'WC'],
    ['Without Compensation', 'WC'],
    ['FB', 'FB'],
    ['Fee Basis', 'FB'],
    ['ST', 'ST'],
    ['Student Stipend Paid', 'ST'],
    ['SY', 'SY'],
    ['School Year', 'SY'],
    ['pa', 'PA'],
    ['  per   year ', 'PA'],
    ['Per-Hour', 'PH'],
  ])('when the code is %p, then it normalises to %p', (input, expected) => {
    expect(normalizeRateInterval(input)).toBe(expected);
  });

  it('when the text says "Per Week", then it is unknown: PW is piece work, there is no weekly interval', () => {
    expect(normalizeRateInterval('Per Week')).toBeNull();
    expect(normalizeRateInterval('Weekly')).toBeNull();
  });

  it('when the code is unknown or missing, then the description decides; the code wins when both are known', () => {
    expect(normalizeRateInterval('', 'Per Year')).toBe('PA');
    expect(normalizeRateInterval(undefined, 'Per Hour')).toBe('PH');
    expect(normalizeRateInterval('??', 'Bi-weekly')).toBe('BW');
    expect(normalizeRateInterval('PH', 'Per Year')).toBe('PH');
    expect(normalizeRateInterval('nonsense', 'also nonsense')).toBeNull();
    expect(normalizeRateInterval(null)).toBeNull();
  });
});

describe('annualize', () => {
  it.each([
    ['PA', 'Per Year', 50000, 60000, 50000, 60000],
    ['PH', 'Per Hour', 20, 30, 41740, 62610],
    ['PD', 'Per Day', 200, 300, 52175, 78262.5],
    ['BW', 'Bi-weekly', 2000, 3000, 52175, 78262.5],
    ['PM', 'Per Month', 5000, 6000, 60000, 72000],
  ])(
    'when the interval is %s or "%s", then the factor applies',
    (code, text, min, max, annualMin, annualMax) => {
      expect(annualize([pay(code, min, max)])).toEqual({ min: annualMin, max: annualMax });
      expect(annualize([pay(text, min, max)])).toEqual({ min: annualMin, max: annualMax });
    },
  );

  it('when the hourly factor is used, then it is the 2,087-hour OPM year', () => {
    expect(WORK_HOURS_PER_YEAR).toBe(2087);
    expect(annualize([pay('PH', 19.18, 19.18)])).toEqual({ min: 40028.66, max: 40028.66 });
  });

  it('when the product has sub-cent digits, then it is rounded to cents (half up)', () => {
    // 0.40 * 26.0875 = 10.435 exactly; binary noise must not round it down.
    expect(annualize([pay('BW', 0.4, 0.4)])).toEqual({ min: 10.44, max: 10.44 });
    // 100.01 * 260.875 = 26090.10875.
    expect(annualize([pay('PD', 100.01, 100.01)])).toEqual({ min: 26090.11, max: 26090.11 });
  });

  it('when the interval is without compensation, then there is no salary and the posting is unpaid', () => {
    expect(annualize([pay('WC', 0, 0)])).toBeNull();
    expect(annualize([pay('Without Compensation', 0, 0)])).toBeNull();
    expect(isUnpaid([pay('WC', 0, 0)])).toBe(true);
    expect(isUnpaid([pay('Without Compensation', 0, 0)])).toBe(true);
  });

  it('when zero pay comes as WC or as a 0-0 range, then both are handled by one rule: no salary, unpaid', () => {
    for (const entries of [[pay('WC', 0, 0)], [pay('Bi-weekly', 0, 0)], [pay('PA', 0, 0), pay('WC', 0, 0)]]) {
      expect(annualize(entries)).toBeNull();
      expect(isUnpaid(entries)).toBe(true);
    }
    expect(isUnpaid([])).toBe(false);
    expect(isUnpaid([pay('PA', 60000, 80000), pay('WC', 0, 0)])).toBe(false);
  });

  it.each([
    ['PW'],
    ['Piece Work'],
    ['FB'],
    ['Fee Basis'],
    ['ST'],
    ['SY'],
    ['School Year'],
    ['Per Week'],
    ['XX'],
    [''],
  ])('when the interval is %p, then it is not annualisable (PW is piece work, not weekly)', (code) => {
    expect(annualize([pay(code, 500, 1000)])).toBeNull();
  });

  it('when a non-WC range is 0.0 to 0.0, then it means "not stated" and is not annualisable', () => {
    expect(annualize([pay('Bi-weekly', 0, 0)])).toBeNull();
    expect(annualize([pay('PA', 0, 0)])).toBeNull();
  });

  it('when there are no entries, then the salary is null', () => {
    expect(annualize([])).toBeNull();
  });

  it('when there are several entries, then the lowest min and highest max of the annualisable ones are kept', () => {
    expect(
      annualize([
        pay('PA', 60000, 80000),
        pay('PH', 20, 50), // 41,740 – 104,350
        pay('PW', 1, 999999), // piece work: ignored
        pay('BW', 0, 0), // not stated: ignored
      ]),
    ).toEqual({ min: 41740, max: 104350 });
  });

  it('when a WC entry sits next to a paid one, then the salary is the paid one', () => {
    expect(annualize([pay('PA', 60000, 80000), pay('WC', 0, 0)])).toEqual({ min: 60000, max: 80000 });
  });

  it('when only the minimum is stated, then the range is that single amount', () => {
    expect(annualize([pay('PA', 50000, 0)])).toEqual({ min: 50000, max: 50000 });
  });

  it('when the range is reversed, then it is put in order', () => {
    expect(annualize([pay('PA', 90000, 70000)])).toEqual({ min: 70000, max: 90000 });
  });

  it('when an amount is negative or not finite, then that entry is ignored', () => {
    expect(annualize([pay('PA', -1, 5), pay('PA', Number.NaN, 5)])).toBeNull();
    expect(annualize([pay('PA', -1, 5), pay('PA', 10, 20)])).toEqual({ min: 10, max: 20 });
  });

  it('when the code is unknown but the description names the interval, then the description is used', () => {
    expect(
      annualize([{ rateIntervalCode: '', minimumRange: 20, maximumRange: 20, description: 'Per Hour' }]),
    ).toEqual({ min: 41740, max: 41740 });
  });
});
