import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Browser tests: Chromium against `mwb serve`, the files that use the most CPU for the longest. */
export function isBrowserTest(moduleId: string): boolean {
  return /[\\/]test[\\/]e2e[\\/]/.test(moduleId);
}

/**
 * Vitest's order (longest or largest first), with the browser test files spread evenly among the
 * others: two files run at a time, and a browser file then mostly runs beside a CLI or engine file
 * rather than beside another browser file.
 */
export default class SpreadBrowserTests extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const browser = sorted.filter((f) => isBrowserTest(f.moduleId));
    const other = sorted.filter((f) => !isBrowserTest(f.moduleId));
    const out: TestSpecification[] = [];
    let b = 0;
    let o = 0;
    while (b < browser.length || o < other.length) {
      const browserBehind = b < browser.length && (o >= other.length || b / browser.length <= o / other.length);
      out.push(browserBehind ? browser[b++] : other[o++]);
    }
    return out;
  }
}
