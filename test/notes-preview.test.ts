/**
 * The Notes view's Markdown preview renders to React elements (never to raw HTML): checked here
 * with react-dom/server on the example's notes and on hostile input, without a browser.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Markdown, safeHref } from '../src-renderer/src/components/markdown';
import { splitFrontMatter } from '../src-renderer/src/views/notes/front-matter';
import { EXAMPLE } from './helpers/checkout';

// react-markdown puts a line break between block elements; the structure is what counts here.
const html = (text: string) => renderToStaticMarkup(createElement(Markdown, { text })).replace(/>\n+</g, '><');

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
        '<p>A paragraph with <strong>strong</strong>, <em>em</em>, <em>em too</em>, <del>gone</del> and snake_case_name.\nSame paragraph.</p>' +
        '<ul><li>one\n<ul><li>nested</li></ul></li><li>two</li></ul>' +
        '<ol><li>first</li><li>second</li></ol>' +
        '<div class="md-table"><table><thead><tr><th>a</th><th style="text-align:right">b</th></tr></thead><tbody><tr><td>1</td><td style="text-align:right"><code>x | y</code></td></tr></tbody></table></div>' +
        '<pre data-lang="sql"><code class="language-sql">SELECT 1;\n</code></pre>' +
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
    // A blank line inside an item makes the list loose: CommonMark wraps every item's text in <p>.
    expect(html('- After step 1: redeploy.\n  The column stays.\n\n  A second paragraph.\n- Next')).toBe(
      '<div class="md"><ul><li><p>After step 1: redeploy.\nThe column stays.</p><p>A second paragraph.</p></li><li><p>Next</p></li></ul></div>',
    );
    expect(html('- a\n  b\n- c')).toBe('<div class="md"><ul><li>a\nb</li><li>c</li></ul></div>');
  });
});

describe('no HTML injection, whatever the note says', () => {
  it('raw HTML blocks, images, autolinks and reference links never become elements or unsafe targets', () => {
    const out = html(
      [
        '<div onclick="alert(1)">block</div>',
        '',
        '<iframe src="https://evil.test"></iframe>',
        '',
        '![logo](https://evil.test/track.png) ![x](javascript:alert(1))',
        '',
        '<javascript:alert(1)> <https://ok.test/a> www.ok.test',
        '',
        '[ref][r] [t](https://ok.test "a title")',
        '',
        '[r]: javascript:alert(1)',
      ].join('\n'),
    );
    for (const bad of ['<div onclick', '<iframe', '<img', 'href="javascript']) expect(out).not.toContain(bad);
    for (const [tag] of out.matchAll(/<[a-zA-Z][^>]*>/g)) expect(tag).not.toMatch(/\s(on\w+|src)=/i);
    // An unsafe target is plain text, its target only a tooltip.
    expect(out).toContain('<span class="md-link" title="javascript:alert(1)">ref</span>');
    expect(out).toContain('&lt;iframe');
    expect(out).toContain('[image: logo]');
    expect(out.match(/href="[^"]*"/g)).toEqual(['href="https://ok.test/a"', 'href="http://www.ok.test"', 'href="https://ok.test"']);
  });

  it('random mixes of Markdown and HTML fragments render no element outside the Markdown set and no unsafe link', async () => {
    const fc = await import('fast-check');
    const pieces = ['<script>x</script>', '<img src=x onerror=y>', '<a href="javascript:x">a</a>', '<svg onload=x>', '[l](javascript:x)', '[l](https://ok.test)', '![i](data:x)', '`code`', '**b**', '\n', '\n\n', '- ', '> ', '| a | b |\n|---|---|\n| 1 | 2 |', '```\n<b>x</b>\n```', '&lt;', '<!-- c -->', '<', '>', '"', "'", 'text ', 'www.x.test ', '[r]: javascript:y\n', '[r] '];
    const ALLOWED = new Set(['div', 'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'em', 'strong', 'del', 'a', 'span', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'br', 'input', 'section', 'sup']);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 30 }), (parts) => {
        const out = html(parts.join(''));
        for (const [, tag] of out.matchAll(/<([a-zA-Z][\w-]*)/g)) expect(ALLOWED.has(tag.toLowerCase()), `<${tag}> in ${out}`).toBe(true);
        for (const [tag] of out.matchAll(/<[a-zA-Z][^>]*>/g)) expect(tag, out).not.toMatch(/\s(on\w+|src|srcdoc)=/i);
        for (const [, href] of out.matchAll(/href="([^"]*)"/g)) expect(safeHref(href.replace(/&amp;/g, '&'))).not.toBeNull();
      }),
      { numRuns: 300, seed: 18 },
    );
  });
});
