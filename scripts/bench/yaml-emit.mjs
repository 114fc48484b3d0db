// A tiny YAML emitter for the benchmark's generators (generate.mjs): block style, plain scalars
// where safe, JSON quoting (a valid YAML double-quoted scalar) otherwise. Much faster than a general
// serializer and produces files that look hand-written.

const PLAIN = /^[A-Za-z_/][A-Za-z0-9_./ ()-]*$/;
const RESERVED = /^(true|false|yes|no|on|off|null|y|n|~)$/i;

function scalar(v) {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v === null) return 'null';
  const s = String(v);
  if (s !== '' && PLAIN.test(s) && !RESERVED.test(s) && !s.endsWith(' ')) return s;
  return JSON.stringify(s);
}

function emit(value, indent, out) {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
        const keys = Object.keys(item);
        if (keys.length === 0) { out.push(`${pad}- {}`); continue; }
        // First key on the dash line, the rest aligned under it.
        const sub = [];
        emitMap(item, indent + 2, sub);
        sub[0] = `${pad}- ${sub[0].slice(indent + 2)}`;
        out.push(...sub);
      } else if (Array.isArray(item)) {
        throw new Error('nested sequences are not used by the generator');
      } else {
        out.push(`${pad}- ${scalar(item)}`);
      }
    }
  } else {
    emitMap(value, indent, out);
  }
}

function emitMap(obj, indent, out) {
  const pad = ' '.repeat(indent);
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      if (v.length === 0) out.push(`${pad}${k}: []`);
      else { out.push(`${pad}${k}:`); emit(v, indent + 2, out); }
    } else if (v !== null && typeof v === 'object') {
      if (Object.keys(v).length === 0) out.push(`${pad}${k}: {}`);
      else { out.push(`${pad}${k}:`); emitMap(v, indent + 2, out); }
    } else {
      out.push(`${pad}${k}: ${scalar(v)}`);
    }
  }
}

export function toYaml(obj) {
  const out = [];
  emitMap(obj, 0, out);
  return out.join('\n') + '\n';
}
