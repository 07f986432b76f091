import 'reflect-metadata';

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import {
  buildSchema as parseSdl,
  findBreakingChanges,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isIntrospectionType,
  isObjectType,
  isSpecifiedScalarType,
  Kind,
  parse,
} from 'graphql';

import { DEFAULT_ETL_PARAMS } from '../../src/etl/params';
import { SCHEMA_FILE } from '../../src/graphql/emit-schema';
import { buildGraphqlSchema, printGraphqlSchema } from '../../src/graphql/schema';

/** The public contract, kept beside the project (not in this repository); the check runs where it is present. */
const CONTRACT_FILE = path.resolve(__dirname, '..', '..', '..', 'shared', 'contract', 'job-tracker.graphql');

describe('schema/schema.graphql', () => {
  it('when the schema is built from the classes, then the committed file is exactly its print (run `npm run schema`)', async () => {
    const printed = printGraphqlSchema(await buildGraphqlSchema());
    expect(readFileSync(SCHEMA_FILE, 'utf8')).toBe(printed);
  });

  it('when printed twice, then the print is the same (deterministic order)', async () => {
    const first = printGraphqlSchema(await buildGraphqlSchema());
    expect(printGraphqlSchema(await buildGraphqlSchema())).toBe(first);
  });

  (existsSync(CONTRACT_FILE) ? it : it.skip)(
    'when compared with the public contract, then nothing breaks it (a compatible superset)',
    () => {
      const contract = parseSdl(readFileSync(CONTRACT_FILE, 'utf8'));
      const emitted = parseSdl(readFileSync(SCHEMA_FILE, 'utf8'));
      expect(findBreakingChanges(contract, emitted).map((c) => c.description)).toEqual([]);
    },
  );
});

/** Every element of a schema a client can read a description of, named as a client would name it. */
function describableElements(
  schema: GraphQLSchema,
): { name: string; description: string | null | undefined }[] {
  const elements: { name: string; description: string | null | undefined }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    elements.push({ name: type.name, description: type.description });
    if (isObjectType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        elements.push({ name: `${type.name}.${field.name}`, description: field.description });
        for (const arg of 'args' in field ? field.args : []) {
          elements.push({ name: `${type.name}.${field.name}(${arg.name})`, description: arg.description });
        }
      }
    }
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        elements.push({ name: `${type.name}.${value.name}`, description: value.description });
      }
    }
  }
  return elements;
}

describe('schema documentation', () => {
  it('when every type, field, argument, enum value and input field is walked, then each has a description', async () => {
    const elements = describableElements(await buildGraphqlSchema());
    expect(elements.length).toBeGreaterThan(150);
    const undescribed = elements.filter((e) => (e.description ?? '').trim() === '').map((e) => e.name);
    expect(undescribed).toEqual([]);
  });

  it('when printed, then types are sorted by name while fields and enum values keep their declaration order', async () => {
    const printed = parse(printGraphqlSchema(await buildGraphqlSchema())).definitions;
    const names = printed.map((d) => ('name' in d ? d.name?.value : undefined) ?? '');
    expect(names).toEqual([...names].sort());
    const members = (name: string): string[] => {
      const definition = printed.find((d) => 'name' in d && d.name?.value === name);
      if (definition?.kind === Kind.ENUM_TYPE_DEFINITION)
        return definition.values?.map((v) => v.name.value) ?? [];
      if (definition?.kind === Kind.OBJECT_TYPE_DEFINITION)
        return definition.fields?.map((f) => f.name.value) ?? [];
      if (definition?.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) {
        return definition.fields?.map((f) => f.name.value) ?? [];
      }
      throw new Error(`${name} is not printed`);
    };
    expect(members('EtlRunStatus')).toEqual(['RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED', 'CANCELLED']);
    expect(members('Job').slice(0, 3)).toEqual(['id', 'positionId', 'positionTitle']);
    expect(members('EtlParams').slice(0, 3)).toEqual(['keyword', 'locationName', 'radiusMiles']);
  });

  it('when EtlParams is introspected, then its defaults are the ETL defaults (DEFAULT_ETL_PARAMS)', async () => {
    const params = (await buildGraphqlSchema()).getType('EtlParams');
    if (!isInputObjectType(params)) throw new Error('EtlParams is not an input type');
    const defaults = Object.fromEntries(
      Object.values(params.getFields()).map((field) => [field.name, field.defaultValue ?? null]),
    );
    expect(defaults).toEqual({ ...DEFAULT_ETL_PARAMS });
  });

  it('when JobFilter is introspected, then the old names are deprecated in favour of the stored field names', async () => {
    const filter = (await buildGraphqlSchema()).getType('JobFilter');
    if (!isInputObjectType(filter)) throw new Error('JobFilter is not an input type');
    const fields = filter.getFields();
    expect(fields.location?.deprecationReason).toMatch(/locationName/);
    expect(fields.department?.deprecationReason).toMatch(/departmentName/);
    expect(fields.locationName?.deprecationReason).toBeUndefined();
    expect(fields.departmentName?.deprecationReason).toBeUndefined();
  });
});
