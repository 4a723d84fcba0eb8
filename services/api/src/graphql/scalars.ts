import { CountryCodeResolver, DateTimeResolver, LocalDateResolver } from 'graphql-scalars';
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';

const DECIMAL = /^-?\d{1,20}(\.\d{1,10})?$/;

function parseDecimal(value: unknown): string {
  const text = typeof value === 'number' && Number.isFinite(value) ? String(value) : value;
  if (typeof text !== 'string' || !DECIMAL.test(text)) {
    throw new GraphQLError(`Decimal must be a number written as a string, such as "1250.5"; got ${JSON.stringify(value)}.`);
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
    throw new GraphQLError('Decimal must be written as a string, such as "1250.5".');
  },
});

export const scalarResolvers = {
  Decimal: DecimalScalar,
  DateTime: DateTimeResolver,
  Date: new GraphQLScalarType({ ...LocalDateResolver.toConfig(), name: 'Date' }),
  CountryCode: CountryCodeResolver,
};
