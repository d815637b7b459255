import { RENDERER_SELF_TEST_GLOBAL, type SelfTestCheck } from '../../../shared/self-test.js';

/**
 * Gives main (webContents.executeJavaScript, self-test mode only) an entry point to the renderer's
 * self-test. It adds no capability: anything in the page can already call window.station and run
 * Human. Its code loads only when it is called.
 */
export function exposeRendererSelfTest(target: Window): void {
  Object.defineProperty(target, RENDERER_SELF_TEST_GLOBAL, {
    value: async (faceJpegBase64: string): Promise<SelfTestCheck[]> => {
      const { runRendererSelfTest } = await import('./renderer-self-test.js');
      return runRendererSelfTest(faceJpegBase64);
    },
  });
}
