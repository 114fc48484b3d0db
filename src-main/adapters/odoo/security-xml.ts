import type { XMLParser } from 'fast-xml-parser';
import { library } from '../../engine/libraries';
import type { Diagnostic } from '../../common/diagnostic';
import { LineIndex } from '../../engine/yaml-source';
import type { AccessRow } from './access-csv';

/**
 * Security data in an addon's XML files: `res.groups` records (the groups access rights are granted
 * to; `implied_ids` makes a group hold every right of the groups it implies, as Odoo adds its users
 * to them) and `ir.model.access` records (access rights written as XML instead of CSV). Parsed by
 * fast-xml-parser, with the position of every record and field. Nothing else of the file is read.
 */
export interface GroupRecord {
  /** External id as written (`group_manager`, or `base.group_system` when it extends another addon's group). */
  id: string;
  name?: string;
  /** Groups this record adds to `implied_ids` (written as `ref('x')` in `(4, ref(..))`, `(6, 0, [..])`, `Command.link(..)` ...). */
  implies: { id: string; line: number; column: number }[];
  file: string;
  line: number;
  column: number;
}

export interface SecurityXml {
  groups: GroupRecord[];
  access: AccessRow[];
  diagnostics: Diagnostic[];
}

type XmlNode = Record<string, unknown>;
// fast-xml-parser is loaded when the first security file is read (engine/libraries.ts).
let xml: { parser: XMLParser; meta: string } | undefined;
function xmlParser(): { parser: XMLParser; meta: string } {
  if (xml) return xml;
  const { XMLParser: Parser } = library('xml');
  const parser = new Parser({ ignoreAttributes: false, attributeNamePrefix: '', preserveOrder: true, captureMetaData: true, parseTagValue: false, parseAttributeValue: false, trimValues: true });
  xml = { parser, meta: Parser.getMetaDataSymbol() as unknown as string };
  return xml;
}

const tagOf = (n: XmlNode): string => Object.keys(n).find((k) => k !== ':@') ?? '';
const attrs = (n: XmlNode): Record<string, string> => (n[':@'] as Record<string, string> | undefined) ?? {};
const kids = (n: XmlNode): XmlNode[] => {
  const v = n[tagOf(n)];
  return Array.isArray(v) ? (v as XmlNode[]) : [];
};
const textOf = (n: XmlNode): string =>
  kids(n)
    .map((k) => (tagOf(k) === '#text' ? String(k['#text']) : ''))
    .join('')
    .trim();

/** `ref('x')` occurrences an `implied_ids` eval adds (a `(3, ref(..))` or `Command.unlink(..)` removes, so is left out). */
function impliedRefs(evalText: string): string[] {
  const out: string[] = [];
  const re = /ref\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (let m = re.exec(evalText); m !== null; m = re.exec(evalText)) {
    const before = evalText.slice(0, m.index);
    if (/\(\s*3\s*,\s*$/.test(before) || /Command\.unlink\(\s*$/.test(before)) continue;
    out.push(m[1]);
  }
  return out;
}

const TRUE = (v: string | undefined): boolean => v !== undefined && ['1', 'true', 'True'].includes(v.trim());

export function readSecurityXml(file: string, text: string): SecurityXml {
  const out: SecurityXml = { groups: [], access: [], diagnostics: [] };
  const valid = library('xml').XMLValidator.validate(text);
  if (valid !== true) {
    out.diagnostics.push({ rule: 'manifest-parse-error', severity: 'error', message: `${file}: ${valid.err.msg}`, file, line: valid.err.line, column: valid.err.col });
    return out;
  }
  let doc: XmlNode[];
  try {
    doc = xmlParser().parser.parse(text) as XmlNode[];
  } catch (e) {
    out.diagnostics.push({ rule: 'manifest-parse-error', severity: 'error', message: `${file}: ${e instanceof Error ? e.message : String(e)}`, file, line: 1, column: 1 });
    return out;
  }
  const lines = new LineIndex(text);
  const pos = (n: XmlNode) => {
    const meta = n[xmlParser().meta] as { startIndex?: number } | undefined;
    const p = lines.linePos(meta?.startIndex ?? 0);
    return { line: p.line, column: p.col };
  };
  const visit = (nodes: XmlNode[]) => {
    for (const n of nodes) {
      const tag = tagOf(n);
      if (tag === 'odoo' || tag === 'openerp' || tag === 'data') visit(kids(n));
      if (tag !== 'record') continue;
      const a = attrs(n);
      const fields = kids(n).filter((k) => tagOf(k) === 'field');
      const field = (name: string) => fields.find((f) => attrs(f).name === name);
      const at = pos(n);
      if (a.model === 'res.groups' && a.id) {
        const implied = field('implied_ids');
        const p = implied ? pos(implied) : at;
        const ids = implied ? [...impliedRefs(attrs(implied).eval ?? ''), ...(attrs(implied).ref ? [attrs(implied).ref] : [])] : [];
        const name = field('name');
        out.groups.push({ id: a.id, name: name ? textOf(name) : undefined, implies: ids.map((id) => ({ id, ...p })), file, ...at });
      }
      if (a.model === 'ir.model.access' && a.id) {
        const model = field('model_id');
        const group = field('group_id');
        const perm = (p: string) => {
          const f = field(`perm_${p}`);
          return f !== undefined && TRUE(attrs(f).eval ?? textOf(f));
        };
        out.access.push({
          id: a.id,
          name: field('name') ? textOf(field('name') as XmlNode) : '',
          model: model ? (attrs(model).ref ?? textOf(model)) : '',
          group: group ? (attrs(group).ref ?? '') : '',
          perms: { read: perm('read'), write: perm('write'), create: perm('create'), unlink: perm('unlink') },
          file,
          ...at,
          groupAt: group ? pos(group) : at,
        });
      }
    }
  };
  visit(doc);
  return out;
}
