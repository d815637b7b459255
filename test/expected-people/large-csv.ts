/** A CSV of GLAIR's enrollment fields (nik,name,dateOfBirth) of about `bytes` bytes: distinct, valid people. */
export function expectedPeopleCsv(bytes: number): string {
  const lines = ['nik,name,dateOfBirth'];
  let size = lines[0]?.length ?? 0;
  for (let n = 0; size < bytes - 100; n++) {
    const line = `3171${String(n).padStart(12, '0')},Person Number ${n} Santoso,${String((n % 28) + 1).padStart(2, '0')}-${String((n % 12) + 1).padStart(2, '0')}-19${String(50 + (n % 50))}`;
    lines.push(line);
    size += line.length + 2;
  }
  return lines.join('\r\n');
}
