import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { formatGraphQLErrors, withoutSuggestions } from './error-formatter.ts';
import { GRAPHQL_RESPONSE_JSON, LEGACY_JSON } from './http-protocol.ts';

const log = { error: () => {}, warn: () => {} } as never;
const format = (errors: GraphQLError[], responseType: typeof GRAPHQL_RESPONSE_JSON | typeof LEGACY_JSON, data?: null) =>
  formatGraphQLErrors(data === undefined ? { errors } : { data, errors }, log, { responseType, hideSuggestions: true });

/** What postgres.js raises when the server has gone (a connection-class SQLSTATE). */
const unreachable = Object.assign(new Error('connection ended'), { code: '08006' });

describe('the status of an answer with errors (GraphQL over HTTP)', () => {
  const rows: [string, number, number, GraphQLError][] = [
    ['a request error', 400, 200, new GraphQLError('Syntax Error: Expected Name')],
    [
      'a domain refusal before execution',
      400,
      200,
      new GraphQLError('bad', { originalError: new DomainError('BAD_USER_INPUT', 'bad', 'query') }),
    ],
    ['the database out of reach before execution', 503, 200, new GraphQLError('x', { originalError: unreachable })],
    ['a fault on our side before execution', 500, 500, new GraphQLError('x', { originalError: new Error('boom') })],
  ];
  it.each(rows)('%s: %i as graphql-response+json, %i as application/json, no data', (_label, gql, json, error) => {
    const asGql = format([error], GRAPHQL_RESPONSE_JSON);
    expect(asGql.statusCode).toBe(gql);
    expect(asGql.response).not.toHaveProperty('data');
    expect(format([error], LEGACY_JSON).statusCode).toBe(json);
  });

  it('is 200 with data null once execution ran, under both types', () => {
    const error = new GraphQLError('x', { originalError: unreachable, path: ['requestLoginLink'] });
    for (const type of [GRAPHQL_RESPONSE_JSON, LEGACY_JSON] as const) {
      const { statusCode, response } = format([error], type, null);
      expect(statusCode).toBe(200);
      expect(response).toEqual({
        data: null,
        errors: [expect.objectContaining({ extensions: { code: 'SERVICE_UNAVAILABLE' } })],
      });
    }
  });
});

describe('suggestions', () => {
  it.each([
    [
      'Cannot query field "aliances" on type "Query". Did you mean "alliance" or "alliances"?',
      'Cannot query field "aliances" on type "Query".',
    ],
    [
      'Value "SUPLY" does not exist in "PledgeKind" enum. Did you mean the enum value "SUPPLY"?',
      'Value "SUPLY" does not exist in "PledgeKind" enum.',
    ],
    [
      'Unknown type "Alliancee". Did you mean "Alliance", "AllianceCounts", or "AllianceConnection"?',
      'Unknown type "Alliancee".',
    ],
    ['The text "Did you mean it?" stays.', 'The text "Did you mean it?" stays.'],
  ])('%s', (message, expected) => {
    expect(withoutSuggestions(message)).toBe(expected);
  });
});
