import { createContext, useContext, type JSX, type ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

/**
 * Markdown to React elements (react-markdown with GitHub-flavoured tables, task lists and
 * strike-through), for the notes preview and the rule pages. Nothing from the text is ever handed
 * to the DOM as HTML: there is no rehype-raw, so raw HTML in a note shows as text; links keep
 * only http(s) and mailto targets (others become plain text with the target as a tooltip), and
 * images are shown as their alt text, so a preview never fetches anything.
 */

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

function RelativeLink(props: { href: string; children?: ReactNode }): JSX.Element {
  const resolve = useContext(MarkdownLinks);
  const go = resolve?.(props.href) ?? null;
  if (!go) {
    return (
      <span className="md-link" title={props.href}>
        {props.children}
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
      {props.children}
    </a>
  );
}

/** The `language-x` class of a fenced block's code element, as `x`. */
function fenceLanguage(node: { children?: unknown[] } | undefined): string | undefined {
  const code = node?.children?.[0] as { type?: string; properties?: { className?: unknown } } | undefined;
  const classes = code?.type === 'element' && Array.isArray(code.properties?.className) ? (code.properties.className as unknown[]) : [];
  const lang = classes.map(String).find((c) => c.startsWith('language-'));
  return lang ? lang.slice('language-'.length) : undefined;
}

const COMPONENTS: Components = {
  a({ href, title, children }) {
    const safe = href ? safeHref(href) : null;
    return safe ? (
      <a href={safe} title={title} target="_blank" rel="noreferrer noopener">
        {children}
      </a>
    ) : href ? (
      <RelativeLink href={href}>{children}</RelativeLink>
    ) : (
      <span className="md-link">{children}</span>
    );
  },
  img({ alt, src }) {
    return (
      <span className="md-image" title={typeof src === 'string' ? src : undefined}>
        {alt ? `[image: ${alt}]` : '[image]'}
      </span>
    );
  },
  table({ children }) {
    return (
      <div className="md-table">
        <table>{children}</table>
      </div>
    );
  },
  pre({ node, children }) {
    return <pre data-lang={fenceLanguage(node)}>{children}</pre>;
  },
};

/** Every URL reaches the components above untouched: they, not react-markdown's default list, decide what is safe. */
const keepUrl = (url: string): string => url;

/** The note body (or a rule page) as React elements. */
export function Markdown(props: { text: string }): JSX.Element {
  return (
    <div className="md">
      <ReactMarkdown remarkPlugins={[remarkGfm]} components={COMPONENTS} urlTransform={keepUrl}>
        {props.text}
      </ReactMarkdown>
    </div>
  );
}
