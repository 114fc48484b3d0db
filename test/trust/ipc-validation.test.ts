import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REQUEST_NAMES, validateParams } from '../../src-main/common/contract';
import { createIpcRequestHandler } from '../../src-main/electron/ipc-router';
import { isTrustedSender } from '../../src-main/electron/trusted-sender';

/**
 * Every request of the contract (whatever is added later: the loops read the contract) has its
 * parameters checked for shape and type, and every IPC call its sender, before the service runs.
 */
describe('every request validates its parameters', () => {
  it.each(REQUEST_NAMES)('%s refuses non-objects, unknown keys and prototype tricks', (name) => {
    for (const bad of [null, undefined, 42, 'x', [], [{}], true]) expect(validateParams(name, bad), JSON.stringify(bad)).toMatch(/parameters must be an object/);
    expect(validateParams(name, { surprise: 1 })).toContain("unknown parameter 'surprise'");
    expect(validateParams(name, JSON.parse('{"__proto__": {"polluted": true}}'))).toContain("unknown parameter '__proto__'");
    expect(validateParams(name, { constructor: 'x' })).toContain("unknown parameter 'constructor'");
  });

  it('never throws on arbitrary JSON, for any request', () => {
    fc.assert(
      fc.property(fc.constantFrom(...REQUEST_NAMES), fc.jsonValue(), (name, params) => {
        const r = validateParams(name, params);
        expect(r === null || typeof r === 'string').toBe(true);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('refuses a wrongly typed value for every declared parameter', () => {
    for (const name of REQUEST_NAMES) {
      // Find the declared keys by asking: a key the validator does not call unknown is declared.
      const probe = ['path', 'text', 'baseVersion', 'force', 'format', 'edges', 'modules', 'profile', 'key', 'value', 'base', 'kind', 'title', 'status', 'phase', 'yes', 'db', 'apply', 'removeStale', 'lang', 'role', 'id', 'revision', 'ids', 'module', 'limit'];
      for (const key of probe) {
        const problem = validateParams(name, { [key]: { not: ['what', 'was', 'asked'] } });
        if (problem?.includes('unknown parameter')) continue;
        if (name === 'ui.setState' && key === 'value') continue; // any JSON, size-capped
        expect(problem, `${name}.${key}`).toBeTruthy();
      }
    }
  });
});

describe('IPC requests', () => {
  const rendererFile = '/opt/mwb/out/renderer/index.html';
  const trusted = (url: string | undefined) => isTrustedSender(url, rendererFile, undefined);

  it('from a foreign sender are refused before the service sees them, for every request', async () => {
    let reached = 0;
    const handler = createIpcRequestHandler({ handle: async () => ((reached++), { ok: true, result: null }) }, trusted);
    for (const name of REQUEST_NAMES) {
      for (const url of ['https://evil.example/', 'file:///tmp/evil.html', undefined, 'app://workbench.evil/index.html']) {
        const reply = await handler(url, { name, params: {} });
        expect(reply.ok).toBe(false);
        if (!reply.ok) expect(reply.error.code).toBe('untrusted-sender');
      }
    }
    expect(reached).toBe(0);
  });

  it('that are not {name, params} objects are refused', async () => {
    let reached = 0;
    const handler = createIpcRequestHandler({ handle: async () => ((reached++), { ok: true, result: null }) }, () => true);
    for (const payload of [null, 'session.open', 42, ['session.open', {}]]) {
      const reply = await handler('app://workbench/index.html', payload);
      expect(reply).toEqual({ ok: false, error: { code: 'bad-request', message: 'a request is an object {name, params}' } });
    }
    expect(reached).toBe(0);
  });
});
