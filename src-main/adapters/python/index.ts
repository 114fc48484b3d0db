export { parsePythonFile, findCalls } from './parse';
export type { PyFile, PyImport } from './parse';
export { createResolver } from './resolve';
export type { PyResolver } from './resolve';
export { kwarg, literalString, literalStrings, sequenceItems, dictGet, describeNotStatic } from './value';
export type { PySpan, PyValue, PyKeyword, PyCall, PyFold } from './value';
