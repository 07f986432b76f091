import { RunJournal, TouchedJobKind } from '../../src/etl/run-journal';
import { JobChangeField, JobStatus } from '../../src/models/job.model';

const AT = new Date('2026-03-02T11:00:00Z');
const JOB = {
  positionTitle: 'Data Engineer',
  positionUri: 'https://www.usajobs.gov/job/1',
  organizationName: 'Internal Revenue Service',
  annualSalary: { min: 90_000, max: 120_000 },
  applicationCloseDate: new Date('2026-03-21T03:59:59Z'),
};
const status = (from: JobStatus, to: JobStatus) => ({ at: AT, field: JobChangeField.STATUS, from, to });

describe('RunJournal', () => {
  it('when a write neither inserts nor records a change, then the job is not journaled', () => {
    const journal = new RunJournal();

    journal.wrote({ id: '1', inserted: false, changes: [], profiles: ['a'], job: JOB });

    expect(journal.size).toBe(0);
    expect(journal.touched()).toEqual([]);
  });

  it('when jobs share texts and profile lists, then each reads as written, and changing what touched() returned changes nothing kept', () => {
    const journal = new RunJournal();
    const profiles = ['a', 'b'];
    journal.wrote({ id: '1', inserted: true, changes: [], profiles, job: { ...JOB } });
    journal.wrote({ id: '2', inserted: true, changes: [], profiles: [...profiles], job: { ...JOB } });
    profiles.push('c');

    const [first, second] = journal.touched();
    expect(first).toMatchObject({ id: '1', profileIds: ['a', 'b'], organizationName: JOB.organizationName });
    expect(second).toMatchObject({ id: '2', profileIds: ['a', 'b'], organizationName: JOB.organizationName });
    first!.profileIds.push('x');
    first!.changes.push(status(JobStatus.OPEN, JobStatus.WITHDRAWN));
    expect(journal.touched()).toEqual([
      expect.objectContaining({ id: '1', profileIds: ['a', 'b'], changes: [], kind: TouchedJobKind.NEW }),
      expect.objectContaining({ id: '2', profileIds: ['a', 'b'], changes: [], kind: TouchedJobKind.NEW }),
    ]);
  });

  it('when a journaled job is written again for its profile matches, then it keeps its kind and takes the last matches', () => {
    const journal = new RunJournal();

    journal.wrote({ id: '1', inserted: true, changes: [], profiles: ['a'], job: JOB });
    journal.wrote({ id: '1', inserted: false, changes: [], profiles: ['a', 'b'], job: JOB });

    expect(journal.touched()).toEqual([
      expect.objectContaining({ id: '1', kind: TouchedJobKind.NEW, profileIds: ['a', 'b'], changes: [] }),
    ]);
  });

  it('when the run withdraws a job, then it is WITHDRAWN; when it reopens one or changes its pay, then it is CHANGED', () => {
    const journal = new RunJournal();
    const pay = { at: AT, field: JobChangeField.PAY, from: '90000-120000', to: '99000-120000' };

    journal.wrote({
      id: 'w',
      inserted: false,
      changes: [status(JobStatus.OPEN, JobStatus.WITHDRAWN)],
      profiles: ['a'],
      job: JOB,
    });
    journal.wrote({
      id: 'o',
      inserted: false,
      changes: [status(JobStatus.WITHDRAWN, JobStatus.OPEN)],
      profiles: ['a'],
      job: JOB,
    });
    journal.wrote({ id: 'p', inserted: false, changes: [pay], profiles: ['a'], job: JOB });

    expect(journal.touched().map((job) => [job.id, job.kind])).toEqual([
      ['w', TouchedJobKind.WITHDRAWN],
      ['o', TouchedJobKind.CHANGED],
      ['p', TouchedJobKind.CHANGED],
    ]);
  });

  it('when a job has no one-line location, then its first location names stand in, the rest counted', () => {
    const journal = new RunJournal();
    const positionLocation = [
      'Chicago, Illinois',
      'Denver, Colorado',
      'Austin, Texas',
      'Ogden, Utah',
      'Kansas City, Missouri',
    ].map((locationName) => ({ locationName }));

    journal.wrote({ id: '1', inserted: true, changes: [], profiles: [], job: { ...JOB, positionLocation } });

    expect(journal.touched()[0]!.location).toBe(
      'Chicago, Illinois; Denver, Colorado; Austin, Texas and 2 more',
    );
  });
});
