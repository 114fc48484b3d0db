import { parentPort, workerData } from 'node:worker_threads';
import { CheckoutFiles } from './checkout-reader';
import { scanModuleForWire, type ScanSettings } from './module-scan';
import type { ScanReply, ScanRequest, ScanWorkerData } from './scan-pool';

/**
 * A scan worker (built to out/main/scan-worker.js): reads and parses the module folders it is sent,
 * in batches, and sends back what the main thread would have computed itself (module-scan.ts).
 * It reads files and nothing else; it never writes.
 */
const port = parentPort;
if (!port) throw new Error('scan-worker.js runs as a worker thread of module-workbench');
const data = workerData as ScanWorkerData;
const settings: ScanSettings = { tenantColumn: data.tenantColumn, dialect: data.dialect };
// One scan: what it has listed and resolved is kept for that scan (as check's main thread does).
const files = new CheckoutFiles(data.root, true);

port.on('message', (request: ScanRequest) => {
  const results = request.folders.map((folder) => scanModuleForWire(data.root, folder, settings, files));
  const reply: ScanReply = { start: request.start, results };
  port.postMessage(reply);
});
