import type { Events } from '../../src-main/common/contract';
import type { AppStore } from '../../src-main/node/app-store';
import { WorkbenchService } from '../../src-main/service/service';
import { EXAMPLE } from './checkout';

/** Every event a service emitted, by name, in order. */
export type Seen = { [E in keyof Events]?: Events[E][] };

/** A service as the hosts build it (browser host, no app store unless given), recording what it emits. */
export function testService(options: { watch?: boolean; store?: AppStore | null; now?: () => number } = {}): { service: WorkbenchService; seen: Seen } {
  const seen: Seen = {};
  const service = new WorkbenchService({
    host: 'browser',
    version: '0.0.0-test',
    exampleCheckout: EXAMPLE,
    rulesDocBase: '/docs/rules/',
    store: options.store ?? null,
    watch: options.watch ?? false,
    now: options.now,
    emit: (event, payload) => ((seen[event] ??= [] as never[]) as unknown[]).push(payload),
  });
  return { service, seen };
}

/** The result of a request, or a throw naming its error: for requests a test expects to succeed. */
export async function ok<T>(reply: Promise<{ ok: true; result: unknown } | { ok: false; error: { code: string; message: string } }>): Promise<T> {
  const r = await reply;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.result as T;
}
