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
  // A large site's composer.lock runs to megabytes; it is JSON, read once.
  maxBytes: (rel) => (rel === 'composer.lock' ? 64 * 1024 * 1024 : undefined),
  extract: extractDrupal,
};
