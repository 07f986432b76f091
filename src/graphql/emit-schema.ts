import 'reflect-metadata';

import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { messageOf } from '../errors';
import { buildGraphqlSchema, printGraphqlSchema } from './schema';

/** Where `npm run schema` writes; the same from src/graphql (tests) and dist/graphql (compiled). */
export const SCHEMA_FILE = path.resolve(__dirname, '..', '..', 'schema', 'schema.graphql');

/** `npm run schema`: writes schema/schema.graphql (or the path given as the first argument). */
async function main(): Promise<void> {
  const target = path.resolve(process.argv[2] ?? SCHEMA_FILE);
  writeFileSync(target, printGraphqlSchema(await buildGraphqlSchema()));
  process.stdout.write(`schema written to ${path.relative(process.cwd(), target)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`schema emission failed: ${messageOf(error)}\n`);
    process.exit(1);
  });
}
