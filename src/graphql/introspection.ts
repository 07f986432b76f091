import { GraphQLError, type ValidationRule } from 'graphql';

/** What a client reads when introspection is off; it names our switch, not an Apollo constructor option. */
export const INTROSPECTION_DISABLED_MESSAGE =
  'GraphQL introspection is not allowed on this server (the query asks for __schema or __type); ' +
  'its operator can turn it on with GRAPHQL_INTROSPECTION=true.';

/**
 * Refuses `__schema` and `__type` (not `__typename`). Replaces Apollo's own rule, whose message tells the client
 * to "pass introspection: true to ApolloServer", which no client (or operator) of this service can do.
 * Reported as GRAPHQL_VALIDATION_FAILED with Apollo's `validationErrorCode`, so clients that branch on it still do.
 */
export const NoIntrospectionRule: ValidationRule = (context) => ({
  Field(node) {
    if (node.name.value !== '__schema' && node.name.value !== '__type') return;
    context.reportError(
      new GraphQLError(INTROSPECTION_DISABLED_MESSAGE, {
        nodes: [node],
        extensions: { validationErrorCode: 'INTROSPECTION_DISABLED' },
      }),
    );
  },
});
