import { DEFAULT_ETL_PARAMS } from '../../src/etl/params';
import { adHocTarget, type SearchTarget } from '../../src/etl/search-target';
import { TargetMatches } from '../../src/etl/target-matches';
import type { JobData } from '../../src/etl/transform';

function target(profileId: string | null, spec: Partial<SearchTarget['spec']> = {}): SearchTarget {
  const base = adHocTarget({ ...DEFAULT_ETL_PARAMS });
  return { profileId, name: profileId ?? 'ad hoc', spec: { ...base.spec, ...spec } };
}

/** A GS-12 posting near the seeker (fits the default band), or a GS-15 one (fits only a senior band). */
function job(id: string, grade = 12): JobData {
  return {
    _id: id,
    payPlan: 'GS',
    lowGrade: grade,
    highGrade: grade,
    remote: false,
    annualSalary: null,
  } as JobData;
}

describe('TargetMatches', () => {
  it('when two profiles share a search, then each posting is matched to the profiles it fits and unmatched from the others', () => {
    const matches = new TargetMatches([target('junior'), target('senior', { yearsOfExperience: 8 })]);
    const roles = [
      { target: 0, fromLocationSearch: true },
      { target: 1, fromLocationSearch: true },
    ];
    expect(matches.see(job('A', 12), roles)).toEqual({ fit: true });
    expect(matches.see(job('B', 15), roles)).toEqual({ fit: true });
    expect(matches.see(job('C', 3), roles)).toEqual({ fit: false, reason: 'not a fit: experience' });
    // Stored matches of profiles whose searches did not return it stay; the others follow what was found.
    expect(matches.profilesOf('A', ['senior', 'elsewhere'])).toEqual(['elsewhere', 'junior']);
    expect(matches.profilesOf('B', [])).toEqual(['senior']);
    expect(matches.profilesOf('C', ['junior'])).toEqual([]);
    expect(matches.profileCounts().map((c) => [c.name, c.found, c.matched])).toEqual([
      ['junior', 3, 1],
      ['senior', 3, 1],
    ]);
  });

  it('when a search of a profile was incomplete, then its unreturned jobs are neither unmatched nor withdrawn by it', () => {
    const matches = new TargetMatches([target('full'), target('partial')]);
    matches.searchEnded([{ target: 0, fromLocationSearch: true }], true);
    matches.searchEnded([{ target: 1, fromLocationSearch: true }], false);
    expect(matches.completeTargetsOf(['full', 'partial'])).toEqual([0]);
    expect(matches.profilesOf('X', ['full', 'partial'], true)).toEqual(['partial']);
    expect(matches.profilesOf('X', ['full', 'partial'], false)).toEqual(['full', 'partial']);
  });

  it('when the run is ad hoc, then no job gets matches written', () => {
    const matches = new TargetMatches([target(null)]);
    matches.see(job('A'), [{ target: 0, fromLocationSearch: true }]);
    expect(matches.overProfiles).toBe(false);
    expect(matches.profilesOf('A', ['kept'])).toBeUndefined();
    expect(matches.profileCounts()).toEqual([]);
  });
});
