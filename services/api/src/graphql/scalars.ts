import { parseCountryCode } from '@concord/schema/values';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { DateTimeResolver, JSONObjectResolver, LocalDateResolver } from 'graphql-scalars';

const DECIMAL = /^-?\d{1,20}(\.\d{1,10})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    throw new TypeError(
      `Decimal must be a number written as a string, such as "1250.5"; got ${JSON.stringify(value)}.`,
    );
  }
  return text;
}

/** Exact decimals travel as strings; numeric columns arrive from both drivers as strings already. */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal number serialised as a string.',
  serialize: (value) => {
    if (typeof value === 'string' && DECIMAL.test(value)) return value;
    if (typeof value === 'bigint') return value.toString();
    throw new GraphQLError('Decimal cannot represent a non-decimal value.');
  },
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING || ast.kind === Kind.INT || ast.kind === Kind.FLOAT) return parseDecimal(ast.value);
    throw new TypeError('Decimal must be written as a string, such as "1250.5".');
  },
});

function parseCountry(value: unknown): string {
  if (typeof value !== 'string') {
    throw new TypeError(
      `A country is an ISO 3166-1 alpha-2 code written as a string, such as "BE"; got ${typeof value}.`,
    );
  }
  const parsed = parseCountryCode(value);
  if (!parsed.ok) throw new TypeError(parsed.message);
  return parsed.code;
}

/**
 * Every ISO 3166-1 alpha-2 code (@concord/schema/values), in upper case. Lower case is accepted and
 * upper-cased, the same for an organisation's country as for a filter: "be" is Belgium, never a row the
 * database refuses nor a filter that silently finds nothing (docs/errors.md).
 */
export const CountryCodeScalar = new GraphQLScalarType({
  name: 'CountryCode',
  description: 'A country as an ISO 3166-1 alpha-2 code (for example DE, FR, GR); lower case is read as upper case.',
  serialize: (value) => {
    if (typeof value === 'string') return value.toUpperCase();
    throw new GraphQLError('CountryCode cannot represent a non-string value.');
  },
  parseValue: parseCountry,
  parseLiteral: (ast) => {
    if (ast.kind === Kind.STRING) return parseCountry(ast.value);
    throw new TypeError('A country is an ISO 3166-1 alpha-2 code written as a string, such as "BE".');
  },
});

/**
 * graphql-js attaches the request's location to a literal's parse error only when the scalar throws a
 * plain Error; graphql-scalars throws GraphQLErrors without one. Rethrowing keeps the location, so the
 * error formatter can name the argument at fault.
 */
function withLocatedErrors(scalar: GraphQLScalarType, name = scalar.name): GraphQLScalarType {
  const config = scalar.toConfig();
  const rethrow =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      try {
        return fn(...args);
      } catch (error) {
        throw new TypeError(error instanceof Error ? error.message : String(error));
      }
    };
  return new GraphQLScalarType({
    ...config,
    name,
    parseValue: config.parseValue && rethrow(config.parseValue),
    parseLiteral: config.parseLiteral && rethrow(config.parseLiteral),
  });
}

export const scalarResolvers = {
  Decimal: DecimalScalar,
  DateTime: withLocatedErrors(DateTimeResolver),
  Date: withLocatedErrors(LocalDateResolver, 'Date'),
  CountryCode: CountryCodeScalar,
  /** Only ever an answer (a personal-data export); as an argument it would be an object of any shape. */
  JSONObject: withLocatedErrors(JSONObjectResolver),
};
