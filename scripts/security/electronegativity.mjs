#!/usr/bin/env node
// Electron security gate: runs @doyensec/electronegativity over the app's sources and fails on any
// finding. The scanner always exits 0, so this script reads its SARIF report instead.
//
//   node scripts/security/electronegativity.mjs [--root DIR] [--report FILE]
//
// Exceptions live in ONE reviewed place, scripts/security/electronegativity-exceptions.json:
// each names a check, a file, the exact finding text it accepts and why. An exception that matches
// nothing fails the gate too, so the list cannot rot.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '../..');
export const SOURCES = ['src-main', 'src-preload', 'src-renderer'];
export const ELECTRON_VERSION = '45.4.1';

function parseArgs(argv) {
  const out = { root: REPO, report: null, json: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--root') out.root = path.resolve(argv[++i]);
    else if (argv[i] === '--report') out.report = path.resolve(argv[++i]);
    else if (argv[i] === '--json') out.json = true;
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return out;
}

function copyTree(from, to) {
  fs.cpSync(from, to, { recursive: true, filter: (src) => !src.includes(`${path.sep}node_modules`) });
}

/** Runs the scanner over the three source folders (together, so its global checks see the whole app). */
export function scan(root = REPO) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mwb-electronegativity-'));
  try {
    const input = path.join(work, 'app');
    for (const dir of SOURCES) copyTree(path.join(root, dir), path.join(input, dir));
    const sarif = path.join(work, 'report.sarif');
    const cli = path.join(REPO, 'node_modules/@doyensec/electronegativity/dist/index.js');
    const run = spawnSync(process.execPath, [cli, '-i', input, '-o', sarif, '-r', '-e', ELECTRON_VERSION, '-v', 'false'], { encoding: 'utf8', timeout: 180_000 });
    if (!fs.existsSync(sarif)) throw new Error(`electronegativity wrote no report (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
    const log = JSON.parse(fs.readFileSync(sarif, 'utf8'));
    const rules = new Map();
    for (const r of log.runs?.[0]?.tool?.driver?.rules ?? []) rules.set(r.id, r);
    const findings = [];
    for (const run of log.runs ?? []) {
      for (const r of run.results ?? []) {
        const loc = r.locations?.[0]?.physicalLocation;
        findings.push({
          check: r.ruleId,
          level: r.level ?? 'warning',
          file: (loc?.artifactLocation?.uri ?? '').replace(/^file:\/\/\/?$/, '(whole app)'),
          line: loc?.region?.startLine ?? 0,
          message: r.message?.text ?? '',
        });
      }
    }
    findings.sort((a, b) => `${a.file}:${String(a.line).padStart(6)}:${a.check}`.localeCompare(`${b.file}:${String(b.line).padStart(6)}:${b.check}`));
    return { findings, sarif: log };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

export function loadExceptions() {
  const file = path.join(HERE, 'electronegativity-exceptions.json');
  const list = JSON.parse(fs.readFileSync(file, 'utf8')).exceptions;
  for (const e of list) {
    if (!e.check || !e.file || !e.message || !e.reason || e.reason.length < 40) throw new Error(`${file}: every exception needs check, file, message and a real reason: ${JSON.stringify(e)}`);
  }
  return list;
}

/** Splits findings into accepted (by a reviewed exception) and open; lists exceptions that matched nothing. */
export function judge(findings, exceptions) {
  const used = new Set();
  const open = [];
  const accepted = [];
  for (const f of findings) {
    const i = exceptions.findIndex((e) => e.check === f.check && e.file === f.file && f.message.includes(e.message));
    if (i >= 0) {
      used.add(i);
      accepted.push({ ...f, reason: exceptions[i].reason });
    } else open.push(f);
  }
  const stale = exceptions.filter((_, i) => !used.has(i));
  return { open, accepted, stale };
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const { findings, sarif } = scan(args.root);
  if (args.report) {
    fs.mkdirSync(path.dirname(args.report), { recursive: true });
    fs.writeFileSync(args.report, JSON.stringify(sarif, null, 2));
  }
  const { open, accepted, stale } = judge(findings, loadExceptions());
  if (args.json) {
    process.stdout.write(`${JSON.stringify({ open, accepted, stale }, null, 2)}\n`);
  } else {
    for (const f of open) process.stdout.write(`FINDING ${f.check} (${f.level}) ${f.file}:${f.line}\n  ${f.message}\n`);
    for (const e of stale) process.stdout.write(`STALE EXCEPTION ${e.check} ${e.file}: matches no finding; remove it from scripts/security/electronegativity-exceptions.json\n`);
    process.stdout.write(`electronegativity (Electron ${ELECTRON_VERSION}) over ${SOURCES.join(', ')}: ${open.length} finding(s), ${accepted.length} accepted by reviewed exception(s), ${stale.length} stale exception(s)\n`);
  }
  process.exitCode = open.length > 0 || stale.length > 0 ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
