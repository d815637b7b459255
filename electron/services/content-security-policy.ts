/**
 * The one CSP for the renderer, sent as a header by the app:// protocol and
 * by the preview host. 'wasm-unsafe-eval' is there only because Human's tfjs
 * WASM backend compiles WebAssembly; nothing else is relaxed. 'self' covers
 * the preview host's same-origin WebSocket.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "font-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
