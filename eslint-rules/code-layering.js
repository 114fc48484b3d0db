'use strict';
/**
 * code-layering: each layer may import only the layers below it (docs/architecture.md).
 * Modelled on VS Code's rule of the same name; a forbidden import fails lint with "Bad layering".
 */
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');

/** layer -> layers it may import (besides itself). */
const ALLOWED = {
  common: [],
  engine: ['common'],
  node: ['common'],
  // One folder per ecosystem: pure like the engine (text in, model out); its I/O is the service's.
  adapters: ['engine', 'common'],
  service: ['adapters', 'engine', 'node', 'common'],
  // The CLI's serve command starts the headless host.
  cli: ['serve', 'service', 'adapters', 'engine', 'node', 'common'],
  serve: ['service', 'adapters', 'engine', 'node', 'common'],
  electron: ['service', 'adapters', 'engine', 'node', 'common'],
  preload: ['common'],
  renderer: ['common'],
};

/** Layers that must stay pure: no Node built-ins, no electron. */
const NO_NODE = new Set(['common', 'engine', 'adapters', 'renderer']);
/** Only these may import electron. */
const ELECTRON = new Set(['electron', 'preload']);

function layerOf(file) {
  const rel = path.relative(ROOT, file).split(path.sep).join('/');
  let m = /^src-main\/([^/]+)\//.exec(rel);
  if (m) return ALLOWED[m[1]] ? m[1] : null;
  if (rel.startsWith('src-preload/')) return 'preload';
  if (rel.startsWith('src-renderer/')) return 'renderer';
  if (rel.startsWith('resources/')) return 'resources';
  if (rel === 'package.json') return 'package';
  return null;
}

module.exports = {
  meta: {
    type: 'problem',
    docs: { description: 'enforce the layers of src-main / src-preload / src-renderer' },
    schema: [],
    messages: {
      bad: 'Bad layering: {{from}} may not import {{to}} ({{spec}}). Allowed: {{allowed}}.',
      builtin: 'Bad layering: {{from}} must stay free of Node built-ins and electron ({{spec}}).',
      electron: "Bad layering: only src-main/electron and src-preload may import 'electron'.",
    },
  },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const from = layerOf(file);
    if (!from) return {};
    function check(node, spec) {
      if (typeof spec !== 'string') return;
      if (spec === 'electron' || spec.startsWith('electron/')) {
        if (!ELECTRON.has(from)) context.report({ node, messageId: 'electron' });
        return;
      }
      if (spec.startsWith('node:') || require('node:module').builtinModules.includes(spec)) {
        if (NO_NODE.has(from)) context.report({ node, messageId: 'builtin', data: { from, spec } });
        return;
      }
      if (!spec.startsWith('.')) return;
      const target = layerOf(path.resolve(path.dirname(file), spec) + (path.extname(spec) ? '' : '.ts'));
      if (!target || target === from) return;
      // The engine reads the published JSON Schemas; the CLI reads its own version.
      if (target === 'resources' && (from === 'engine' || from === 'renderer')) return;
      if (target === 'package' && from === 'cli') return;
      const allowed = ALLOWED[from] || [];
      if (!allowed.includes(target)) {
        context.report({ node, messageId: 'bad', data: { from, to: target, spec, allowed: allowed.join(', ') || 'none' } });
      }
    }
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') check(node, node.arguments[0].value);
      },
    };
  },
};
