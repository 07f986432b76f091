import { Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';

import {
  createSearchProfile,
  deleteSearchProfile,
  findSearchProfile,
  listSearchProfiles,
  type SearchProfileFields,
  updateSearchProfile,
} from '../../etl/search-profiles';
import { SearchProfile } from '../../models/search-profile.model';
import type { GraphqlContext } from '../context';
import { toClientError } from '../errors';
import {
  CreateSearchProfileArgs,
  SearchProfileArgs,
  UpdateSearchProfileArgs,
} from '../inputs/search-profile.args';
import type { UpdateSearchProfileInput } from '../inputs/search-profile.input';
import { DB_READ_COST } from '../limits';

@Resolver(() => SearchProfile)
export class SearchProfileResolver {
  @Query(() => [SearchProfile], {
    description: 'Every saved search, by name.',
    complexity: DB_READ_COST,
  })
  searchProfiles(): Promise<SearchProfile[]> {
    return listSearchProfiles();
  }

  @Query(() => SearchProfile, {
    nullable: true,
    description: 'The saved search with this id; null when unknown.',
    complexity: DB_READ_COST,
  })
  searchProfile(@Args() { id }: SearchProfileArgs): Promise<SearchProfile | null> {
    return findSearchProfile(id);
  }

  @FieldResolver(() => [String], {
    nullable: true,
    description:
      'Who gets its digest of what changed by e-mail, instead of DIGEST_TO (empty: DIGEST_TO). Null unless the ' +
      'request carries the admin token: the addresses are personal.',
  })
  digestTo(@Root() profile: SearchProfile, @Ctx() ctx: GraphqlContext): string[] | null {
    return ctx.isAdmin ? (profile.digestTo ?? []) : null;
  }

  @Authorized()
  @Mutation(() => SearchProfile, {
    description:
      'Requires the admin bearer token. BAD_USER_INPUT for a bad field, an unknown pay plan or a taken name.',
  })
  async createSearchProfile(@Args() { input }: CreateSearchProfileArgs): Promise<SearchProfile> {
    try {
      return await createSearchProfile({ ...input });
    } catch (error) {
      throw toClientError(error, 'input');
    }
  }

  @Authorized()
  @Mutation(() => SearchProfile, {
    description:
      'Requires the admin bearer token. Stored at once; changing what it searches for unmatches its jobs until its ' +
      'next run (at once, or, while a run is in progress, when that run ends). ' +
      'BAD_USER_INPUT for an unknown id, a bad field, an unknown pay plan or a taken name.',
  })
  async updateSearchProfile(@Args() { id, input }: UpdateSearchProfileArgs): Promise<SearchProfile> {
    try {
      return await updateSearchProfile(id, toPatch(input));
    } catch (error) {
      throw toClientError(error, 'input');
    }
  }

  @Authorized()
  @Mutation(() => Boolean, {
    description:
      'Requires the admin bearer token. True when it existed. Its jobs stay stored, no longer matched by it (at ' +
      'once, or, while a run is in progress, when that run ends).',
  })
  deleteSearchProfile(@Args() { id }: SearchProfileArgs): Promise<boolean> {
    return deleteSearchProfile(id);
  }
}

/** Which fields an explicit null clears; for the others null means "as it is", like absence. */
const CLEARABLE = new Set(['keyword', 'locationName', 'minSalary']);

function toPatch(input: UpdateSearchProfileInput): Partial<SearchProfileFields> {
  return Object.fromEntries(
    Object.entries(input).filter(
      ([key, value]) => value !== undefined && (value !== null || CLEARABLE.has(key)),
    ),
  ) as Partial<SearchProfileFields>;
}
