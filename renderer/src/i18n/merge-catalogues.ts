export type Catalogue = { [key: string]: string | Catalogue };

/** Deep-merges feature catalogues into one; a key defined twice is a mistake, so the first one wins and nothing is silently replaced. */
export function mergeCatalogues(catalogues: readonly Catalogue[]): Catalogue {
  const merged: Catalogue = {};
  for (const catalogue of catalogues) mergeInto(merged, catalogue);
  return merged;
}

function mergeInto(target: Catalogue, source: Catalogue): void {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (typeof value === 'string') {
      if (existing === undefined) target[key] = value;
    } else if (existing === undefined) {
      target[key] = {};
      mergeInto(target[key], value);
    } else if (typeof existing !== 'string') {
      mergeInto(existing, value);
    }
  }
}
