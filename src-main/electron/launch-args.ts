/**
 * The checkout named on the command line, if any: the first argument that is not an option and
 * not the app itself (`electron .` passes the app folder; packaged apps pass only user arguments).
 */
export function checkoutFromArgv(argv: readonly string[], appPath: string, isPackaged: boolean): string | undefined {
  const args = argv.slice(isPackaged ? 1 : 2);
  return args.find((a) => !a.startsWith('-') && a !== appPath && a !== '.');
}
