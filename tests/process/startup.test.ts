import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

function runApi(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'services/api/src/main.ts'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('[START] start-up failures', () => {
  it('says in one line that an unreachable DATABASE_URL cannot be reached, and exits non-zero', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const result = await runApi({ DATABASE_URL: 'postgres://concord:secret@127.0.0.1:1/concord', PORT: '0' });
    expect(result.code).not.toBe(0);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^Cannot reach the database at postgres:\/\/concord@127\.0\.0\.1:1\/concord \(ECONNREFUSED\)\.$/,
    );
    expect(result.stderr).not.toContain('secret');
  }, 30_000);

  it('refuses an invalid configuration, naming the variable', async () => {
    const result = await runApi({ PORT: 'eighty' });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('PORT');
  }, 30_000);

  it('refuses an ORIGIN that disagrees with PUBLIC_URL instead of letting one override the other', async () => {
    const result = await runApi({
      PUBLIC_URL: 'https://concord.example.eu',
      ORIGIN: 'http://localhost:3000',
      PORT: '0',
    });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/ORIGIN .* disagrees with PUBLIC_URL/);
  }, 30_000);
});
