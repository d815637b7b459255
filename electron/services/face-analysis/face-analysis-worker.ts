// Main's face worker: decodes photos and runs Human off main's event loop, one photo at a time,
// so describing an enrollment's face never stalls the IPC or the sync engine.
import { parentPort, workerData } from 'node:worker_threads';
import { describePhoto, STATION_FACE_CONFIG } from './face-description.js';
import type { DescribeReply, DescribeRequest } from './face-describer.js';
import { loadNodeHuman, type NodeHumanFiles } from './node-human.js';

const port = parentPort;
if (!port) throw new Error('face-analysis-worker runs only as a worker thread');

const loading = loadNodeHuman(workerData as NodeHumanFiles, STATION_FACE_CONFIG);
// Photos wait their turn: Human holds one set of tensors.
let turn: Promise<unknown> = loading;

port.on('message', (request: DescribeRequest) => {
  const work = turn.then(async () => describePhoto(await loading, request.bytes));
  turn = work.catch(() => undefined);
  work.then(
    (description) => port.postMessage({ id: request.id, ok: true, description } satisfies DescribeReply),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) } satisfies DescribeReply),
  );
});
