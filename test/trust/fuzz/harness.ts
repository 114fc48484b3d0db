import fs from 'node:fs';
import path from 'node:path';
import { formatCheckText } from '../../../src-main/cli/format/check-text';
import { isRuleId } from '../../../src-main/common/rules';
import { NotAPlatformCheckoutError } from '../../../src-main/service/checkout-kind';
import { checkCheckout } from '../../../src-main/service/load-checkout';
import type { CaseFiles } from './arbitraries';

/** Writes a generated checkout into `dir` (emptied first). */
export function writeCase(dir: string, files: CaseFiles): void {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(dir, rel);
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
}

/** Reads a checkout folder back as a case (regression fixtures are stored as plain folders). */
export function readCase(dir: string): CaseFiles {
  const files: CaseFiles = {};
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else files[r] = fs.readFileSync(path.join(dir, r));
    }
  };
  walk('');
  return files;
}

/** A character a terminal would act on (\n aside), and the CLI's own colour sequences. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const OWN_COLOURS = /\u001b\[(?:1|2|22|31|32|33|34|39)m/g;

function lineLengths(content: string | Uint8Array): number[] {
  const text = typeof content === 'string' ? content : Buffer.from(content).toString('utf8');
  return text.split('\n').map((l) => l.length);
}

/**
 * Runs the whole engine (discovery, parsing, registry, every analysis, waivers) on a written case
 * and returns the property violations: an empty list means the case is fine.
 */
export function checkProperties(dir: string, files: CaseFiles): string[] {
  const problems: string[] = [];
  let first: string;
  try {
    const result = checkCheckout(dir).report;
    first = JSON.stringify(result);
    // The text report shows names, messages, paths and profiles from the checkout: with colour on,
    // nothing but the CLI's own colour sequences may reach the terminal.
    const raw = RAW.exec(formatCheckText(result, true).replace(OWN_COLOURS, ''));
    if (raw) problems.push(`the text report holds a raw U+${raw[0].charCodeAt(0).toString(16).padStart(4, '0')}`);
  } catch (err) {
    // The one refusal that is not a crash: no platform.yaml and no module (exit 2 in the CLI).
    if (err instanceof NotAPlatformCheckoutError && !('platform.yaml' in files) && !Object.keys(files).some((f) => f.endsWith('/module.yaml'))) return [];
    return [`the engine threw: ${(err as Error).stack ?? String(err)}`];
  }
  const second = JSON.stringify(checkCheckout(dir).report);
  if (first !== second) problems.push('the JSON report differs between two runs on the same files');
  const report = JSON.parse(first) as { diagnostics: { rule: string; file?: string; line?: number; column?: number; message: string }[]; waived: { rule: string }[] };
  const dirs = new Set<string>();
  for (const rel of Object.keys(files)) {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  for (const d of [...report.diagnostics, ...report.waived] as { rule: string; file?: string; line?: number; column?: number; message: string }[]) {
    const where = `${d.rule} ${d.file}:${d.line}:${d.column} "${d.message}"`;
    if (!isRuleId(d.rule)) problems.push(`unknown rule id: ${where}`);
    if (typeof d.file !== 'string' || d.file === '') {
      problems.push(`no file: ${where}`);
      continue;
    }
    if (typeof d.message !== 'string' || d.message === '') problems.push(`no message: ${where}`);
    const content = files[d.file];
    if (content === undefined) {
      // Findings may name a folder (a module folder) or a file the checkout lacks (platform.yaml).
      if (!dirs.has(d.file) && !['platform.yaml', 'roles.yaml'].includes(d.file) && !d.file.startsWith('.workbench/')) problems.push(`file is neither in the checkout nor a folder of it: ${where}`);
      continue;
    }
    const lengths = lineLengths(content);
    if (d.line !== undefined) {
      if (!Number.isInteger(d.line) || d.line < 1 || d.line > lengths.length) problems.push(`line outside the file (${lengths.length} lines): ${where}`);
      else if (d.column !== undefined && (!Number.isInteger(d.column) || d.column < 1 || d.column > lengths[d.line - 1] + 1)) problems.push(`column outside line ${d.line} (${lengths[d.line - 1]} chars): ${where}`);
    }
  }
  return problems;
}
