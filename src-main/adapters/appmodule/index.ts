import type { ClaimedFilesAdapter } from '../adapter';
import { extractAppModule } from './extract';
import { claimsFile, detectAppModule, entersFolder } from './layout';

/** AppModule platforms (`module.py` constructing `core.apps.AppModule(...)`), read statically (see README.md). */
export const appModuleAdapter: ClaimedFilesAdapter = {
  kind: 'appmodule',
  label: 'appmodule (module.py with AppModule(...), read statically)',
  reads: 'claimed-files',
  detect: detectAppModule,
  enters: entersFolder,
  claims: claimsFile,
  extract: extractAppModule,
};
