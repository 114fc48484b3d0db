import type { ClaimedFilesAdapter } from '../adapter';
import { extractDrupal } from './extract';
import { claimsFile, detectDrupal, entersFolder } from './layout';

/** Drupal sites and module or profile repositories, as they are (see README.md). */
export const drupalAdapter: ClaimedFilesAdapter = {
  kind: 'drupal',
  label: 'drupal (*.info.yml, *.permissions.yml, *.routing.yml, user.role.*.yml)',
  reads: 'claimed-files',
  detect: detectDrupal,
  enters: entersFolder,
  claims: claimsFile,
  extract: extractDrupal,
};
