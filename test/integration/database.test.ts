import 'reflect-metadata';

import { getModelForClass, index, modelOptions, prop } from '@typegoose/typegoose';

import { useTestDatabase } from '../support/db';

@modelOptions({ schemaOptions: { collection: 'things', versionKey: false } })
@index({ code: 1 }, { unique: true })
class Thing {
  @prop({ type: String, required: true })
  _id!: string;

  @prop({ type: String, required: true })
  code!: string;

  @prop({ type: () => [String], default: [] })
  tags!: string[];

  @prop({ type: Date })
  seenAt?: Date;
}
const ThingModel = getModelForClass(Thing);

describe('the database over the wire (FerretDB)', () => {
  useTestDatabase();

  beforeAll(async () => {
    await ThingModel.syncIndexes();
  });

  it('when a Typegoose document is saved, then it reads back equal', async () => {
    const seenAt = new Date('2024-06-06T04:00:00.000Z');
    await ThingModel.create({ _id: '840956600', code: 'A-1', tags: ['x', 'y'], seenAt });
    const found = await ThingModel.findById('840956600').lean();
    expect(found).toEqual({ _id: '840956600', code: 'A-1', tags: ['x', 'y'], seenAt });
  });

  it('when a second document repeats a unique key, then the server rejects it with E11000', async () => {
    await ThingModel.create({ _id: 'u1', code: 'UNIQUE-1' });
    await expect(ThingModel.create({ _id: 'u2', code: 'UNIQUE-1' })).rejects.toMatchObject({ code: 11000 });
    expect(await ThingModel.countDocuments({ code: 'UNIQUE-1' })).toBe(1);
  });

  it('when bulkWrite upserts new and existing documents unordered, then its counts say which were which', async () => {
    await ThingModel.create({ _id: 'b1', code: 'B1', tags: ['old'] });
    const upsert = (id: string, tags: string[]) => ({
      updateOne: { filter: { _id: id }, update: { $set: { code: id.toUpperCase(), tags } }, upsert: true },
    });
    const result = await ThingModel.bulkWrite(
      [upsert('b1', ['new']), upsert('b2', ['n']), upsert('b3', ['n'])],
      {
        ordered: false,
      },
    );
    expect(result.upsertedCount).toBe(2);
    expect(result.matchedCount).toBe(1);
    expect(result.modifiedCount).toBe(1);

    const again = await ThingModel.bulkWrite([upsert('b1', ['new']), upsert('b2', ['n'])], {
      ordered: false,
    });
    expect(again.upsertedCount).toBe(0);
    expect(again.matchedCount).toBe(2);
    expect(again.modifiedCount).toBe(0);
  });
});
