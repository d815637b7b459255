import type { DuplicateMatch } from '../../../shared/contract/duplicates.js';
import { MAX_DUPLICATE_MATCHES } from '../../../shared/contract/duplicates.js';
import type { ProviderId } from '../../../shared/providers/ids.js';
import type { KeptFace } from './face-descriptor-table.js';
import { similarityFromSquaredDistance, squaredDistance, squaredDistanceBound } from './face-similarity.js';

/** Where the kept faces come from, and word of those deleted with their photos. */
export interface KeptFaceSource {
  keptFaces(): KeptFace[];
  onFacesForgotten(listener: (submissionIds: readonly string[]) => void): void;
}

/** A new enrollment's face and who it is enrolled as. */
export interface FaceProbe {
  readonly provider: ProviderId;
  readonly identity: string;
  readonly descriptor: Float32Array;
  /** The needs-attention submission this one recaptures (perhaps with corrected details): closed by it, so never a duplicate of it. */
  readonly replaces: string | null;
}

/**
 * The faces this station keeps, open in memory: unsealing 10,000 descriptors takes longer than a
 * check may, so they are opened once, at the first check, and kept in step with the store
 * (new enrollments added, purged and discarded ones dropped) after that.
 */
export class DuplicateFaces {
  #faces: Map<string, KeptFace> | null = null;

  constructor(private readonly source: KeptFaceSource) {
    source.onFacesForgotten((ids) => {
      for (const id of ids) this.#faces?.delete(id);
    });
  }

  /**
   * Earlier enrollments of the same provider under another identity whose face reaches
   * `minSimilarity` (Human's similarity), most similar first.
   */
  find(probe: FaceProbe, minSimilarity: number): DuplicateMatch[] {
    const found: Array<{ face: KeptFace; similarity: number }> = [];
    const bound = squaredDistanceBound(minSimilarity);
    for (const face of this.#loaded().values()) {
      if (face.provider !== probe.provider || face.identity === probe.identity || face.submissionId === probe.replaces) continue;
      if (face.descriptor.length !== probe.descriptor.length) continue;
      const sum = squaredDistance(probe.descriptor, face.descriptor, bound);
      if (sum === Number.POSITIVE_INFINITY) continue;
      const similarity = similarityFromSquaredDistance(sum);
      if (similarity >= minSimilarity) found.push({ face, similarity });
    }
    return found
      .sort((a, b) => b.similarity - a.similarity)
      .slice(0, MAX_DUPLICATE_MATCHES)
      .map(({ face }) => ({ shortReference: face.shortReference, createdAt: face.createdAt }));
  }

  /** A face just stored; before the first check there is nothing to keep in step. */
  remember(face: KeptFace): void {
    this.#faces?.set(face.submissionId, face);
  }

  #loaded(): Map<string, KeptFace> {
    this.#faces ??= new Map(this.source.keptFaces().map((face) => [face.submissionId, face]));
    return this.#faces;
  }
}
