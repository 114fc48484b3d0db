import crypto from 'node:crypto';

/**
 * The per-launch secret of `mwb serve`, as Jupyter's token: 256 random bits, printed once in the
 * server's URL, exchanged by the browser for a cookie, required on every WebSocket and API request.
 */
export interface LaunchSecret {
  /** The secret itself, for the one URL the server prints. */
  readonly value: string;
  /** Whether a candidate is the secret; constant time whatever the candidate's length. */
  matches(candidate: string | undefined | null): boolean;
}

export function createLaunchSecret(): LaunchSecret {
  const value = crypto.randomBytes(32).toString('hex');
  const digest = sha256(value);
  return {
    value,
    // Both sides are hashed first, so timingSafeEqual compares equal-length buffers and not even
    // the candidate's length shows in the timing.
    matches: (candidate) => typeof candidate === 'string' && crypto.timingSafeEqual(sha256(candidate), digest),
  };
}

function sha256(text: string): Buffer {
  return crypto.createHash('sha256').update(text, 'utf8').digest();
}

/**
 * The cookie's name carries the port: cookies are per host, not per port, so two servers on
 * 127.0.0.1 must not overwrite each other's.
 */
export function secretCookieName(port: number): string {
  return `mwb-serve-${port}`;
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), no Max-Age (gone with the browser session). */
export function secretCookie(port: number, value: string): string {
  return `${secretCookieName(port)}=${value}; Path=/; HttpOnly; SameSite=Strict`;
}

/** Every value a Cookie header gives the name (a browser may send several). */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values;
}
