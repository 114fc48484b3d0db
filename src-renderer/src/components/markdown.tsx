import { createContext, Fragment, useContext, type JSX, type ReactNode } from 'react';

/**
 * A small Markdown renderer to React elements, for the notes preview and the rule pages. Nothing
 * from a note or a page is ever handed to the DOM as HTML: text becomes text nodes (raw HTML shows
 * as text), and links keep only http(s) and mailto targets; a relative link is text unless a host
 * resolves it (MarkdownLinks). Covers what notes use: headings, paragraphs, lists (nested by
 * indentation), block quotes, fenced code, tables, rules, and inline code, emphasis, strong,
 * strike-through and links.
 */

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'code'; lang: string; text: string }
  | { kind: 'quote'; lines: string[] }
  | { kind: 'list'; ordered: boolean; start: number; items: string[][] }
  | { kind: 'table'; head: string[]; align: ('left' | 'center' | 'right' | null)[]; rows: string[][] }
  | { kind: 'rule' };

const LIST_ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const FENCE = /^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)/;

/** Splits a table row `| a | b |` into cells; `\|` stays a pipe. */
function cells(line: string): string[] {
  const trimmed = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed[i];
    if (c === '\\' && trimmed[i + 1] === '|') {
      cur += '|';
      i++;
    } else if (c === '|') {
      out.push(cur.trim());
      cur = '';
    } else cur += c;
  }
  out.push(cur.trim());
  return out;
}

function isTableSeparator(line: string): boolean {
  return /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(line) && line.includes('-');
}

/** The blocks of a Markdown text (front matter already removed). */
export function parseBlocks(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let i = 0;
  const blank = (l: string | undefined) => l === undefined || l.trim() === '';
  const startsBlock = (l: string) => /^\s{0,3}(#{1,6}\s|>|(-{3,}|\*{3,}|_{3,})\s*$)/.test(l) || FENCE.test(l) || LIST_ITEM.test(l);
  while (i < lines.length) {
    const line = lines[i];
    if (blank(line)) {
      i++;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i].trim().startsWith(fence[1])) body.push(lines[i++]);
      i++;
      blocks.push({ kind: 'code', lang: fence[2], text: body.join('\n') });
      continue;
    }
    const heading = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1].length, text: heading[2] });
      i++;
      continue;
    }
    if (/^\s{0,3}(-{3,}|\*{3,}|_{3,})\s*$/.test(line)) {
      blocks.push({ kind: 'rule' });
      i++;
      continue;
    }
    if (/^\s{0,3}>/.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && /^\s{0,3}>/.test(lines[i])) quoted.push(lines[i++].replace(/^\s{0,3}>\s?/, ''));
      blocks.push({ kind: 'quote', lines: quoted });
      continue;
    }
    if (line.includes('|') && isTableSeparator(lines[i + 1] ?? '')) {
      const head = cells(line);
      const align = cells(lines[i + 1]).map((c) => (c.startsWith(':') && c.endsWith(':') ? 'center' : c.endsWith(':') ? 'right' : c.startsWith(':') ? 'left' : null));
      i += 2;
      const rows: string[][] = [];
      while (i < lines.length && !blank(lines[i]) && lines[i].includes('|')) rows.push(cells(lines[i++]));
      blocks.push({ kind: 'table', head, align, rows });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      const ordered = /\d/.test(item[2]);
      const indent = item[1].length;
      const content = new RegExp(`^ {0,${indent + item[2].length + 1}}`);
      const sameList = (m: RegExpExecArray | null) => m !== null && m[1].length === indent && /\d/.test(m[2]) === ordered;
      const items: string[][] = [];
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i]);
        if (sameList(m)) {
          items.push([m![3]]);
          i++;
          continue;
        }
        if (m && m[1].length <= indent) break;
        if (!blank(lines[i]) && (m !== null || /^\s/.test(lines[i]) || !startsBlock(lines[i]))) {
          // A nested list, an indented continuation, or a lazy continuation of the item's text.
          items[items.length - 1].push(lines[i].replace(content, ''));
          i++;
          continue;
        }
        if (blank(lines[i])) {
          let j = i;
          while (j < lines.length && blank(lines[j])) j++;
          const next = lines[j];
          const nm = next === undefined ? null : LIST_ITEM.exec(next);
          if (next !== undefined && (sameList(nm) || (/^\s{2,}\S/.test(next) && (nm === null || nm[1].length > indent)))) {
            if (!sameList(nm)) items[items.length - 1].push('');
            i = j;
            continue;
          }
        }
        break;
      }
      blocks.push({ kind: 'list', ordered, start: ordered ? parseInt(item[2], 10) : 1, items });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length && !blank(lines[i]) && !(para.length > 0 && startsBlock(lines[i])) && !(lines[i].includes('|') && isTableSeparator(lines[i + 1] ?? ''))) para.push(lines[i++].trim());
    blocks.push({ kind: 'paragraph', text: para.join('\n') });
  }
  return blocks;
}

/** A link target a preview may follow: web and mail links only (no javascript:, data:, file:). */
export function safeHref(url: string): string | null {
  const u = url.trim();
  return /^(https?:\/\/|mailto:)/i.test(u) ? u : null;
}

/**
 * Where a relative link may lead: a host (the rule documentation panel) maps an address to an
 * action, or to null. Without one, a relative link stays text with its target on hover.
 */
export const MarkdownLinks = createContext<((href: string) => (() => void) | null) | null>(null);

function RelativeLink(props: { href: string; label: ReactNode[] }): JSX.Element {
  const resolve = useContext(MarkdownLinks);
  const go = resolve?.(props.href) ?? null;
  if (!go) {
    return (
      <span className="md-link" title={props.href}>
        {props.label}
      </span>
    );
  }
  return (
    <a
      href={props.href}
      className="md-internal"
      onClick={(e) => {
        e.preventDefault();
        go();
      }}
    >
      {props.label}
    </a>
  );
}

/** Inline Markdown to React nodes. */
export function renderInline(text: string, key = 'i'): ReactNode[] {
  const out: ReactNode[] = [];
  let buf = '';
  let n = 0;
  const flush = () => {
    if (buf) out.push(buf);
    buf = '';
  };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const c = text[i];
    if (c === '\\' && i + 1 < text.length && /[\\`*_[\]()#+\-.!|~<>]/.test(text[i + 1])) {
      buf += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '\n') {
      buf += ' ';
      i++;
      continue;
    }
    if (c === '`') {
      const run = /^`+/.exec(rest)![0];
      const end = text.indexOf(run, i + run.length);
      if (end > 0) {
        flush();
        out.push(<code key={`${key}-${n++}`}>{text.slice(i + run.length, end).trim()}</code>);
        i = end + run.length;
        continue;
      }
    }
    const link = /^\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/.exec(rest);
    if (link) {
      flush();
      const href = safeHref(link[2]);
      const label = renderInline(link[1], `${key}-${n}`);
      out.push(
        href ? (
          <a key={`${key}-${n++}`} href={href} target="_blank" rel="noreferrer noopener">
            {label}
          </a>
        ) : (
          <RelativeLink key={`${key}-${n++}`} href={link[2]} label={label} />
        ),
      );
      i += link[0].length;
      continue;
    }
    // Underscores only delimit at word boundaries (`snake_case` and `__init__`-like names stay text).
    const wordBefore = i > 0 && /[A-Za-z0-9]/.test(text[i - 1]);
    const strong = /^\*\*(?=\S)([\s\S]*?\S)\*\*/.exec(rest) ?? (wordBefore ? null : /^__(?=\S)([\s\S]*?\S)__(?![A-Za-z0-9])/.exec(rest));
    if (strong) {
      flush();
      out.push(<strong key={`${key}-${n++}`}>{renderInline(strong[1], `${key}-${n}`)}</strong>);
      i += strong[0].length;
      continue;
    }
    const strike = /^~~(?=\S)([\s\S]*?\S)~~/.exec(rest);
    if (strike) {
      flush();
      out.push(<del key={`${key}-${n++}`}>{renderInline(strike[1], `${key}-${n}`)}</del>);
      i += strike[0].length;
      continue;
    }
    const em = /^\*(?=[^\s*])([\s\S]*?[^\s*])\*(?!\*)/.exec(rest) ?? (wordBefore ? null : /^_(?=[^\s_])([\s\S]*?[^\s_])_(?![A-Za-z0-9_])/.exec(rest));
    if (em) {
      flush();
      out.push(<em key={`${key}-${n++}`}>{renderInline(em[1], `${key}-${n}`)}</em>);
      i += em[0].length;
      continue;
    }
    buf += c;
    i++;
  }
  flush();
  return out;
}

function BlockView({ block, k }: { block: Block; k: string }): JSX.Element {
  switch (block.kind) {
    case 'heading': {
      const Tag = `h${block.level}` as 'h1';
      return <Tag>{renderInline(block.text, k)}</Tag>;
    }
    case 'paragraph':
      return <p>{renderInline(block.text, k)}</p>;
    case 'code':
      return (
        <pre data-lang={block.lang || undefined}>
          <code>{block.text}</code>
        </pre>
      );
    case 'quote':
      return <blockquote>{renderBlocks(parseBlocks(block.lines.join('\n')), k)}</blockquote>;
    case 'rule':
      return <hr />;
    case 'list': {
      const items = block.items.map((lines, idx) => {
        // Lines right after the item's first line, up to a blank line or a nested block, continue its text.
        let k = 1;
        while (k < lines.length && lines[k].trim() !== '' && !LIST_ITEM.test(lines[k]) && !/^\s{0,3}(#{1,6}\s|>|```|~~~)/.test(lines[k])) k++;
        const first = lines.slice(0, k).join('\n');
        const more = lines.slice(k);
        const nested = more.length > 0 ? parseBlocks(more.join('\n')) : [];
        return (
          <li key={idx}>
            {renderInline(first, `${k}-${idx}`)}
            {renderBlocks(nested, `${k}-${idx}`)}
          </li>
        );
      });
      return block.ordered ? <ol start={block.start === 1 ? undefined : block.start}>{items}</ol> : <ul>{items}</ul>;
    }
    case 'table':
      return (
        <div className="md-table">
          <table>
            <thead>
              <tr>
                {block.head.map((h, c) => (
                  <th key={c} style={block.align[c] ? { textAlign: block.align[c]! } : undefined}>
                    {renderInline(h, `${k}-h${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {block.head.map((_, c) => (
                    <td key={c} style={block.align[c] ? { textAlign: block.align[c]! } : undefined}>
                      {renderInline(row[c] ?? '', `${k}-${r}-${c}`)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

function renderBlocks(blocks: Block[], key: string): JSX.Element[] {
  return blocks.map((b, i) => (
    <Fragment key={`${key}.${i}`}>
      <BlockView block={b} k={`${key}.${i}`} />
    </Fragment>
  ));
}

/** The note body as React elements. */
export function Markdown(props: { text: string }): JSX.Element {
  return <div className="md">{renderBlocks(parseBlocks(props.text), 'b')}</div>;
}
