import type { FaceDescriber } from '../face-analysis/face-describer.js';

/**
 * Main's face worker (the duplicate check's) on the self-test image: the worker starts from the
 * packaged app, loads Human and the models from the resources, and finds the one face.
 */
export async function checkFaceWorker(faces: FaceDescriber, photo: Uint8Array): Promise<string> {
  const description = await faces.describe(photo);
  if (description.kind === 'unreadable') throw new Error("main's face worker cannot read the self-test image");
  if (!description.descriptor) throw new Error(`expected 1 face in the self-test image, main's face worker found ${description.count}`);
  return `main's face worker found 1 face (${description.descriptor.length}-value descriptor)`;
}
