/** Bytes to base64 for the bridge; in slices, because spreading a large array into fromCharCode overflows the stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  const slice = 0x8000;
  let binary = '';
  for (let start = 0; start < bytes.length; start += slice) binary += String.fromCharCode(...bytes.subarray(start, start + slice));
  return btoa(binary);
}
