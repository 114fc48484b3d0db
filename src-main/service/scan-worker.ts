import { parentPort, workerData } from 'node:worker_threads';
import { CheckoutFiles } from './checkout-reader';
import { scanModuleForWire, type ScanSettings } from './module-scan';
import type { ScanReply, ScanRequest, ScanWorkerData } from './scan-pool';
import { readMigrationsFolder, type MigrationsReply, type MigrationsRequest, type MigrationsWorkerData } from './scan-split';

/**
 * A scan worker (built to out/main/scan-worker.js), in one of two modes. The folder-batch pool's
 * (scan-pool.ts): reads and parses the module folders it is sent, in batches, and sends back what
 * the main thread would have computed itself (module-scan.ts). The split scan's (scan-split.ts,
 * `mode: 'migrations'`): lists the migrations folders it is sent and reads their SQL files, for
 * the main thread to classify. It reads files and nothing else; it never writes.
 */
const port = parentPort;
if (!port) throw new Error('scan-worker.js runs as a worker thread of module-workbench');

if ((workerData as Partial<MigrationsWorkerData>).mode === 'migrations') {
  const data = workerData as MigrationsWorkerData;
  // Reads are not kept: each migration is read once, and its text is garbage once classified.
  const files = new CheckoutFiles(data.root, data.watched, false);
  for (const parent of data.parents) files.list(parent);
  port.on('message', (request: MigrationsRequest) => {
    const reply: MigrationsReply = { id: request.id, folders: request.dirs.map((dir) => readMigrationsFolder(files, dir)) };
    port.postMessage(reply);
  });
} else {
  const data = workerData as ScanWorkerData;
  const settings: ScanSettings = { tenantColumn: data.tenantColumn, dialect: data.dialect };
  // One scan: what it has listed and resolved is kept for that scan (as check's main thread does).
  const files = new CheckoutFiles(data.root, true);
  port.on('message', (request: ScanRequest) => {
    const results = request.folders.map((folder) => scanModuleForWire(data.root, folder, settings, files));
    const reply: ScanReply = { start: request.start, results };
    port.postMessage(reply);
  });
}
