import type { ClaimedFilesAdapter } from '../adapter';
import { extractOdoo } from './extract';
import { claimsFile, detectOdoo, entersFolder } from './layout';

/** Odoo addons repositories (OCA's, a project's own), read as they are (see README.md). */
export const odooAdapter: ClaimedFilesAdapter = {
  kind: 'odoo',
  label: 'odoo (__manifest__.py, ir.model.access.csv, security XML)',
  reads: 'claimed-files',
  detect: detectOdoo,
  enters: entersFolder,
  claims: claimsFile,
  extract: extractOdoo,
};
