import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../common/diagnostic';
import { PLATFORM_FILE, type ParsedPlatform } from '../engine/platform';
import { CheckoutError } from '../node/checkout-files';
import type { Discovery } from '../node/discover';

/**
 * Whether a folder is a platform checkout at all, and whether its discovery globs found modules.
 * This is the one place that decides "not a platform checkout": an adapter for another ecosystem
 * (SPEC §10) adds its own detection here, before the native format gives up.
 */

/** Thrown when a folder has neither platform.yaml nor a module: the CLI exits 2 with the message. */
export class NotAPlatformCheckoutError extends CheckoutError {
  override readonly code = 'not-a-platform-checkout';
}

/**
 * A folder with no platform.yaml (not even an unreadable one) and no module manifest is not a
 * platform checkout: an empty folder, or a CI job pointed at the wrong path, must not pass as a
 * green, empty platform.
 */
export function assertPlatformCheckout(root: string, platform: ParsedPlatform, moduleCount: number): void {
  if (moduleCount > 0 || platform.present || platformFileThere(root)) return;
  throw new NotAPlatformCheckoutError(`not a platform checkout: ${root} has no ${PLATFORM_FILE} and no module (looked for ${platform.info.moduleGlobs.map((g) => `${g}/module.yaml`).join(', ')})`);
}

/** platform.yaml exists in some form (a broken link or a FIFO included: those are reported as unreadable). */
function platformFileThere(root: string): boolean {
  try {
    fs.lstatSync(path.join(root, PLATFORM_FILE));
    return true;
  } catch {
    return false;
  }
}

/**
 * module-glob-unmatched: each discovery glob (brace alternatives together) that matches no folder
 * holding a module manifest, at its line in platform.yaml.
 */
export function unmatchedGlobFindings(platform: ParsedPlatform, discovery: Discovery, moduleDirs: ReadonlySet<string>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { glob, folders } of discovery.byGlob) {
    if (folders.some((f) => moduleDirs.has(f))) continue;
    // The glob's item under `modules:`; the default glob (no `modules:` key) is reported at the top of the file.
    const at = platform.locator ? platform.locator.item(['modules'], glob) : { line: 1, column: 1 };
    const what = folders.length === 0 ? 'matches no folder' : `matches ${folders.length} folder${folders.length === 1 ? '' : 's'} (${folders.slice(0, 3).join(', ')}${folders.length > 3 ? ', …' : ''}) but none holds a module.yaml`;
    out.push({
      rule: 'module-glob-unmatched',
      severity: 'error',
      message: `module glob '${glob}' ${what}; no module is discovered through it. Fix the glob in ${PLATFORM_FILE} (modules:) or remove it`,
      file: PLATFORM_FILE,
      line: at.line,
      column: at.column,
    });
  }
  return out;
}
