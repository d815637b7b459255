import type { FrameSource } from './face-capture-session.js';

/** Resolves when the video has a new frame to analyse (never the same frame twice). */
function nextVideoFrame(video: HTMLVideoElement): Promise<void> {
  return new Promise((resolve) => {
    if ('requestVideoFrameCallback' in video) video.requestVideoFrameCallback(() => resolve());
    else requestAnimationFrame(() => resolve());
  });
}

/** The frames of a playing video, each grabbed at full camera resolution: the kept frame is the photo's source. */
export function videoFrames(video: HTMLVideoElement): FrameSource<ImageBitmap> {
  return {
    async next() {
      await nextVideoFrame(video);
      if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) return null;
      return createImageBitmap(video);
    },
  };
}
