import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modules } from '../app.ts';
import { loadersOf, resolversOf } from '../graphql/schema.ts';

const roles = { resolvers: 'resolvers', loaders: 'loaders', routes: 'routes' } as const;

describe('the modules app.ts mounts', () => {
  it('mounts every module that has resolvers, loaders or routes, each once, by its folder', async () => {
    const mounted = new Set<unknown>();
    for (const module of modules) for (const role of Object.values(roles)) if (module[role]) mounted.add(module[role]);
    const folders = readdirSync(import.meta.dirname, { withFileTypes: true }).filter((e) => e.isDirectory());
    let files = 0;
    for (const { name: folder } of folders) {
      for (const role of Object.values(roles)) {
        const file = join(import.meta.dirname, folder, `${folder}.${role}.ts`);
        if (!readdirSync(join(import.meta.dirname, folder)).includes(`${folder}.${role}.ts`)) continue;
        files += 1;
        const exported = Object.values(await import(file));
        expect(
          exported.some((value) => mounted.has(value)),
          `${folder}.${role}.ts is not mounted`,
        ).toBe(true);
        expect(modules.find((m) => m[role] && exported.includes(m[role]))?.name).toBe(folder);
      }
    }
    expect(files).toBeGreaterThan(15);
    expect(new Set(modules.map((m) => m.name)).size).toBe(modules.length);
  });

  it('resolves each field once, and refuses a field two modules resolve', () => {
    expect(Object.keys(resolversOf(modules).Mutation ?? {})).toContain('draftPledge');
    expect(Object.keys(loadersOf(modules).Pledge ?? {})).toContain('versions');
    const twice = [
      { name: 'a', resolvers: { Query: { me: () => null } } },
      { name: 'b', resolvers: { Query: { me: () => null } } },
    ];
    expect(() => resolversOf(twice)).toThrow('Query.me is resolved by two modules.');
  });
});
