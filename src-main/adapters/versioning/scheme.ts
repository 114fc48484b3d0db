/**
 * A version scheme reads one ecosystem's versions and constraints into semver, the one scheme the
 * engine compares with (engine/refs.ts). Ecosystems share schemes (Composer's constraints serve
 * Drupal and any PHP platform), so they live beside the adapters, not inside one.
 */
export interface VersionScheme {
  name: string;
  /** The version as semver, or null when it is not one of this scheme's versions. */
  version(text: string): string | null;
  /** The constraint as a semver range, or null when it cannot be read. */
  range(text: string): string | null;
}
