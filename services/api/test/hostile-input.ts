import { typeDefs } from '@concord/schema';
import {
  buildSchema,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';

/**
 * The cases of the hostile-input test, read from the schema: every argument (and every input-object field,
 * recursively) of every query and mutation, and of the fields one level under a query (a register's search
 * sits in `alliance { signatories(filter:) }`), each paired with each hostile value. Nothing is listed by
 * hand, so an argument added to the schema is tested the day it is added.
 */

export const schema = buildSchema(typeDefs);

/** A value a well-meaning client would send for this argument, so that only the hostile one is wrong. */
export type Baseline = (name: string, type: GraphQLNamedType) => unknown;

export interface Leaf {
  /** The path the error should name: `input.legalName`, `filter.search`, `stages`. */
  path: string;
  /** The innermost named type: String, ID, Decimal, an enum… */
  type: GraphQLNamedType;
  isNonNull: boolean;
  isList: boolean;
}

export interface Operation {
  kind: 'query' | 'mutation';
  /** `alliance.signatories` for a nested field. */
  name: string;
  /** Builds the request with one leaf's value replaced (or removed, for `undefined`). */
  request(leaf: Leaf, value: unknown): { query: string; variables: Record<string, unknown> };
  leaves: Leaf[];
}

const typeName = (type: GraphQLInputType): string => String(type);

/** Every leaf under one argument, with its dotted path. */
function leavesOf(path: string, type: GraphQLInputType, depth = 0): Leaf[] {
  const named = getNamedType(type);
  const nullable = getNullableType(type);
  if (isInputObjectType(named) && depth < 4) {
    return Object.values(named.getFields()).flatMap((f) =>
      leavesOf(`${path}${isListType(nullable) ? '[0]' : ''}.${f.name}`, f.type, depth + 1),
    );
  }
  return [{ path, type: named, isNonNull: isNonNullType(type), isList: isListType(nullable) }];
}

/** A whole valid value for an argument: required fields filled in, optional ones left out. */
function baselineOf(name: string, type: GraphQLInputType, baseline: Baseline): unknown {
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [baselineOf(name, nullable.ofType, baseline)];
  const named = getNamedType(type);
  if (isInputObjectType(named)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(named.getFields())) {
      if (isNonNullType(field.type)) value[field.name] = baselineOf(field.name, field.type, baseline);
    }
    return value;
  }
  return baseline(name, named);
}

/** Leaves the baseline as it is: the well-formed request. */
export const KEEP: unique symbol = Symbol('keep');

/** Sets (or deletes, for undefined) the value at a dotted path below the variables, creating objects on the way. */
function setAt(variables: Record<string, unknown>, path: string, value: unknown, baseline: () => unknown): void {
  if (value === KEEP) return;
  const keys = path.replace(/\[0\]/g, '.0').split('.');
  let node: Record<string, unknown> = variables;
  keys.slice(0, -1).forEach((key, i) => {
    if (node[key] === undefined || node[key] === null) node[key] = keys[i + 1] === '0' ? [baseline()] : {};
    node = node[key] as Record<string, unknown>;
  });
  const last = keys.at(-1) ?? '';
  if (value === undefined) delete node[last];
  else node[last] = value;
}

function selectionOf(field: GraphQLField<unknown, unknown>): string {
  const named = getNamedType(field.type);
  return isObjectType(named) || (!isScalarType(named) && !isEnumType(named)) ? ' { __typename }' : '';
}

function argumentList(args: readonly GraphQLArgument[], prefix = ''): { declared: string[]; passed: string } {
  if (args.length === 0) return { declared: [], passed: '' };
  return {
    declared: args.map((a) => `$${prefix}${a.name}: ${typeName(a.type)}`),
    passed: `(${args.map((a) => `${a.name}: $${prefix}${a.name}`).join(', ')})`,
  };
}

/**
 * Root fields with arguments, and the fields with arguments one level below a query whose own arguments
 * are filled with baselines (the parent's variables are prefixed `parent_` so that names never clash).
 */
export function operations(baseline: Baseline): Operation[] {
  const result: Operation[] = [];
  for (const kind of ['query', 'mutation'] as const) {
    const root = kind === 'query' ? schema.getQueryType() : schema.getMutationType();
    for (const field of Object.values(root?.getFields() ?? {})) {
      if (field.name.startsWith('__')) continue;
      const base = Object.fromEntries(field.args.map((a) => [a.name, baselineOf(a.name, a.type, baseline)]));
      if (field.args.length > 0) {
        const { declared, passed } = argumentList(field.args);
        const head = `${kind} (${declared.join(', ')})`;
        result.push({
          kind,
          name: field.name,
          leaves: field.args.flatMap((a) => leavesOf(a.name, a.type)),
          request: (leaf, value) => {
            const variables = structuredClone(base);
            setAt(variables, leaf.path, value, () => baselineOf(leaf.path, leaf.type as GraphQLInputType, baseline));
            return { query: `${head} { ${field.name}${passed}${selectionOf(field)} }`, variables };
          },
        });
      }
      const parentType = getNamedType(field.type);
      if (kind !== 'query' || !isObjectType(parentType)) continue;
      const parent = argumentList(field.args, 'parent_');
      const parentVariables = Object.fromEntries(Object.entries(base).map(([k, v]) => [`parent_${k}`, v]));
      for (const child of Object.values(parentType.getFields())) {
        if (child.args.length === 0) continue;
        const own = argumentList(child.args);
        const childBase = Object.fromEntries(child.args.map((a) => [a.name, baselineOf(a.name, a.type, baseline)]));
        const declared = [...parent.declared, ...own.declared];
        const head = `query${declared.length > 0 ? ` (${declared.join(', ')})` : ''}`;
        result.push({
          kind,
          name: `${field.name}.${child.name}`,
          leaves: child.args.flatMap((a) => leavesOf(a.name, a.type)),
          request: (leaf, value) => {
            const variables = structuredClone(childBase);
            setAt(variables, leaf.path, value, () => baselineOf(leaf.path, leaf.type as GraphQLInputType, baseline));
            return {
              query: `${head} { ${field.name}${parent.passed} { ${child.name}${own.passed}${selectionOf(child)} } }`,
              variables: { ...parentVariables, ...variables },
            };
          },
        });
      }
    }
  }
  return result;
}

/** Text no field should store as such: each must be refused or stored whole, never break the server. */
export const hostileStrings: Record<string, { value: string; mustRefuse: boolean }> = {
  NUL: { value: 'Acme\u0000Plastics', mustRefuse: true },
  'lone surrogate': { value: 'Acme \ud800 Plastics', mustRefuse: true },
  '1 MB': { value: 'x'.repeat(1_000_000), mustRefuse: false },
  'RTL override': { value: 'Acme \u202eexe.scitsalP', mustRefuse: false },
  'CR/LF': { value: 'Acme\r\nPlastics', mustRefuse: false },
  '300 combining marks': { value: `A${'\u0301'.repeat(300)}`, mustRefuse: false },
};

/** Wrong JSON types for a leaf; whether GraphQL must refuse them depends on the leaf's type. */
export function wrongTypes(leaf: Leaf): { label: string; value: unknown; mustRefuse: boolean }[] {
  const name = leaf.type.name;
  // ID, Int, Float and Decimal take numbers by design (Decimal also as a string); the rest never do.
  const takesNumbers = ['ID', 'Int', 'Float', 'Decimal'].includes(name);
  return [
    { label: 'number', value: 12345, mustRefuse: !takesNumbers },
    { label: 'boolean', value: true, mustRefuse: name !== 'Boolean' },
    { label: 'object', value: { a: 1 }, mustRefuse: true },
    // A list is a list of one when a single value is sent; a nested list never fits.
    { label: 'array', value: leaf.isList ? [[1]] : ['x'], mustRefuse: true },
    { label: 'null', value: null, mustRefuse: leaf.isNonNull },
  ];
}

export const isTextLike = (leaf: Leaf): boolean =>
  isEnumType(leaf.type) || (isScalarType(leaf.type) && !['Int', 'Float', 'Boolean'].includes(leaf.type.name));
