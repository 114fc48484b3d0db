import path from 'node:path';
import type { Events } from '../../common/contract';
import { escapeTerminalText } from '../../common/terminal-text';
import type { AppStore } from '../../node/app-store';
import type { RunningServer } from '../../serve/server';
import type { WorkbenchService } from '../../service/service';
import { SnapshotWire } from '../../service/snapshot-wire';
import { parseArgs, stringOption } from '../args';
import { UsageError, type CliIO } from '../io';
import { TOOL_VERSION } from '../version';
import type { Command } from './command';

/** Where the built files live, relative to the bundled CLI (out/main/cli.js). */
const REPO = path.resolve(__dirname, '..', '..');

export const serveCommand: Command = {
  name: 'serve',
  summary: 'the workbench UI for a browser, on 127.0.0.1 only',
  usage: 'mwb serve [checkout] [--port N]   (default port 7420; 0 picks a free one)\n  Open the URL it prints: it carries a secret made for this launch, without which the server answers 403.',
  run(argv: string[], io: CliIO): number {
    const args = parseArgs(argv, { port: { value: true } }, 'serve');
    if (args.positionals.length > 1) throw new UsageError('serve: expected at most one checkout folder');
    const portText = stringOption(args, 'port') ?? '7420';
    const port = Number(portText);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`serve: --port must be a number from 0 to 65535 (got '${portText}')`);
    const checkout = args.positionals[0] ? path.resolve(io.cwd, args.positionals[0]) : undefined;

    // The server, the app store (a native module) and the session load only here, so that
    // every other command starts without them.
    void start(io, checkout, port);
    return -1;
  },
};

async function start(io: CliIO, checkout: string | undefined, port: number): Promise<void> {
  const [{ AppStore: Store, defaultDataDir }, { startServer }, { WorkbenchService: Service }] = await Promise.all([
    import('../../node/app-store'),
    import('../../serve/server'),
    import('../../service/service'),
  ]);
  let server: RunningServer | null = null;
  // After an edit, browsers get what changed in the snapshot, not all of it (service/snapshot-wire.ts).
  const wire = new SnapshotWire();
  const emit = <E extends keyof Events>(event: E, payload: Events[E]) => {
    const sent = wire.wire(event, payload);
    server?.broadcast(sent.event, sent.payload);
  };
  let store: AppStore | null = null;
  try {
    store = new Store({ dataDir: defaultDataDir() });
  } catch (err) {
    io.stderr(`mwb serve: app data unavailable (${(err as Error).message}); recent checkouts will not be remembered\n`);
  }
  const service: WorkbenchService = new Service({
    host: 'browser',
    version: TOOL_VERSION,
    exampleCheckout: path.join(REPO, 'resources', 'example-platform'),
    rulesDocBase: '/docs/rules/',
    store,
    emit,
  });
  const stop = () => {
    void server?.close().then(() => {
      service.dispose();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    const snapshot = await service.open(checkout);
    server = await startServer({ service, rendererDir: path.join(REPO, 'out', 'renderer'), rulesDir: path.join(REPO, 'docs', 'rules'), port });
    io.stdout(`Module Workbench: ${escapeTerminalText(snapshot.platform.name)} (${snapshot.modules.length} module${snapshot.modules.length === 1 ? '' : 's'}) at ${server.url}\nServing ${escapeTerminalText(snapshot.checkout)} on 127.0.0.1 only. The link carries this launch's secret: only who has it can use the workbench. Ctrl+C stops.\n`);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    io.stderr(
      e.code === 'EADDRINUSE'
        ? `mwb serve: port ${port} on 127.0.0.1 is already in use (another mwb serve?); stop it, pick another port with --port N, or let the system choose a free one with --port 0\n`
        : `mwb serve: ${e.message}\n`,
    );
    service.dispose();
    process.exit(2);
  }
}
