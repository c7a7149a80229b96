import { describe, expect, it } from "vitest";
import { diffPackageFiles } from "../src/load/diff-package-files.ts";

describe("diffPackageFiles", () => {
  it("names added, changed and removed files in path order", () => {
    const before = {
      "entities/a.json": '{"kind":"entity","name":"a"}',
      "entities/b.json": '{"kind":"entity","name":"b"}',
      "roles/r.json": '{"kind":"role","name":"r"}',
    };
    const after = {
      "entities/a.json": '{"kind":"entity","name":"a","labels":{"en":"A"}}',
      "entities/c.json": '{"kind":"entity","name":"c"}',
      "roles/r.json": '{"kind":"role","name":"r"}',
    };
    expect(diffPackageFiles(before, after)).toEqual([
      { file: "entities/a.json", change: "changed" },
      { file: "entities/b.json", change: "removed" },
      { file: "entities/c.json", change: "added" },
    ]);
  });

  it("sees no change where only key order or spacing differ", () => {
    const before = { "x.json": '{"a":1,"b":[1,2]}' };
    const after = { "x.json": '{\n  "b": [1, 2],\n  "a": 1\n}\n' };
    expect(diffPackageFiles(before, after)).toEqual([]);
  });

  it("compares texts that do not parse as text, and an array order change is a change", () => {
    expect(diffPackageFiles({ "x.json": "{oops" }, { "x.json": "{oops" })).toEqual([]);
    expect(diffPackageFiles({ "x.json": "{oops" }, { "x.json": "{}" })).toEqual([
      { file: "x.json", change: "changed" },
    ]);
    expect(diffPackageFiles({ "x.json": "[1,2]" }, { "x.json": "[2,1]" })).toEqual([
      { file: "x.json", change: "changed" },
    ]);
  });

  it("does not mistake inherited object members for files", () => {
    expect(diffPackageFiles({}, { constructor: "{}" })).toEqual([
      { file: "constructor", change: "added" },
    ]);
  });
});
