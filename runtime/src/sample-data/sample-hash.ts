/**
 * The generator's pseudo-random numbers, as SQL expressions: a seeded integer hash of a row number
 * (xor-shift-multiply rounds, kept below 2^63 so bigint arithmetic never overflows). Each call site
 * passes its own `stream`, so two values of one row are independent. Same seed, same row number →
 * the same value on every run, on PGlite and on a server alike (no random(), no Math.random).
 */
export interface SampleHash {
  /** an integer in [0, `n`) for the row number expression `row` */
  pick(stream: number, row: string, n: number): string;
  /** a float8 in [0, 1) for the row number expression `row` */
  unit(stream: number, row: string): string;
}

const P31 = 2147483647; // 2^31 − 1, prime
const P32 = 4294967291; // the largest prime below 2^32

export function sampleHash(seed: number): SampleHash {
  const salt = (seed * 7919) % P31;
  const mix = (x: string, shift: number, multiplier: number) =>
    `((((${x}) # ((${x}) >> ${shift})) * ${multiplier}) % ${P32})`;
  const hash = (stream: number, row: string) => {
    const x0 = `((((${row})::bigint * 1000003) + ${salt + stream * 104729}) % ${P31})`;
    const x2 = mix(mix(x0, 15, 1597334677), 13, 1137686759);
    return `((${x2}) # ((${x2}) >> 16))`;
  };
  return {
    pick: (stream, row, n) => `((${hash(stream, row)}) % ${n})::int`,
    unit: (stream, row) => `((${hash(stream, row)})::float8 / ${P32})`,
  };
}
