import { appendChanges, diffTracked, statusChange, trackedValues } from '../../src/etl/job-changes';
import { type JobChange, JobChangeField, JobStatus, MAX_JOB_CHANGES } from '../../src/models/job.model';

const AT = new Date('2026-03-01T12:00:00Z');
const BASE = {
  annualSalary: { min: 97_079, max: 126_198 },
  applicationCloseDate: new Date('2026-03-20T03:59:59.997Z'),
  payPlan: 'GS',
  lowGrade: 12,
  highGrade: 13,
  positionTitle: 'Data Engineer',
  positionLocation: [{ locationName: 'Chicago, Illinois' }],
};

describe('job history', () => {
  it('when the tracked fields are read, then each has one stable text', () => {
    expect(trackedValues(BASE)).toEqual({
      PAY: '97079-126198',
      CLOSE_DATE: '2026-03-20T03:59:59.997Z',
      GRADES: 'GS-12/13',
      TITLE: 'Data Engineer',
      LOCATION_COUNT: '1',
    });
    expect(
      trackedValues({ ...BASE, annualSalary: null, applicationCloseDate: null, lowGrade: 9, highGrade: 9 }),
    ).toMatchObject({ PAY: null, CLOSE_DATE: null, GRADES: 'GS-9' });
    expect(trackedValues({ ...BASE, payPlan: null, lowGrade: null, highGrade: null }).GRADES).toBeNull();
  });

  it('when only the pay changes, then exactly one PAY change with from and to', () => {
    const after = { ...BASE, annualSalary: { min: 99_000, max: 126_198 } };
    expect(diffTracked(BASE, after, AT)).toEqual([
      { at: AT, field: JobChangeField.PAY, from: '97079-126198', to: '99000-126198' },
    ]);
  });

  it('when nothing tracked changes (a summary does), then no change', () => {
    expect(diffTracked(BASE, { ...BASE }, AT)).toEqual([]);
  });

  it('when title, close date, grades and locations change, then one change each, in a fixed order', () => {
    const after = {
      ...BASE,
      positionTitle: 'Senior Data Engineer',
      applicationCloseDate: new Date('2026-04-01T03:59:59.997Z'),
      highGrade: 14,
      positionLocation: [...BASE.positionLocation, { locationName: 'Remote' }],
    };
    expect(diffTracked(BASE, after, AT).map((c) => c.field)).toEqual([
      JobChangeField.CLOSE_DATE,
      JobChangeField.GRADES,
      JobChangeField.TITLE,
      JobChangeField.LOCATION_COUNT,
    ]);
  });

  it('when the history is longer than the limit, then the oldest changes are dropped', () => {
    const old: JobChange[] = Array.from({ length: MAX_JOB_CHANGES }, (_, i) => ({
      at: new Date(i),
      field: JobChangeField.TITLE,
      from: String(i),
      to: String(i + 1),
    }));
    const kept = appendChanges(old, [statusChange(JobStatus.OPEN, JobStatus.WITHDRAWN, AT)]);
    expect(kept).toHaveLength(MAX_JOB_CHANGES);
    expect(kept[0]!.from).toBe('1');
    expect(kept.at(-1)).toEqual({ at: AT, field: JobChangeField.STATUS, from: 'OPEN', to: 'WITHDRAWN' });
    expect(appendChanges(undefined, [])).toEqual([]);
  });
});
