import { useCallback, useEffect, useRef, useState, type JSX } from 'react';
import { Markdown, MarkdownLinks } from '../markdown';
import { onRuleDocRequest, rulePageOf, type RulePage } from './rule-doc-links';
import './rule-docs.css';

type Loaded = { page: RulePage; text: string } | { page: RulePage; error: string };

/**
 * The rule documentation, rendered inside the workbench (the notes' Markdown renderer: HTML in a
 * page stays text). Mounted once by the shell: it opens for every click on a link to a rule page,
 * wherever it is (Problems, Changes, Permissions, Monaco's hovers), and for links between rule
 * pages inside it, with Back. Esc or × closes it.
 */
export function RuleDocPanel(props: { base: string }): JSX.Element | null {
  const [history, setHistory] = useState<RulePage[]>([]);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const page = history[history.length - 1] ?? null;
  const panel = useRef<HTMLElement>(null);
  const base = props.base;

  const open = useCallback((p: RulePage) => setHistory((h) => (h[h.length - 1] === p ? h : [...h, p])), []);
  useEffect(() => onRuleDocRequest(open), [open]);

  // Any click on a link to a rule page opens it here instead of a new tab. Capture phase, so it
  // runs before Monaco's own link handler in a hover.
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      const a = (e.target as Element | null)?.closest?.('a[href]');
      const p = a ? rulePageOf(a.getAttribute('href') as string, base) : null;
      if (!p) return;
      e.preventDefault();
      e.stopPropagation();
      open(p);
    };
    window.addEventListener('click', onClick, true);
    return () => window.removeEventListener('click', onClick, true);
  }, [base, open]);

  useEffect(() => {
    if (!page) return;
    let live = true;
    fetch(`${base}${page}.md`)
      .then((r) => (r.ok ? r.text() : Promise.reject(new Error(`${r.status} ${r.statusText || 'not found'}`))))
      .then(
        (text) => live && setLoaded({ page, text }),
        (e: Error) => live && setLoaded({ page, error: e.message }),
      );
    return () => {
      live = false;
    };
  }, [base, page]);

  useEffect(() => {
    if (!page) return;
    panel.current?.focus();
    panel.current?.querySelector('.rule-doc-body')?.scrollTo(0, 0);
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      e.preventDefault();
      setHistory([]);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [page]);

  if (!page) return null;
  const current = loaded?.page === page ? loaded : null;
  const linkTo = (href: string) => {
    const p = rulePageOf(href, base, new URL(`${base}${page}.md`, location.href).href);
    return p ? () => open(p) : null;
  };
  return (
    <aside className="rule-doc" ref={panel} tabIndex={-1} role="dialog" aria-label={`Rule documentation: ${page}`} data-testid="rule-doc" data-page={page}>
      <header className="rule-doc-head">
        <button type="button" onClick={() => setHistory((h) => h.slice(0, -1))} disabled={history.length < 2} title="Back to the previous page">
          ← Back
        </button>
        <strong className="mono">{page === 'README' ? 'All rules' : page}</strong>
        <span className="spacer" />
        {page !== 'README' && (
          <button type="button" onClick={() => open('README')}>
            All rules
          </button>
        )}
        <button type="button" className="close" onClick={() => setHistory([])} aria-label="Close the rule documentation" title="Close (Esc)">
          ×
        </button>
      </header>
      <div className="rule-doc-body">
        {!current ? (
          <div className="muted">Loading…</div>
        ) : 'error' in current ? (
          <div className="banner error" role="alert">
            The page for {page} could not be read ({current.error}).
          </div>
        ) : (
          <MarkdownLinks.Provider value={linkTo}>
            <Markdown text={current.text} />
          </MarkdownLinks.Provider>
        )}
      </div>
      <footer className="muted small rule-doc-foot">docs/rules/{page}.md, the page the CLI names too</footer>
    </aside>
  );
}
