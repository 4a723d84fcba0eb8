import { describe, expect, it } from 'vitest';
import type { GraphQLContext } from './context.ts';
import { loader, loaderResolvers, uncachedLoaders } from './loaders.ts';

interface Row {
  id: string;
}

/** A loader that records each batch it receives and answers `<id>:<params>`. */
function recording() {
  const batches: { ids: string[]; params: unknown[] }[] = [];
  const resolvers = loaderResolvers({
    Row: {
      label: loader<Row, string>(async (queries) => {
        batches.push({ ids: queries.map((q) => q.obj.id), params: queries.map((q) => q.params) });
        return queries.map((q) => `${q.obj.id}:${JSON.stringify(q.params)}`);
      }),
    },
  });
  const label = resolvers.Row?.label;
  if (!label) throw new Error('no resolver');
  return { batches, label };
}

const context = (extra: object = {}) => ({ ...extra }) as unknown as GraphQLContext;

describe('loaderResolvers', () => {
  it('answers what is asked in one tick with one call, in order', async () => {
    const { batches, label } = recording();
    const ctx = context();
    const rows = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    const answers = await Promise.all(rows.map((row) => label(row, {}, ctx)));
    expect(answers).toEqual(['a:{}', 'b:{}', 'c:{}']);
    expect(batches).toEqual([{ ids: ['a', 'b', 'c'], params: [{}, {}, {}] }]);
  });

  it('asks for a parent once per request and per arguments; other requests ask again', async () => {
    const { batches, label } = recording();
    const ctx = context();
    const row = { id: 'a' };
    await Promise.all([label(row, {}, ctx), label(row, {}, ctx), label(row, { first: 5 }, ctx)]);
    expect(await label(row, {}, ctx)).toBe('a:{}');
    expect(await label(row, { first: 5 }, ctx)).toBe('a:{"first":5}');
    expect(batches).toEqual([{ ids: ['a', 'a'], params: [{}, { first: 5 }] }]);
    await label(row, {}, context());
    expect(batches).toHaveLength(2);
  });

  it('keeps nothing from one batch to the next on an uncached (subscription) context', async () => {
    const { batches, label } = recording();
    const ctx = context({ [uncachedLoaders]: true });
    const row = { id: 'a' };
    await Promise.all([label(row, {}, ctx), label(row, {}, ctx)]);
    await label(row, {}, ctx);
    expect(batches.map((b) => b.ids)).toEqual([['a'], ['a']]);
  });

  it('fails every field of the batch when the loader fails or answers the wrong number of results', async () => {
    const resolvers = loaderResolvers({
      Row: {
        broken: loader<Row, string>(async () => {
          throw new Error('database down');
        }),
        short: loader<Row, string>(async () => ['only one']),
      },
    });
    const ctx = context();
    const rows = [{ id: 'a' }, { id: 'b' }];
    for (const row of rows) await expect(resolvers.Row?.broken?.(row, {}, ctx)).rejects.toThrow('database down');
    const short = rows.map((row) => resolvers.Row?.short?.(row, {}, ctx));
    for (const answer of short) await expect(answer).rejects.toThrow('Row.short answered 1 results for 2 parents');
  });
});
