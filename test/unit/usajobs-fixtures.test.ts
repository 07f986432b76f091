import {
  buildChicagoFixture,
  distanceMiles,
  generateItems,
  knownLocation,
  loadSampleItems,
  REMOTE_LOCATION_DISPLAY,
} from '../support/usajobs-fixtures';

describe('USAJOBS fixtures', () => {
  it('when the samples are loaded, then all 61 real items come with unique control numbers', () => {
    const items = loadSampleItems();

    expect(items).toHaveLength(61);
    expect(new Set(items.map((i) => i.MatchedObjectId)).size).toBe(61);
  });

  it('when items are generated twice with the same seed, then they are identical', () => {
    expect(generateItems(50, { seed: 42 })).toEqual(generateItems(50, { seed: 42 }));
    expect(generateItems(5, { seed: 42 })).not.toEqual(generateItems(5, { seed: 43 }));
  });

  it('when many items are generated, then control numbers and PositionIDs are fresh and unique', () => {
    const items = generateItems(500, { seed: 5 });
    const sampleIds = new Set(loadSampleItems().map((i) => i.MatchedObjectId));

    expect(new Set(items.map((i) => i.MatchedObjectId)).size).toBe(500);
    expect(new Set(items.map((i) => i.MatchedObjectDescriptor.PositionID)).size).toBe(500);
    expect(items.some((i) => sampleIds.has(i.MatchedObjectId))).toBe(false);
    for (const item of items) {
      expect(item.MatchedObjectId).toMatch(/^\d{9}$/);
      expect(String(item.MatchedObjectDescriptor.PositionURI)).toContain(`:443/`);
      expect(String(item.MatchedObjectDescriptor.PositionURI)).toContain(item.MatchedObjectId);
    }
  });

  it('when items are cloned from every era, then the real quirks survive', () => {
    const items = generateItems(61, { seed: 1 });
    const descriptors = items.map((i) => i.MatchedObjectDescriptor);
    const pay = descriptors.flatMap((d) => d.PositionRemuneration ?? []);

    // 2016 items have no PositionLocationDisplay key at all.
    expect(descriptors.some((d) => !('PositionLocationDisplay' in d))).toBe(true);
    // Pay stays decimal strings in the template's precision, and both interval styles remain.
    expect(pay.every((p) => typeof p.MinimumRange === 'string')).toBe(true);
    expect(pay.some((p) => String(p.MinimumRange).endsWith('.0000'))).toBe(true);
    expect(pay.map((p) => p.RateIntervalCode)).toEqual(
      expect.arrayContaining(['PA', 'Per Year', 'Per Hour']),
    );
    // Misspelled keys and string booleans are still there.
    expect(descriptors.some((d) => d.UserArea?.Details?.PositionSensitivitiy !== undefined)).toBe(true);
    expect(descriptors.some((d) => d.UserArea?.Details?.Relocation === 'False')).toBe(true);
  });

  it('when generated items share unvaried parts, then those parts cannot be changed by accident', () => {
    const [item] = generateItems(1);
    const grade = item?.MatchedObjectDescriptor.JobGrade?.[0];

    expect(grade).toBeDefined();
    expect(() => {
      if (grade) grade.Code = 'XX';
    }).toThrow(TypeError);
  });

  it('when the Chicago fixture is built, then nearby places are within 50 miles and far ones are not', () => {
    const fixture = buildChicagoFixture({ today: '2025-09-03' });
    const chicago = knownLocation('Chicago, Illinois');
    const milesOf = (id: string): number =>
      Math.min(
        ...(
          fixture.items.find((i) => i.MatchedObjectId === id)?.MatchedObjectDescriptor.PositionLocation ?? []
        ).map((l) =>
          distanceMiles(chicago, { latitude: Number(l.Latitude), longitude: Number(l.Longitude) }),
        ),
      );

    expect(fixture.ids.nearby.length).toBeGreaterThanOrEqual(4);
    expect(fixture.ids.nearby.every((id) => milesOf(id) <= 50)).toBe(true);
    expect(fixture.ids.far.every((id) => milesOf(id) > 50)).toBe(true);
    expect(fixture.ids.fits.length).toBeGreaterThan(0);
  });

  it('when the Chicago fixture is built, then remote postings look like USAJOBS remote postings', () => {
    const fixture = buildChicagoFixture();
    const remote = fixture.items.filter((i) => fixture.ids.remote.includes(i.MatchedObjectId));

    expect(remote.length).toBeGreaterThanOrEqual(2);
    for (const item of remote) {
      expect(item.MatchedObjectDescriptor.UserArea?.Details?.RemoteIndicator).toBe(true);
      expect(item.MatchedObjectDescriptor.PositionLocationDisplay).toBe(REMOTE_LOCATION_DISPLAY);
    }
  });

  it('when the Chicago fixture is built for a date, then its postings are open on that date', () => {
    const fixture = buildChicagoFixture({ today: '2025-09-03' });

    for (const item of fixture.items) {
      expect(String(item.MatchedObjectDescriptor.PublicationStartDate).slice(0, 10)).toBe('2025-08-31');
      expect(String(item.MatchedObjectDescriptor.ApplicationCloseDate).slice(0, 10)).toBe('2025-09-30');
    }
  });
});
