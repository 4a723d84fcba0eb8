import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { CountryCodeResolver, DateTimeResolver, LocalDateResolver } from 'graphql-scalars';

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
  CountryCode: withLocatedErrors(CountryCodeResolver),
};
