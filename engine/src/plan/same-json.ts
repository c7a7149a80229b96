/** Deep equality of JSON-like values (what an AppModel is made of); undefined members count as absent. */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((item, i) => sameJson(item, b[i]));
  }
  if (Array.isArray(b)) return false;
  return sameRecord(a as Record<string, unknown>, b as Record<string, unknown>);
}

function sameRecord(left: Record<string, unknown>, right: Record<string, unknown>): boolean {
  const leftKeys = Object.keys(left);
  const rightKeys = Object.keys(right);
  let allDefined = true;
  for (const key of leftKeys) {
    const value = left[key];
    if (value === undefined) allDefined = false;
    // a defined member must be matched whatever else differs
    else if (!sameJson(value, right[key])) return false;
  }
  // every defined member of `left` is in `right`: equal key counts mean nothing else is
  if (allDefined && leftKeys.length === rightKeys.length) return true;
  const definedLeft = leftKeys.filter((key) => left[key] !== undefined).length;
  return definedLeft === rightKeys.filter((key) => right[key] !== undefined).length;
}
