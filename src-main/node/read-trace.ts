/**
 * What this process read from checkouts (files opened, folders listed), for tests that prove a
 * command reads only what it needs: `list` and `graph` open no migration (test/read-scope.test.ts).
 * Off (nothing kept) unless a test turns it on; worker threads keep their own.
 */
let trace: string[] | null = null;

/** Starts (on) or stops tracing; returns what was traced since the last start. */
export function traceReads(on: boolean): string[] {
  const was = trace ?? [];
  trace = on ? [] : null;
  return was;
}

/** An absolute path read (a file opened or a folder listed). */
export function noteRead(abs: string): void {
  trace?.push(abs);
}
