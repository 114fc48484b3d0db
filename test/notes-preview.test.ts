/**
 * The Notes view's Markdown preview renders to React elements (never to raw HTML): checked here
 * with react-dom/server on the example's notes and on hostile input, without a browser.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown, parseBlocks, safeHref } from '../src-renderer/src/components/markdown';
import { splitFrontMatter } from '../src-renderer/src/views/notes/front-matter';
import { EXAMPLE } from './helpers/checkout';

const html = (text: string) => renderToStaticMarkup(createElement(Markdown, { text }));

describe('the notes preview', () => {
  it('renders headings, paragraphs, nested lists, tables, code and inline marks', () => {
    const out = html(
      [
        '# Title with `code`',
        '',
        'A paragraph with **strong**, *em*, _em too_, ~~gone~~ and snake_case_name.',
        'Same paragraph.',
        '',
        '- one',
        '  - nested',
        '- two',
        '',
        '1. first',
        '2. second',
        '',
        '| a | b |',
        '|---|--:|',
        '| 1 | `x \\| y` |',
        '',
        '```sql',
        'SELECT 1;',
        '```',
        '',
        '> quoted',
        '',
        '---',
      ].join('\n'),
    );
    expect(out).toBe(
      '<div class="md"><h1>Title with <code>code</code></h1>' +
        '<p>A paragraph with <strong>strong</strong>, <em>em</em>, <em>em too</em>, <del>gone</del> and snake_case_name. Same paragraph.</p>' +
        '<ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul>' +
        '<ol><li>first</li><li>second</li></ol>' +
        '<div class="md-table"><table><thead><tr><th>a</th><th style="text-align:right">b</th></tr></thead><tbody><tr><td>1</td><td style="text-align:right"><code>x | y</code></td></tr></tbody></table></div>' +
        '<pre data-lang="sql"><code>SELECT 1;</code></pre>' +
        '<blockquote><p>quoted</p></blockquote>' +
        '<hr/></div>',
    );
  });

  it('never turns note text into HTML, and keeps only web and mail links', () => {
    const out = html('<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n[a](javascript:alert(1)) [b](data:text/html,x) [c](https://example.com) [d](mailto:a@b.c) [e](../0001-x.md)');
    expect(out).not.toContain('<script');
    expect(out).not.toContain('<img');
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(out.match(/href="[^"]*"/g)).toEqual(['href="https://example.com"', 'href="mailto:a@b.c"']);
    expect(['javascript:x', ' JAVASCRIPT:x', 'vbscript:x', 'file:///etc/passwd', '//evil.test', 'https://ok.test'].map(safeHref)).toEqual([null, null, null, null, null, 'https://ok.test']);
  });

  it("renders every example note, front matter shown apart from the body", () => {
    const dir = path.join(EXAMPLE, 'docs/notes');
    for (const name of fs.readdirSync(dir)) {
      const { fields, body } = splitFrontMatter(fs.readFileSync(path.join(dir, name), 'utf8'));
      expect(fields.map(([k]) => k)).toEqual(['title', 'kind', 'status', 'date', 'modules']);
      expect(body).not.toContain('kind:');
      const blocks = parseBlocks(body);
      expect(blocks[0]).toMatchObject({ kind: 'heading', level: 1 });
      expect(html(body)).toMatch(/^<div class="md"><h1>/);
    }
    expect(splitFrontMatter('---\ntitle: "T"\nmodules:\n  - a\n  - b\n---\nBody').fields).toEqual([
      ['title', 'T'],
      ['modules', 'a, b'],
    ]);
  });
});

describe('list items', () => {
  it('continuation lines join the item text; nested blocks stay nested', () => {
    expect(html('- After step 1: redeploy.\n  The column stays.\n\n  A second paragraph.\n- Next')).toBe(
      '<div class="md"><ul><li>After step 1: redeploy. The column stays.<p>A second paragraph.</p></li><li>Next</li></ul></div>',
    );
  });
});
