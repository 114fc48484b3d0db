import type { Adapter, CheckoutProbe } from './adapter';
import { appModuleAdapter } from './appmodule';
import { drupalAdapter } from './drupal';
import { nativeAdapter } from './native';
import { odooAdapter } from './odoo';

/**
 * Every adapter, in detection order: the first whose detect() says yes reads the checkout. The
 * native format comes last (it reads any folder). Adding an ecosystem is one line here.
 */
export const ADAPTERS: readonly Adapter[] = [drupalAdapter, appModuleAdapter, odooAdapter, nativeAdapter];

export const ADAPTER_KINDS: readonly string[] = ADAPTERS.map((a) => a.kind);

export function adapterByKind(kind: string): Adapter | undefined {
  return ADAPTERS.find((a) => a.kind === kind);
}

/** The adapter for a checkout: the forced kind when given (unknown kinds are the caller's usage error), else detection. */
export function detectAdapter(probe: CheckoutProbe): Adapter {
  return ADAPTERS.find((a) => a.detect(probe)) ?? nativeAdapter;
}
