import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import type { Diagnostic } from '../../../../src-main/common/diagnostic';
import { useWorkbench } from '../../state/workbench-context';
import { isManifest, monaco, RULE_OWNER } from './monaco';
import { guiMessage } from '../../shared/gui-wording';

const LINT_DELAY_MS = 300;

const SEVERITY: Record<Diagnostic['severity'], monaco.MarkerSeverity> = {
  error: monaco.MarkerSeverity.Error,
  warning: monaco.MarkerSeverity.Warning,
  info: monaco.MarkerSeverity.Info,
};

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Where a finding shows in `file`: at its own position when it is about this file, else at each of
 * its related locations in this file (a dependency cycle is reported on one manifest and names a
 * place in every other manifest of the cycle: each of them gets a marker).
 */
export function placesIn(d: Diagnostic, file: string): { line?: number; column?: number; note?: string }[] {
  if (d.file === file) return [{ line: d.line, column: d.column }];
  return (d.related ?? []).filter((r) => r.file === file).map((r) => ({ line: r.line, column: r.column, note: r.message }));
}

/**
 * The engine's rule markers on the open model: live lint for manifests (debounced as you type),
 * the last scan's findings for other files; again whenever the snapshot changes.
 */
export function useRuleMarkers(
  modelRef: MutableRefObject<monaco.editor.ITextModel | null>,
  pathRef: MutableRefObject<string | null>,
  ready: boolean,
): { lint(): Promise<void>; scheduleLint(): void; cancel(): void; linting: boolean } {
  const { client, reportError, ruleDocUrl, snapshot } = useWorkbench();
  const [linting, setLinting] = useState(false);
  const lintSeq = useRef(0);
  const lintTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const docUri = useCallback((rule: string) => monaco.Uri.parse(new URL(ruleDocUrl(rule), location.href).href), [ruleDocUrl]);

  const setRuleMarkers = useCallback(
    (target: monaco.editor.ITextModel, file: string, diagnostics: readonly Diagnostic[]) => {
      const lines = target.getLineCount();
      monaco.editor.setModelMarkers(
        target,
        RULE_OWNER,
        diagnostics.flatMap((d) =>
          placesIn(d, file).map((place) => {
            const line = Math.min(Math.max(place.line ?? 1, 1), lines);
            const start = Math.min(Math.max(place.column ?? 1, 1), target.getLineMaxColumn(line));
            const end = Math.max(target.getLineLastNonWhitespaceColumn(line), start + 1);
            return {
              severity: SEVERITY[d.severity],
              message: `${d.rule}: ${guiMessage(d)}${place.note ? ` (${place.note}; reported in ${d.file})` : ''}`,
              source: 'module-workbench',
              code: { value: d.rule, target: docUri(d.rule) },
              startLineNumber: line,
              startColumn: start,
              endLineNumber: line,
              endColumn: end,
            };
          }),
        ),
      );
    },
    [docUri],
  );

  const lint = useCallback(async () => {
    const target = modelRef.current;
    const file = pathRef.current;
    if (!target || !file || target.isDisposed()) return;
    if (!isManifest(file)) {
      setRuleMarkers(target, file, snapshot?.diagnostics.filter((d) => placesIn(d, file).length > 0) ?? []);
      return;
    }
    const seq = ++lintSeq.current;
    const version = target.getVersionId();
    setLinting(true);
    try {
      const diagnostics = await client.request('manifest.lint', { path: file, text: target.getValue() });
      // Typed on meanwhile: those lines may have moved, and another lint is already scheduled.
      if (seq !== lintSeq.current || target.isDisposed() || target.getVersionId() !== version) return;
      setRuleMarkers(target, file, diagnostics);
    } catch (err) {
      if (seq === lintSeq.current) reportError(`Could not check ${file}: ${message(err)}`);
    } finally {
      if (seq === lintSeq.current) setLinting(false);
    }
  }, [client, modelRef, pathRef, reportError, setRuleMarkers, snapshot]);

  const lintRef = useRef(lint);
  lintRef.current = lint;
  const scheduleLint = useCallback(() => {
    clearTimeout(lintTimer.current);
    lintTimer.current = setTimeout(() => void lintRef.current(), LINT_DELAY_MS);
  }, []);
  const cancel = useCallback(() => clearTimeout(lintTimer.current), []);
  const run = useCallback(() => lintRef.current(), []);

  // Other files change the open manifest's findings too (a module added, a capability removed).
  const revision = snapshot?.revision;
  useEffect(() => {
    if (ready && revision !== undefined) void lintRef.current();
  }, [revision, ready]);

  return { lint: run, scheduleLint, cancel, linting };
}
