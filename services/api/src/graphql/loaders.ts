import type { GraphQLContext } from './context.ts';

/**
 * A loader: receives every parent that asked for the field in one tick and answers in the same order with
 * one query, so the number of SQL statements does not grow with the length of a list.
 */
export type Loader<TParent, TResult> = (
  queries: readonly { obj: TParent; params: unknown }[],
  context: GraphQLContext,
) => Promise<TResult[]>;

export function loader<TParent, TResult>(fn: Loader<TParent, TResult>): Loader<TParent, TResult> {
  return fn;
}

/**
 * Set on a context whose loader answers must not be kept: a subscription's context lives as long as the
 * subscription, and each event must read the database afresh.
 */
export const uncachedLoaders = Symbol('uncachedLoaders');

type AnyLoader = Loader<never, unknown>;
/** Loaders by type and field, as the modules declare them. */
export type LoaderMap = Record<string, Record<string, AnyLoader>>;
type FieldResolver = (parent: object, params: Record<string, unknown>, context: GraphQLContext) => Promise<unknown>;

interface Query {
  obj: never;
  params: unknown;
}

interface Settle {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/** One loader's state within one request: what waits for the next tick, and what was already asked. */
interface Batch {
  queries: Query[];
  settles: Settle[];
  /** Answers by parent object, for fields without arguments; per request, or per batch on uncached contexts. */
  answers: Map<object, Promise<unknown>>;
  /** Answers by parent object and arguments. */
  answersWithArguments: Map<object, Map<string, Promise<unknown>>>;
}

const batchesByContext = new WeakMap<object, Map<string, Batch>>();

/**
 * The loaders as ordinary resolvers, batched per request and per tick like Mercurius's own loaders, but
 * keyed by the parent object itself and the field's arguments. Mercurius keys its loader cache by
 * serialising each parent in full (safe-stable-stringify of `{ obj, params }`): for a page of 50
 * organisations that was most of the GraphQL overhead of the register (docs/adr/0008-graphql-overhead.md).
 * Parents are rows the request itself loaded, and loaders answer the same row object for the same id, so a
 * row asked twice is still asked once; two copies of a row are asked together in the same statement (the
 * loaders' queries take their ids through a Set).
 */
export function loaderResolvers(loaders: LoaderMap): Record<string, Record<string, FieldResolver>> {
  const resolvers: Record<string, Record<string, FieldResolver>> = {};
  for (const [type, fields] of Object.entries(loaders)) {
    const typeResolvers: Record<string, FieldResolver> = {};
    for (const [field, load] of Object.entries(fields)) {
      typeResolvers[field] = batched(`${type}.${field}`, load);
    }
    resolvers[type] = typeResolvers;
  }
  return resolvers;
}

function batched(name: string, load: AnyLoader): FieldResolver {
  return (obj, params, context) => {
    const batch = batchOf(context, name);
    const argumentsKey = keyOfArguments(params);
    if (argumentsKey === '') {
      let answer = batch.answers.get(obj);
      if (!answer) {
        answer = enqueue(name, batch, load, context, obj, params);
        batch.answers.set(obj, answer);
      }
      return answer;
    }
    let byArguments = batch.answersWithArguments.get(obj);
    if (!byArguments) {
      byArguments = new Map();
      batch.answersWithArguments.set(obj, byArguments);
    }
    let answer = byArguments.get(argumentsKey);
    if (!answer) {
      answer = enqueue(name, batch, load, context, obj, params);
      byArguments.set(argumentsKey, answer);
    }
    return answer;
  };
}

function enqueue(
  name: string,
  batch: Batch,
  load: AnyLoader,
  context: GraphQLContext,
  obj: object,
  params: unknown,
): Promise<unknown> {
  // Like Mercurius's loaders (single-user-cache): what is asked before the next tick goes in one batch.
  if (batch.queries.length === 0) process.nextTick(flush, name, batch, load, context);
  batch.queries.push({ obj, params } as Query);
  return new Promise((resolve, reject) => {
    batch.settles.push({ resolve, reject });
  });
}

function batchOf(context: GraphQLContext, name: string): Batch {
  let batches = batchesByContext.get(context);
  if (!batches) {
    batches = new Map();
    batchesByContext.set(context, batches);
  }
  let batch = batches.get(name);
  if (!batch) {
    batch = { queries: [], settles: [], answers: new Map(), answersWithArguments: new Map() };
    batches.set(name, batch);
  }
  return batch;
}

function flush(name: string, batch: Batch, load: AnyLoader, context: GraphQLContext) {
  const { queries, settles } = batch;
  batch.queries = [];
  batch.settles = [];
  if ((context as { [uncachedLoaders]?: boolean })[uncachedLoaders]) {
    batch.answers = new Map();
    batch.answersWithArguments = new Map();
  }
  const fail = (error: unknown) => {
    for (const settle of settles) settle.reject(error);
  };
  let results: Promise<unknown[]>;
  try {
    results = load(queries, context);
  } catch (error) {
    fail(error);
    return;
  }
  results.then((answers) => {
    if (!Array.isArray(answers) || answers.length !== settles.length) {
      fail(new Error(`The loader of ${name} answered ${describe(answers)} for ${settles.length} parents.`));
      return;
    }
    for (let i = 0; i < settles.length; i++) settles[i]?.resolve(answers[i]);
  }, fail);
}

const describe = (results: unknown) => (Array.isArray(results) ? `${results.length} results` : typeof results);

/** Most loaded fields take no arguments: no serialising for those. */
function keyOfArguments(params: Record<string, unknown>): string {
  for (const _ in params) return JSON.stringify(params);
  return '';
}
