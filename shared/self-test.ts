import { z } from 'zod';

/** One check of the packaged app's self-test: what was checked, whether it passed, how long it took, and what was seen. */
export const SelfTestCheckSchema = z.object({
  name: z.string().min(1),
  ok: z.boolean(),
  ms: z.number().nonnegative(),
  detail: z.string(),
});
export type SelfTestCheck = z.infer<typeof SelfTestCheckSchema>;

/** What the renderer half of the self-test hands back to main (the page is not trusted: main validates it). */
export const RendererSelfTestChecksSchema = z.array(SelfTestCheckSchema).min(1);

/** The one JSON line the self-test prints. `ok` is true only when every check passed. */
export interface SelfTestReport {
  readonly ok: boolean;
  readonly checks: readonly SelfTestCheck[];
  readonly version: string;
  readonly platform: string;
  readonly arch: string;
}

/** The name the renderer's self-test entry point has on `window` (see renderer/src/self-test/). */
export const RENDERER_SELF_TEST_GLOBAL = 'stationSelfTest';

/** The lowest detector score the bundled synthetic face must reach; it scores above 0.9 with Human 3.3.6. */
export const SELF_TEST_MIN_FACE_SCORE = 0.6;

/** Whether one detection on the bundled image is what a working Human gives: exactly one face, confidently. */
export function judgeDetection(found: { readonly faceCount: number; readonly score: number | null }): { ok: boolean; detail: string } {
  if (found.faceCount !== 1) return { ok: false, detail: `expected 1 face in the self-test image, found ${found.faceCount}` };
  const score = found.score ?? 0;
  if (score < SELF_TEST_MIN_FACE_SCORE) return { ok: false, detail: `face score ${score.toFixed(2)} is under ${SELF_TEST_MIN_FACE_SCORE}` };
  return { ok: true, detail: `1 face, score ${score.toFixed(2)}` };
}
