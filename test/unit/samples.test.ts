import { readFileSync } from 'node:fs';
import path from 'node:path';

import { fitsProfile } from '../../src/etl/fit';
import { DEFAULT_ETL_PARAMS } from '../../src/etl/params';
import { type JobData, parseItem } from '../../src/etl/transform';

/*
 * Every genuine USAJOBS response we hold (test/fixtures/usajobs, 2016–2025, see SOURCES.md) must go through the
 * transform: each item parses or is skipped with a stated reason, and the quirks of each era come out right.
 */

const SAMPLES = ['sample-01', 'sample-02', 'sample-03', 'sample-04', 'sample-05', 'sample-06'] as const;
type SampleName = (typeof SAMPLES)[number];

const rawItemsCache = new Map<SampleName, unknown[]>();

function rawItems(name: SampleName): unknown[] {
  let items = rawItemsCache.get(name);
  if (items === undefined) {
    const file = path.join(__dirname, '..', 'fixtures', 'usajobs', `${name}.json`);
    const body = JSON.parse(readFileSync(file, 'utf8')) as { SearchResult: { SearchResultItems: unknown[] } };
    items = body.SearchResult.SearchResultItems;
    rawItemsCache.set(name, items);
  }
  return items;
}

function jobs(name: SampleName): JobData[] {
  return rawItems(name).map((raw) => {
    const result = parseItem(raw);
    if (!result.ok) throw new Error(`${name}: item ${result.id ?? '?'} was skipped: ${result.reason}`);
    return result.job;
  });
}

function jobById(name: SampleName, id: string): JobData {
  const found = jobs(name).find((job) => job._id === id);
  if (found === undefined) throw new Error(`${name} has no item ${id}`);
  return found;
}

const ITEM_COUNTS: Record<SampleName, number> = {
  'sample-01': 5,
  'sample-02': 2,
  'sample-03': 2,
  'sample-04': 17,
  'sample-05': 30,
  'sample-06': 5,
};

describe('every real sample', () => {
  it.each(SAMPLES)('when %s is parsed, then every item parses (none is skipped)', (name) => {
    const results = rawItems(name).map(parseItem);
    expect(results).toHaveLength(ITEM_COUNTS[name]);
    const skipped = results.filter((result) => !result.ok);
    expect(skipped).toEqual([]);
  });

  it.each(SAMPLES)('when %s is parsed, then every job is complete and normalised', (name) => {
    for (const job of jobs(name)) {
      expect(job._id).toMatch(/^\d+$/);
      expect(job.positionUri).toMatch(/^https:\/\/www\.usajobs\.gov\/(job|GetJob\/ViewDetails)\/\d+$/);
      expect(job.positionUri).not.toContain(':443');
      for (const uri of job.applyUris) expect(uri).not.toContain(':443');
      expect(job.positionLocation.length).toBeGreaterThan(0);
      for (const location of job.positionLocation) {
        expect(location.locationName).toBe(location.locationName.trim());
        expect(location.locationName).not.toBe('');
        expect(location.cityName).toBe(location.cityName?.trim());
        expect(Number.isFinite(location.latitude)).toBe(true);
        expect(Number.isFinite(location.longitude)).toBe(true);
      }
      expect(job.positionRemuneration.length).toBeGreaterThan(0);
      for (const remuneration of job.positionRemuneration) {
        expect(Number.isFinite(remuneration.minimumRange)).toBe(true);
        expect(Number.isFinite(remuneration.maximumRange)).toBe(true);
      }
      expect(job.publicationStartDate).toBeInstanceOf(Date);
      expect(job.applicationCloseDate).toBeInstanceOf(Date);
      expect(job.applicationCloseDate!.getTime()).toBeGreaterThan(job.publicationStartDate!.getTime());
      expect(job.payPlan).toMatch(/^[A-Z]{2}$/);
    }
  });

  it.each(SAMPLES)(
    'when any item of %s loses a required field, then it is skipped with a stated reason',
    (name) => {
      for (const raw of rawItems(name)) {
        const item = raw as { MatchedObjectId: string; MatchedObjectDescriptor: Record<string, unknown> };
        const broken = {
          ...item,
          MatchedObjectDescriptor: { ...item.MatchedObjectDescriptor, PositionTitle: '' },
        };
        expect(parseItem(broken)).toEqual({
          ok: false,
          id: item.MatchedObjectId,
          reason: 'unparseable: missing PositionTitle',
        });
      }
    },
  );
});

describe('sample-01 (2025, Chicago radius search)', () => {
  it('when an FAA notice has 1,176 locations, then all are kept in order and Belgium has no state', () => {
    for (const id of ['840956600', '840958600', '840944200']) {
      const job = jobById('sample-01', id);
      expect(job.positionLocation).toHaveLength(1176);
      expect(job.positionLocation[0]).toEqual({
        locationName: 'Belgium, Belgium',
        cityName: 'Belgium, Belgium',
        countrySubDivisionCode: null,
        countryCode: 'Belgium',
        latitude: 50.649,
        longitude: 4.6419997,
      });
      expect(job.positionLocation.at(-1)?.locationName).toBe('Seabrook, Texas');
      expect(job.positionLocation.filter((l) => l.countrySubDivisionCode === null)).toHaveLength(11);
      expect(job.positionLocation.find((l) => l.locationName === 'Chicago, Illinois')).toEqual({
        locationName: 'Chicago, Illinois',
        cityName: 'Chicago, Illinois',
        countrySubDivisionCode: 'Illinois',
        countryCode: 'United States',
        latitude: 41.88415,
        longitude: -87.63241,
      });
    }
  });

  it('when the FAA item is mapped, then URIs, pay plan, grades, flags and EDT dates are right', () => {
    expect(jobById('sample-01', '840956600')).toMatchObject({
      positionId: 'AAC-FAA-25-PUB NOT-95751',
      positionTitle: 'Public Notice for Aerospace Engineer (Direct Hire)',
      positionUri: 'https://www.usajobs.gov/job/840956600',
      applyUris: ['https://www.usajobs.gov/job/840956600'],
      positionLocationDisplay: 'May be filled in various FAA duty locations',
      positionRemuneration: [
        { minimumRange: 34454, maximumRange: 162672, rateIntervalCode: 'PA', description: 'Per Year' },
      ],
      annualSalary: { min: 34454, max: 162672 },
      organizationName: 'Federal Aviation Administration',
      departmentName: 'Department of Transportation',
      payPlan: 'FG',
      lowGrade: 5,
      highGrade: 15,
      remote: false,
      teleworkEligible: true,
      publicationStartDate: new Date('2025-07-17T04:00:00.000Z'),
      applicationCloseDate: new Date('2025-09-27T03:59:59.997Z'),
    });
  });

  it("when a job closes on New Year's Eve, then the close is 23:59:59.997 EST (UTC-5)", () => {
    expect(jobById('sample-01', '825950500').applicationCloseDate).toEqual(
      new Date('2026-01-01T04:59:59.997Z'),
    );
  });

  it('when the default seeker (5 years) meets the Chicago results, then GS-3–7 is the only misfit', () => {
    const ctx = { fromLocationSearch: true, params: { ...DEFAULT_ETL_PARAMS } };
    const verdicts = Object.fromEntries(jobs('sample-01').map((job) => [job._id, fitsProfile(job, ctx)]));
    expect(verdicts).toEqual({
      '840956600': { fit: true }, // FG 5–15
      '840958600': { fit: true },
      '840944200': { fit: true },
      '825950500': { fit: true }, // GS 7–11 touches the 11–13 band
      '825917700': { fit: false, reason: 'not a fit: experience' }, // GS 3–7
    });
  });
});

describe('sample-02 (2024, codes with descriptions)', () => {
  it('when the dates are zone-less with a 4-digit fraction, then they are EDT instants', () => {
    for (const job of jobs('sample-02')) {
      expect(job.publicationStartDate).toEqual(new Date('2024-06-06T04:00:00.000Z'));
      expect(job.applicationCloseDate).toEqual(new Date('2024-06-17T03:59:59.997Z'));
    }
  });

  it('when one vacancy is announced twice, then both control numbers parse with their own PositionID', () => {
    expect(jobs('sample-02').map((job) => [job._id, job.positionId])).toEqual([
      ['794441100', '24-BPA40376-12437752-MP'],
      ['794441400', '24-BPA40376-12437753-DE'],
    ]);
    expect(jobById('sample-02', '794441100')).toMatchObject({
      positionUri: 'https://www.usajobs.gov/GetJob/ViewDetails/794441100',
      applyUris: ['https://www.usajobs.gov/GetJob/ViewDetails/794441100?PostingChannelID='],
      annualSalary: { min: 111234, max: 144608 },
      payPlan: 'GS',
      lowGrade: 13,
      highGrade: 13,
    });
  });
});

describe('sample-03 (2022, text intervals)', () => {
  it('when the interval is the text "Per Year", then the salary annualises as published', () => {
    const job = jobById('sample-03', '645184400');
    expect(job.positionRemuneration).toEqual([
      { minimumRange: 97738, maximumRange: 138868, rateIntervalCode: 'Per Year', description: null },
    ]);
    expect(job.annualSalary).toEqual({ min: 97738, max: 138868 });
    expect(job).toMatchObject({ payPlan: 'GG', lowGrade: 13, highGrade: 13 });
  });

  it('when the publication time has a real clock time, then it is read as Eastern', () => {
    expect(jobById('sample-03', '645184400').publicationStartDate).toEqual(
      new Date('2022-03-25T15:18:12.420Z'),
    );
  });

  it('when the pay plan is the NNSA band NQ, then its band number is kept as the grade', () => {
    expect(jobById('sample-03', '645856400')).toMatchObject({ payPlan: 'NQ', lowGrade: 4, highGrade: 4 });
  });
});

describe('sample-04 (2021, bare dates, WC, letters)', () => {
  it('when the item is without compensation, then it is unpaid with no salary and the "00" grades are null', () => {
    expect(jobById('sample-04', '492065100')).toMatchObject({
      positionRemuneration: [
        { minimumRange: 0, maximumRange: 0, rateIntervalCode: 'Without Compensation', description: null },
      ],
      annualSalary: null,
      unpaid: true,
      payPlan: 'GS',
      lowGrade: null,
      highGrade: null,
    });
  });

  it('when the grades are FAA and TSA letter bands, then they are null', () => {
    expect(jobById('sample-04', '529585000')).toMatchObject({
      payPlan: 'FV',
      lowGrade: null,
      highGrade: null,
    });
    expect(jobById('sample-04', '529585100')).toMatchObject({
      payPlan: 'FV',
      lowGrade: null,
      highGrade: null,
    });
    expect(jobById('sample-04', '519687900')).toMatchObject({
      payPlan: 'SV',
      lowGrade: null,
      highGrade: null,
    });
  });

  it('when the interval is the text "Per Hour", then ×2,087 applies', () => {
    expect(jobById('sample-04', '519687900').annualSalary).toEqual({ min: 46498.36, max: 61274.32 });
    expect(jobById('sample-04', '524914600').annualSalary).toEqual({ min: 40571.28, max: 47312.29 });
  });

  it('when dates are bare days, then publication is midnight and closing the end of that Eastern day', () => {
    expect(jobById('sample-04', '451842500')).toMatchObject({
      publicationStartDate: new Date('2020-12-03T05:00:00.000Z'),
      applicationCloseDate: new Date('2021-12-03T04:59:59.997Z'),
    });
    // Summer: EDT.
    expect(jobById('sample-04', '492065100')).toMatchObject({
      publicationStartDate: new Date('2021-04-05T04:00:00.000Z'),
      applicationCloseDate: new Date('2021-04-17T03:59:59.997Z'),
    });
  });

  it('when two control numbers share a PositionID, then both parse as separate jobs', () => {
    const stem = jobs('sample-04').filter((job) => job.positionId === 'Public Notice - Stem');
    expect(stem.map((job) => job._id)).toEqual(['529585000', '529585100']);
    expect(stem.map((job) => job.positionLocation.length)).toEqual([673, 673]);
  });

  it('when a GS grade is unpadded, then it is still a number', () => {
    expect(jobById('sample-04', '528210200')).toMatchObject({ lowGrade: 5, highGrade: 14 });
  });
});

describe('sample-05 (2016, Z dates)', () => {
  it('when the hourly rate is 19.18, then the annual salary is 19.18 × 2,087', () => {
    const job = jobById('sample-05', '437481400');
    expect(job.positionRemuneration).toEqual([
      { minimumRange: 19.18, maximumRange: 19.18, rateIntervalCode: 'Per Hour', description: null },
    ]);
    expect(job.annualSalary).toEqual({ min: 40028.66, max: 40028.66 });
  });

  it('when dates end in Z, then they are taken as given (UTC)', () => {
    expect(jobById('sample-05', '437481400')).toMatchObject({
      publicationStartDate: new Date('2016-05-04T00:00:00.000Z'),
      applicationCloseDate: new Date('2016-05-11T00:00:00.000Z'),
    });
  });

  it('when HighGrade is empty, then it is null and LowGrade stays', () => {
    expect(jobById('sample-05', '436802800')).toMatchObject({ lowGrade: 13, highGrade: null });
  });

  it('when city names carry a leading space, then they are trimmed', () => {
    const names = jobById('sample-05', '436707800').positionLocation.map((l) => l.cityName);
    expect(names).toHaveLength(26);
    expect(names).toContain('Beale AFB, California');
    expect(names.every((name) => name === name?.trim())).toBe(true);
  });

  it('when the 2016 shape has no display text, no Details flags and a RESTAPI apply link, then defaults apply', () => {
    expect(jobById('sample-05', '437834500')).toMatchObject({
      positionLocationDisplay: null,
      remote: false,
      teleworkEligible: false,
      applyUris: ['https://www.usajobs.gov/GetJob/ViewDetails/437834500?PostingChannelID=RESTAPI'],
      annualSalary: { min: 77490, max: 119794 },
    });
  });

  it('when salaries carry four decimals, then they parse', () => {
    expect(jobById('sample-05', '436707800').annualSalary).toEqual({ min: 32318, max: 152593 });
  });
});

describe('sample-06 (2016, last page)', () => {
  it('when a Bi-weekly item has a 0.0–0.0 range, then it is kept as published but not annualised', () => {
    const job = jobById('sample-06', '436786200');
    expect(job.positionRemuneration).toEqual([
      { minimumRange: 0, maximumRange: 0, rateIntervalCode: 'Bi-weekly', description: null },
    ]);
    expect(job.annualSalary).toBeNull();
    expect(job).toMatchObject({ payPlan: 'AD', departmentName: null, organizationName: 'Presidio Trust' });
  });

  it('when the nursing pay plan VN has grades "00", then they are null', () => {
    expect(jobById('sample-06', '437080900')).toMatchObject({
      payPlan: 'VN',
      lowGrade: null,
      highGrade: null,
    });
  });
});
