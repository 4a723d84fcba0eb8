import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Copy, DockerfileParser, type Healthcheck, type Instruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { concordVariables, readText, readYamlDocuments, roleOf, root } from './infra.ts';

/**
 * infra/Dockerfile, read by the parser and linter of VS Code's Docker support (dockerfile-ast, dockerfile-utils), then
 * held to the rules it follows. No image is built here: there is no container engine on these machines.
 */
const text = readText('infra/Dockerfile');
const dockerfile = DockerfileParser.parse(text);

interface Stage {
  name: string;
  from: string;
  instructions: Instruction[];
}

const stages: Stage[] = [];
for (const instruction of dockerfile.getInstructions()) {
  if (instruction.getKeyword() === 'FROM') {
    const args = instruction.getArguments().map((a) => a.getValue());
    stages.push({ name: args[2] ?? String(stages.length), from: args[0] ?? '', instructions: [] });
  } else {
    stages.at(-1)?.instructions.push(instruction);
  }
}
const runtime = stages.at(-1) as Stage;
const of = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.getKeyword() === keyword);
const argsOf = (instruction: Instruction) => instruction.getArguments().map((a) => a.getValue());
/** An instruction in exec form: a JSON array of strings, which runs the program without a shell. */
const execForm = (instruction: Instruction): string[] => {
  const content = (instruction.getArgumentsContent() ?? '').replace(/^CMD\s+/, '');
  const parsed: unknown = JSON.parse(content);
  if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === 'string'))
    throw new Error(`not exec form: ${content}`);
  return parsed;
};

describe('[INFRA] the container image (infra/Dockerfile)', () => {
  it('passes the Dockerfile linter without a warning', () => {
    expect(validate(text).map((d) => `line ${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
  });

  it('builds in one stage and runs from another, both on the same base image pinned by version', () => {
    expect(stages.map((s) => s.name)).toEqual(['build', 'runtime']);
    for (const from of dockerfile.getFROMs()) {
      expect(from.getImageTag() ?? from.getImageDigest(), from.getImage() ?? '').toMatch(/^(?!latest$)\S+/);
      // A version, not only a major line: the same build gives the same image until someone bumps it.
      expect(from.getImageTag()).toMatch(/^\d+\.\d+\.\d+-/);
    }
    expect(new Set(stages.map((s) => s.from)).size).toBe(1);
    expect(stages[0]?.from).toMatch(/^node:20\./);
  });

  it('installs pnpm as package.json pins it, never through corepack, with the frozen lockfile', () => {
    const { packageManager } = JSON.parse(readText('package.json')) as { packageManager: string };
    expect(text).toContain(`npm install --global --no-fund --no-audit ${packageManager}`);
    expect(text).not.toMatch(/corepack (enable|prepare|use)/);
    const installs = text.match(/pnpm install[^\n]*/g) ?? [];
    expect(installs.length).toBeGreaterThan(0);
    for (const install of installs) expect(install).toContain('--frozen-lockfile');
  });

  it('copies into the runtime stage only what `pnpm deploy --prod` left: no devDependencies, no sources of the build', () => {
    const build = stages[0] as Stage;
    const deploy = of(build, 'RUN').find((r) => r.getArgumentsContent()?.includes('deploy'));
    expect(deploy?.getArgumentsContent()).toMatch(/pnpm --filter @concord\/standalone deploy --prod \/out\b/);
    const copies = of(runtime, 'COPY');
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies as Copy[]) {
      // Every COPY of the runtime stage takes the deploy output from the build stage, and nothing from the context.
      expect(copy.getFromFlag()?.getValue()).toBe('build');
      expect(argsOf(copy)).toEqual(['/out/', '/app/']);
    }
    expect(of(runtime, 'ADD')).toEqual([]);
    // Anything that would install or build again in the runtime stage would bring its tools with it.
    for (const run of of(runtime, 'RUN')) {
      expect(run.getArgumentsContent()).not.toMatch(
        /\b(pnpm|npm|npx|yarn|apt-get|apt)\s+(install|add|ci|deploy|run|exec)\b/,
      );
    }
  });

  it('runs as a numeric user other than root, set after the last instruction that needs root', () => {
    const users = of(runtime, 'USER');
    expect(users).toHaveLength(1);
    const user = argsOf(users[0] as Instruction)[0] ?? '';
    expect(user).toMatch(/^[1-9]\d*(:[1-9]\d*)?$/);
    const lastRun = runtime.instructions.findLastIndex((i) => i.getKeyword() === 'RUN');
    expect(runtime.instructions.indexOf(users[0] as Instruction)).toBeGreaterThan(lastRun);
  });

  it('starts with CMD in exec form, a role of the image whose program tsx may run in production', () => {
    expect(of(runtime, 'ENTRYPOINT')).toEqual([]);
    const cmds = of(runtime, 'CMD');
    expect(cmds).toHaveLength(1);
    const command = execForm(cmds[0] as Instruction);
    expect(roleOf(command).role).toBe('all-in-one');
    // tsx runs the TypeScript sources in production, so it is a dependency, not a devDependency.
    for (const pkg of ['services/standalone/package.json', 'services/api/package.json']) {
      const { dependencies } = JSON.parse(readText(pkg)) as { dependencies: Record<string, string> };
      expect(dependencies.tsx, pkg).toBeDefined();
    }
  });

  it('checks its health on /healthz, in exec form, with a start period for the first compile', () => {
    const checks = of(runtime, 'HEALTHCHECK');
    expect(checks).toHaveLength(1);
    const check = checks[0] as Healthcheck;
    expect(
      check
        .getFlags()
        .find((f) => f.getName() === 'start-period')
        ?.getValue(),
    ).toMatch(/^\d+s$/);
    expect(check.getSubcommand()?.getValue()).toBe('CMD');
    const command = execForm(check);
    expect(command[0]).toBe('node');
    expect(command.join(' ')).toContain("'/healthz'");
  });

  it('sets only variables that Concord reads', () => {
    const names = of(runtime, 'ENV').flatMap((e) => e.getArgumentsContent()?.match(/\b[A-Z_]+(?==)/g) ?? []);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(concordVariables.has(name), name).toBe(true);
  });
});

describe('[INFRA] the build context (.dockerignore)', () => {
  const ignored = readText('.dockerignore')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));

  it('leaves out installed and generated files, which the build makes again, and the repository', () => {
    for (const pattern of ['**/node_modules', '**/build', '**/*.generated.ts', '.git', '**/.env', 'data']) {
      expect(ignored).toContain(pattern);
    }
  });

  it('copies, and keeps in the context, every workspace member’s manifest: the frozen install needs them all', () => {
    const copied = [...text.matchAll(/^COPY (?!--)(.+) \S+$/gm)].flatMap((m) => (m[1] ?? '').split(' '));
    const patterns = (readYamlDocuments('pnpm-workspace.yaml')[0] as { packages: string[] }).packages;
    const members = patterns.flatMap((pattern) =>
      pattern.endsWith('/*')
        ? readdirSync(join(root, pattern.slice(0, -2)), { withFileTypes: true })
            // pnpm's globs skip dot folders (as frontend/.pseudo-portal, the tests' own copy of the portal): not members.
            .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
            .filter((e) => existsSync(join(root, pattern.slice(0, -2), e.name, 'package.json')))
            .map((e) => `${pattern.slice(0, -2)}/${e.name}`)
        : [pattern],
    );
    expect(members.length).toBeGreaterThanOrEqual(8);
    for (const member of members) {
      const manifest = `${member}/package.json`;
      expect(copied, manifest).toContain(manifest);
      const folder = member.split('/')[0] ?? '';
      if (ignored.includes(`${folder}/*`) || ignored.includes(folder))
        expect(ignored, manifest).toContain(`!${manifest}`);
    }
  });
});
