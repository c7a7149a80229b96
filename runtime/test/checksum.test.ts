import { checksum as engineChecksum } from "@loom/engine";
import { describe, expect, it } from "vitest";
import { canonicalJson, checksum } from "../src/store/checksum.ts";

describe("model checksum", () => {
  it("is the same whatever the key order, at every depth", () => {
    const a = { entities: { b: { x: 1, y: [1, { q: 1, p: 2 }] }, a: {} }, packages: [] };
    const b = { packages: [], entities: { a: {}, b: { y: [1, { p: 2, q: 1 }], x: 1 } } };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(checksum(a)).toBe(checksum(b));
  });

  it("changes when a value or the order of an array changes", () => {
    expect(checksum({ a: [1, 2] })).not.toBe(checksum({ a: [2, 1] }));
    expect(checksum({ a: "1" })).not.toBe(checksum({ a: 1 }));
  });

  it("ignores undefined properties, as JSON storage does", () => {
    expect(checksum({ a: 1, b: undefined })).toBe(checksum({ a: 1 }));
  });

  it("agrees with the engine's pure-JS checksum, non-ASCII text included", () => {
    const model = { labels: { en: "Order", "zh-CN": "销售订单 😀" }, n: [1.5, null, true] };
    expect(checksum(model)).toBe(engineChecksum(model));
  });
});
