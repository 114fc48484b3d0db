/**
 * The README's first-run pages are real (issue 17, item 11): the files of "Your own platform in
 * five minutes" are written as shown and the CLI prints what the page quotes; `npm run tour`'s
 * script writes the broken checkout of the CLI tour, and every `$ mwb ...` quoted there prints
 * exactly the quoted output (a line ending in `...` is a prefix) and exit status.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, runBuiltCli } from './helpers/checkout';

const README = fs.readFileSync(path.join(REPO, 'README.md'), 'utf8');
const temps: string[] = [];
afterAll(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  expect(start).toBeGreaterThan(0);
  const end = README.indexOf('\n## ', start + 4);
  return README.slice(start, end < 0 ? undefined : end);
}

/** Fenced blocks of a section: `lang` and the text. */
function blocks(text: string): { lang: string; body: string }[] {
  return [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((m) => ({ lang: m[1], body: m[2] }));
}

/** Runs every `$ ...` line of a transcript block in `cwd` and compares with the lines under it. */
function replay(body: string, cwd: string): void {
  const steps = body.split(/^\$ /m).slice(1);
  expect(steps.length).toBeGreaterThan(0);
  let status = -1;
  for (const step of steps) {
    const [command, ...rest] = step.replace(/\n+$/, '').split('\n');
    const expected = rest;
    if (command === 'echo $?') {
      expect(expected, command).toEqual([String(status)]);
      continue;
    }
    const [cli, pipe] = command.split(' | ');
    expect(cli.startsWith('mwb '), command).toBe(true);
    const args = cli.slice(4).split(' ').map((a) => (a === 'resources/example-platform' ? path.join(REPO, a) : a));
    const run = runBuiltCli(args, { cwd });
    status = run.status;
    let actual = run.stdout.replace(/\n+$/, '').split('\n');
    if (pipe) {
      const head = /^head -(\d+)$/.exec(pipe);
      expect(head, pipe).not.toBeNull();
      actual = actual.slice(0, Number(head![1]));
    }
    expect(actual.length, `${command}\n${run.stdout}`).toBe(expected.length);
    expected.forEach((line, i) => {
      if (line.endsWith('...')) expect(actual[i].startsWith(line.slice(0, -3)), `${command}: ${actual[i]}`).toBe(true);
      else expect(actual[i], command).toBe(line);
    });
  }
}

describe('the README first-run pages', () => {
  it('"Your own platform in five minutes": the files as shown, the output as quoted', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-readme-'));
    temps.push(dir);
    const text = section('Your own platform in five minutes');
    let written = 0;
    for (const b of blocks(text)) {
      const file = /^# ((?:platform\.yaml|modules\/[\w-]+\/module\.yaml))\n/.exec(b.body);
      if (!file) continue;
      fs.mkdirSync(path.dirname(path.join(dir, 'my-shop', file[1])), { recursive: true });
      fs.writeFileSync(path.join(dir, 'my-shop', file[1]), b.body);
      written++;
    }
    expect(written).toBe(3);
    const transcripts = blocks(text).filter((b) => b.lang === '' && b.body.startsWith('$ mwb'));
    expect(transcripts).toHaveLength(1);
    replay(transcripts[0].body, dir);
    // The workflow is YAML that names the commands it runs.
    const workflow = blocks(text).find((b) => b.body.startsWith('# .github/workflows/'));
    expect(workflow?.body).toContain('check . --format sarif > mwb.sarif');
    expect(workflow?.body).toContain('github/codeql-action/upload-sarif');
  });

  it('the CLI tour: npm run tour writes the broken checkout, and each quoted command prints what the page says', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-tour-'));
    temps.push(dir);
    const made = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'tour.mjs')], { cwd: dir, encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, 'tour', 'modules', 'billing', 'module.yaml'))).toBe(true);
    // A second run refuses to write over it.
    expect(spawnSync(process.execPath, [path.join(REPO, 'scripts', 'tour.mjs')], { cwd: dir, encoding: 'utf8' }).status).toBe(2);
    const transcripts = blocks(section('CLI tour')).filter((b) => b.lang === '' && /^\$ mwb (list|check|capabilities|graph) (tour|resources\/example-platform)/.test(b.body));
    expect(transcripts.length).toBe(2);
    for (const t of transcripts) replay(t.body, dir);
  });
});
