import '../node/code-cache'; // first: the chunks below load with the saved V8 code cache (node/code-cache.ts)
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { CheckoutFiles } from './checkout-reader';
import type { ScanSettings } from './module-scan';
import type { ScanReply, ScanRequest, ScanWorkerData } from './scan-pool';
import { guessAhead, readAhead, type ReadAheadWorkerData } from './read-ahead';

/**
 * A scan worker (built to out/main/scan-worker.js), in one of two modes. The folder-batch pool's
 * (scan-pool.ts): reads and parses the module folders it is sent, in batches, and sends back what
 * the main thread would have computed itself (module-scan.ts). The split scan's (scan-split.ts,
 * `mode: 'read-ahead'`, read-ahead.ts): lists the module folders ahead of the main thread and reads
 * their manifests and SQL files, for the main thread to parse; for `check` it also classifies the
 * SQL and runs the migrations and tables analyses (sql-side.ts). It reads files and nothing else;
 * it never writes. The pool's parsing is loaded only in that mode: the read-ahead worker starts
 * without the manifest parser, its schema validator and semver (their loading took ~0.3 s).
 */
const port = parentPort;
if (!port) throw new Error('scan-worker.js runs as a worker thread of module-workbench');

if ((workerData as Partial<ReadAheadWorkerData>).mode === 'read-ahead') {
  const data = workerData as ReadAheadWorkerData;
  // Reads are not kept: each file is read once and handed over (or, with the SQL side, classified here).
  const files = new CheckoutFiles(data.root, data.watched, false);
  // Started before discovery: it reads the likely folders while it waits for the start.
  const { start, guessed } = guessAhead(data, files);
  for (const parent of start.parents) files.list(parent);
  readAhead(data, start, files, (reply) => port.postMessage(reply), guessed);
} else {
  void pool(port);
}

async function pool(port: MessagePort): Promise<void> {
  const data = workerData as ScanWorkerData;
  const settings: ScanSettings = { tenantColumn: data.tenantColumn, dialect: data.dialect };
  // One scan: what it has listed and resolved is kept for that scan (as check's main thread does).
  const files = new CheckoutFiles(data.root, true);
  // Requests sent meanwhile wait in the port until the listener is added.
  const { scanModuleForWire } = await import('./module-scan');
  port.on('message', (request: ScanRequest) => {
    const results = request.folders.map((folder) => scanModuleForWire(data.root, folder, settings, files));
    const reply: ScanReply = { start: request.start, results };
    port.postMessage(reply);
  });
}
