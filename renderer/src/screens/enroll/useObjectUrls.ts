import { useEffect, useState } from 'react';

/** Object URLs for captured bytes, revoked when the files change or the view closes, so no biometric lingers in memory. */
export function useObjectUrls(files: ReadonlyArray<{ readonly bytes: Uint8Array; readonly mime: string }>): string[] {
  const [urls, setUrls] = useState<string[]>([]);
  useEffect(() => {
    const created = files.map((file) => URL.createObjectURL(new Blob([file.bytes as Uint8Array<ArrayBuffer>], { type: file.mime })));
    setUrls(created);
    return () => created.forEach((url) => URL.revokeObjectURL(url));
  }, [files]);
  return urls;
}
