import type { Diagnostic } from '../../common/diagnostic';
import { createResolver, describeNotStatic, dictGet, parsePythonFile, sequenceItems, type PyValue } from '../python';
import { baseOf, dirOf } from './layout';

/**
 * An addon's `__manifest__.py` (or `__openerp__.py`): one Python dict literal, read statically (the
 * shared Python reader, adapters/python), never run. The addon's name is its folder's name, as in
 * Odoo. What cannot be read without running code is reported as python-not-static at its line, and
 * the rest of the manifest still counts.
 */
export interface Located {
  line: number;
  column: number;
}

export interface ManifestItem extends Located {
  name: string;
  index: number;
}

export interface ExternalDependency extends ManifestItem {
  /** `python` (an importable package) or `bin` (an executable on the PATH); other keys as written. */
  kind: string;
}

export interface AddonManifest {
  name: string;
  file: string;
  dir: string;
  label?: string;
  summary?: string;
  version?: string;
  depends: ManifestItem[];
  /** `auto_install: True`, or (Odoo 16+) the list of dependencies whose installation triggers it. */
  autoInstall: boolean | string[];
  installable: boolean;
  application: boolean;
  external: ExternalDependency[];
  /** `data` files as written, or null when the list cannot be read statically. */
  data: string[] | null;
  /** Where each top-level key's value is (the engine's questions map onto these). */
  at: ReadonlyMap<string, Located>;
  diagnostics: Diagnostic[];
}

const spanOf = (v: PyValue): Located => ({ line: v.line, column: v.column });

export function readAddonManifest(file: string, text: string): AddonManifest {
  const dir = dirOf(file);
  const out: AddonManifest = { name: baseOf(dir) || baseOf(file), file, dir, depends: [], autoInstall: false, installable: true, application: false, external: [], data: null, at: new Map(), diagnostics: [] };
  const problem = (severity: Diagnostic['severity'], rule: Diagnostic['rule'], message: string, p: Located) => out.diagnostics.push({ rule, severity, message, file, module: out.name, line: p.line, column: p.column });
  const notStatic = (what: string, v: PyValue) => problem('info', 'python-not-static', `${what} cannot be read statically (${describeNotStatic(v)}); the workbench never runs the manifest`, spanOf(v));

  const py = parsePythonFile(file, text);
  for (const e of py.syntaxErrors.slice(0, 1)) problem('error', 'manifest-parse-error', `${file}: ${e.message}`, e);
  const raw = py.expressions.find((e) => e.kind === 'dict') ?? py.expressions[0];
  if (raw === undefined || raw.kind !== 'dict') {
    if (py.syntaxErrors.length === 0) problem('error', 'manifest-invalid', `${file} must hold one dict literal ({'name': ..., 'version': ..., 'depends': [...]})`, raw ? spanOf(raw) : { line: 1, column: 1 });
    return out;
  }
  const dict = createResolver(new Map([[file, py]])).resolve(raw, py);
  if (dict.kind !== 'dict') return out;
  const at = new Map<string, Located>();
  for (const e of dict.entries) if (e.key.kind === 'str') at.set(e.key.value, spanOf(e.value));
  out.at = at;

  const str = (key: string): string | undefined => {
    const v = dictGet(dict, key);
    if (v === undefined) return undefined;
    if (v.kind === 'str') return v.value;
    if (v.kind === 'unknown' || v.kind === 'name' || v.kind === 'call') notStatic(`'${key}'`, v);
    else problem('error', 'manifest-invalid', `'${key}' must be a string, not a ${v.kind}`, spanOf(v));
    return undefined;
  };
  const bool = (key: string, fallback: boolean): boolean => {
    const v = dictGet(dict, key);
    if (v === undefined) return fallback;
    if (v.kind === 'bool') return v.value;
    if (v.kind === 'unknown' || v.kind === 'name' || v.kind === 'call') notStatic(`'${key}'`, v);
    else problem('error', 'manifest-invalid', `'${key}' must be True or False, not a ${v.kind}`, spanOf(v));
    return fallback;
  };
  /** The strings of a list value, each with its position; items that are not literal strings reported. */
  const strings = (key: string, v: PyValue | undefined): ManifestItem[] => {
    if (v === undefined) return [];
    const items = sequenceItems(v);
    if (items === undefined) {
      if (v.kind === 'unknown' || v.kind === 'name' || v.kind === 'call') notStatic(`'${key}'`, v);
      else problem('error', 'manifest-invalid', `'${key}' must be a list of names, not a ${v.kind}`, spanOf(v));
      return [];
    }
    const out2: ManifestItem[] = [];
    items.forEach((item, index) => {
      if (item.kind === 'str') out2.push({ name: item.value, index, ...spanOf(item) });
      else if (item.kind === 'unknown' || item.kind === 'name' || item.kind === 'call') notStatic(`'${key}'[${index}]`, item);
      else problem('error', 'manifest-invalid', `'${key}'[${index}] must be a string, not a ${item.kind}`, spanOf(item));
    });
    return out2;
  };

  out.label = str('name');
  out.summary = str('summary');
  out.version = str('version');
  out.depends = strings('depends', dictGet(dict, 'depends'));
  out.installable = bool('installable', true);
  out.application = bool('application', false);
  const auto = dictGet(dict, 'auto_install');
  if (auto !== undefined && sequenceItems(auto) !== undefined) out.autoInstall = strings('auto_install', auto).map((d) => d.name);
  else out.autoInstall = bool('auto_install', false);
  const data = dictGet(dict, 'data');
  if (data === undefined) out.data = [];
  else if (sequenceItems(data) !== undefined && sequenceItems(data)!.every((i) => i.kind === 'str')) out.data = strings('data', data).map((d) => d.name);
  else strings('data', data);

  const ext = dictGet(dict, 'external_dependencies');
  if (ext !== undefined) {
    if (ext.kind !== 'dict') {
      if (ext.kind === 'unknown' || ext.kind === 'name' || ext.kind === 'call') notStatic("'external_dependencies'", ext);
      else problem('error', 'manifest-invalid', `'external_dependencies' must be a dict ({'python': [...], 'bin': [...]}), not a ${ext.kind}`, spanOf(ext));
    } else {
      for (const e of ext.entries) {
        if (e.key.kind !== 'str') continue;
        for (const item of strings(`external_dependencies.${e.key.value}`, e.value)) out.external.push({ ...item, kind: e.key.value });
      }
    }
  }
  return out;
}
