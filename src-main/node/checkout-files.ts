import fs from 'node:fs';
import path from 'node:path';

/** The checkout itself could not be opened: the CLI's exit 2. */
export class CheckoutError extends Error {
  readonly code: string = 'checkout-unreadable';
}

/** Resolves and checks the checkout folder; throws CheckoutError with a message for people. */
export function resolveCheckout(dir: string): string {
  const abs = path.resolve(dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CheckoutError(code === 'ENOENT' ? `checkout not found: ${abs}` : `checkout cannot be read: ${abs} (${code})`);
  }
  if (!stat.isDirectory()) throw new CheckoutError(`checkout is not a folder: ${abs}`);
  try {
    fs.readdirSync(abs);
  } catch (err) {
    throw new CheckoutError(`checkout cannot be read: ${abs} (${(err as NodeJS.ErrnoException).code})`);
  }
  return abs;
}

/** Whether a checkout-relative path names an existing file, without following it out of the checkout. */
export function makeExists(root: string): (rel: string) => boolean {
  return (rel) => {
    const abs = path.resolve(root, rel);
    const inside = path.relative(root, abs);
    if (inside.startsWith('..') || path.isAbsolute(inside)) return false;
    try {
      return fs.statSync(abs).isFile();
    } catch {
      return false;
    }
  };
}
