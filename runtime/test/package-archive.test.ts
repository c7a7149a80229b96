import {
  chmod,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  writeFile,
} from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { deflateRawSync } from "node:zlib";
import { LoomError, parsePackage } from "@loom/engine";
import { afterEach, describe, expect, it } from "vitest";
import {
  checkPackageFolder,
  PACKAGE_FORMAT_VERSION,
  type PackageFolder,
  readPackageInput,
  stampPackage,
  writePackageFolder,
  writePackageZip,
} from "../src/packages/archive/index.ts";
import { SAMPLE_PACKAGES } from "../src/server/start-server.ts";
import { readPackageDir } from "../src/store/read-package-dir.ts";
import { deflated, type RawEntry, rawZip, stored } from "./support/raw-zip.ts";

const [MANUFACTURING, CUSTOM] = SAMPLE_PACKAGES as [string, string];
const MIB = 1024 * 1024;

const TINY_MANIFEST = JSON.stringify({
  kind: "package",
  name: "tiny",
  version: "1.0.0",
  layer: "base",
  labels: { en: "Tiny" },
});
const MENU = JSON.stringify({ kind: "menu", items: [] });

/** A one-package zip: a valid manifest, then the entries given. */
function tinyZip(...entries: RawEntry[]): Buffer {
  return rawZip([stored("loom-package.json", TINY_MANIFEST), ...entries]);
}

const temps: string[] = [];
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "loom-archive-"));
  temps.push(dir);
  return dir;
}

/** The refusal of `input`: always `archive-refused`, with its details. */
async function refusal(
  input: string | Uint8Array,
  limits?: Parameters<typeof readPackageInput>[1],
): Promise<LoomError> {
  const error = await readPackageInput(input, limits).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(LoomError);
  expect((error as LoomError).code).toBe("archive-refused");
  return error as LoomError;
}

function stampedFolders(folders: readonly PackageFolder[]): PackageFolder[] {
  return folders.map((folder) => ({ root: folder.root, files: stampPackage(folder.files) }));
}

describe("package archives: round trips", () => {
  it("reads a package folder as readPackageDir does, and a zip of it back to the same files", async () => {
    const [folder, ...others] = await readPackageInput(MANUFACTURING);
    expect(others).toEqual([]);
    expect(folder).toEqual({ root: "", files: await readPackageDir(MANUFACTURING) });

    const exported = stampedFolders([folder!]);
    const read = await readPackageInput(await writePackageZip(exported));
    expect(read).toEqual(exported);
    expect(Object.keys(read[0]!.files)).toEqual(Object.keys(folder!.files).sort());
    expect(parsePackage(read[0]!.files).issues).toEqual([]);
  });

  it("zips a bundle of manufacturing and manufacturing-custom, one top-level folder each", async () => {
    const bundle = stampedFolders([
      { root: "manufacturing", files: await readPackageDir(MANUFACTURING) },
      { root: "manufacturing-custom", files: await readPackageDir(CUSTOM) },
    ]);
    const read = await readPackageInput(await writePackageZip(bundle));
    expect(read.map((folder) => folder.root)).toEqual(["manufacturing", "manufacturing-custom"]);
    expect(read).toEqual(bundle);
    // the samples' own parent folder is such a bundle too
    const samples = await readPackageInput(path.dirname(MANUFACTURING));
    expect(samples.map((folder) => folder.root)).toEqual(["manufacturing", "manufacturing-custom"]);
  });

  it("names each package of a bundle by its manifest when it has no root", async () => {
    const bundle = stampedFolders([
      { root: "", files: await readPackageDir(MANUFACTURING) },
      { root: "", files: await readPackageDir(CUSTOM) },
    ]);
    const read = await readPackageInput(await writePackageZip(bundle));
    // manufacturing-custom's manifest names it acme-custom
    expect(read.map((folder) => folder.root)).toEqual(["acme-custom", "manufacturing"]);
  });

  it("exports the same bytes every time, in every time zone, and stamping twice changes nothing", async () => {
    const files = await readPackageDir(MANUFACTURING);
    const stamped = stampPackage(files);
    expect(stampPackage(stamped)).toEqual(stamped);
    expect(stampPackage({ ...files })).toEqual(stamped);

    const zone = process.env.TZ;
    try {
      process.env.TZ = "UTC";
      const inUtc = await writePackageZip([{ root: "", files: stamped }]);
      process.env.TZ = "Asia/Shanghai";
      const inShanghai = await writePackageZip([{ root: "", files: stampPackage(files) }]);
      expect(inShanghai.equals(inUtc)).toBe(true);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("stamps JSON with 2-space indent, a final newline and the checksums last in the manifest", () => {
    const stamped = stampPackage({
      "loom-package.json": `{"kind":"package","name":"tiny","checksums":{"old.json":"sha256:${"0".repeat(64)}"},"version":"1.0.0"}`,
      "menu.json": '{"kind":"menu",  "items":[]}',
    });
    expect(stamped["menu.json"]).toBe('{\n  "kind": "menu",\n  "items": []\n}\n');
    const manifest = JSON.parse(stamped["loom-package.json"]!) as Record<string, unknown>;
    expect(Object.keys(manifest)).toEqual(["kind", "name", "version", "checksums"]);
    expect(manifest.checksums).toEqual({
      "menu.json": expect.stringMatching(/^sha256:[0-9a-f]{64}$/),
    });
    expect(checkPackageFolder({ root: "", files: stamped })).toEqual([]);
  });

  it("reads a zip from its path, and ignores what macOS Finder adds to a zip", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "tiny.zip");
    await writeFile(
      file,
      tinyZip(
        stored("menu.json", MENU),
        stored("__MACOSX/._menu.json", Buffer.from([0, 5, 22, 7, 0xff])),
        stored(".DS_Store", Buffer.from([0, 0, 0, 1, 0xff])),
      ),
    );
    expect(await readPackageInput(file)).toEqual([
      { root: "", files: { "loom-package.json": TINY_MANIFEST, "menu.json": MENU } },
    ]);
  });

  it("says what to pass when the path is missing or is a JSON file", async () => {
    await expect(readPackageInput("/no/such/loom/package.zip")).rejects.toMatchObject({
      code: "package-dir-not-found",
    });
    await expect(
      readPackageInput(path.join(MANUFACTURING, "loom-package.json")),
    ).rejects.toMatchObject({ code: "package-dir-not-found" });
  });

  it("leaves a manifest with an unknown field to the engine, which refuses it", async () => {
    const manifest = JSON.stringify({ ...JSON.parse(TINY_MANIFEST), shipping: "fast" });
    const [folder] = await readPackageInput(rawZip([stored("loom-package.json", manifest)]));
    const { package: loaded, issues } = parsePackage(folder!.files);
    expect(loaded).toBeUndefined();
    expect(issues).toContainEqual(
      expect.objectContaining({
        code: "schema",
        file: "loom-package.json",
        message: expect.stringContaining("shipping"),
      }),
    );
  });
});

describe("package archives: hostile input is refused, each problem naming its entry", () => {
  const bomb: RawEntry = {
    name: "menu.json",
    // 64 MiB of zeros deflate to ~64 KiB; the headers say 100 bytes
    data: deflateRawSync(Buffer.alloc(64 * MIB)),
    method: 8,
    size: 100,
    crc: 0,
  };
  const corruptDeflate = deflated("menu.json", MENU);
  corruptDeflate.data = Buffer.from(corruptDeflate.data.map((byte) => byte ^ 0x5a));

  it.each<[string, () => Buffer, string, string]>([
    [
      "a path with ..",
      () => tinyZip(stored("../evil.json", "{}")),
      "path-traversal",
      "../evil.json",
    ],
    [
      "a .. hidden behind backslashes",
      () => tinyZip(stored("entities\\..\\..\\evil.json", "{}")),
      "path-traversal",
      "entities\\..\\..\\evil.json",
    ],
    [
      "an absolute path",
      () => tinyZip(stored("/etc/x.json", "{}")),
      "absolute-path",
      "/etc/x.json",
    ],
    ["a drive letter", () => tinyZip(stored("C:\\x.json", "{}")), "absolute-path", "C:\\x.json"],
    [
      "a backslash as separator",
      () => tinyZip(stored("entities\\x.json", "{}")),
      "unsafe-path",
      "entities\\x.json",
    ],
    [
      "a symlink entry",
      () => tinyZip({ ...stored("menu.json", "/etc/passwd"), mode: 0o120777 }),
      "symlink",
      "menu.json",
    ],
    [
      "the same name twice",
      () => tinyZip(stored("menu.json", MENU), stored("menu.json", "{}")),
      "duplicate-entry",
      "menu.json",
    ],
    [
      "names that differ only in case",
      () => tinyZip(stored("menu.json", MENU), stored("Menu.json", "{}")),
      "duplicate-entry",
      "Menu.json",
    ],
    [
      "a file that is also a folder",
      () => tinyZip(stored("menu.json", MENU), stored("menu.json/x.json", "{}")),
      "duplicate-entry",
      "menu.json",
    ],
    [
      "text that is not UTF-8",
      () => tinyZip(stored("menu.json", Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))),
      "not-utf8",
      "menu.json",
    ],
    ["a .js entry", () => tinyZip(stored("evil.js", "process.exit(1)")), "not-json", "evil.js"],
    [
      "an encrypted entry",
      () => tinyZip({ ...stored("menu.json", MENU), flags: 0x1 }),
      "encrypted-entry",
      "menu.json",
    ],
    [
      "an entry whose data does not match its CRC",
      () => tinyZip({ ...stored("menu.json", MENU), crc: 12345 }),
      "corrupt-entry",
      "menu.json",
    ],
    [
      "an entry whose deflated data is garbage",
      () => tinyZip(corruptDeflate),
      "corrupt-entry",
      "menu.json",
    ],
    [
      "a zip bomb: an entry inflating far beyond the limit while declaring 100 bytes",
      () => tinyZip(bomb),
      "entry-too-large",
      "menu.json",
    ],
    [
      "an entry declaring more than 5 MiB",
      () => tinyZip(deflated("menu.json", Buffer.alloc(5 * MIB + 1, 0x20))),
      "entry-too-large",
      "menu.json",
    ],
    [
      "2,001 entries",
      () => rawZip(Array.from({ length: 2_001 }, (_, i) => stored(`f${i}.json`, "{}"))),
      "too-many-entries",
      "",
    ],
    [
      "entries declaring more than 50 MiB in all",
      () =>
        tinyZip(
          ...Array.from({ length: 11 }, (_, i) => ({
            ...stored(`f${i}.json`, "{}"),
            size: 5 * MIB,
          })),
        ),
      "archive-too-large",
      "",
    ],
    [
      "entries inflating beyond 50 MiB in all while each declares 2 bytes",
      () => {
        const zeros = deflateRawSync(Buffer.alloc(5 * MIB - 1));
        return tinyZip(
          ...Array.from({ length: 11 }, (_, i) => ({
            name: `f${i}.json`,
            data: zeros,
            method: 8 as const,
            size: 2,
            crc: 0,
          })),
        );
      },
      "archive-too-large",
      // the manifest and nine files fill all but 9 bytes of the 50 MiB
      "f9.json",
    ],
    ["more than 20 MiB compressed", () => Buffer.alloc(20 * MIB + 1), "input-too-large", ""],
    [
      "bytes that are no zip",
      () => Buffer.from("PK\u0003\u0004 not really a zip"),
      "corrupt-archive",
      "",
    ],
    [
      "a truncated zip",
      () => tinyZip(stored("menu.json", MENU)).subarray(0, 60),
      "corrupt-archive",
      "",
    ],
    ["no manifest", () => rawZip([stored("menu.json", MENU)]), "no-manifest", "loom-package.json"],
    [
      "a bundle with a file outside its packages",
      () => rawZip([stored("tiny/loom-package.json", TINY_MANIFEST), stored("stray.json", "{}")]),
      "no-manifest",
      "stray.json",
    ],
    [
      "a bundle folder without a manifest",
      () =>
        rawZip([stored("tiny/loom-package.json", TINY_MANIFEST), stored("other/menu.json", MENU)]),
      "no-manifest",
      "other/loom-package.json",
    ],
  ])("refuses %s", async (_case, build, code, entry) => {
    const error = await refusal(build());
    expect(error.issues).toContainEqual(expect.objectContaining({ code, path: entry }));
    expect(error.message).toMatch(/was refused before anything changed/);
  });

  it("reports every bad entry at once, each with what to do", async () => {
    const error = await refusal(
      tinyZip(stored("../a.json", "{}"), stored("b.js", ""), stored("/c.json", "{}")),
    );
    expect(error.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["path-traversal", "../a.json"],
      ["not-json", "b.js"],
      ["absolute-path", "/c.json"],
    ]);
    expect(error.message).toContain("../a.json");
    expect(error.message).toContain("2 more problems");
  });

  it("refuses a symlink in a folder, and a folder holding too many files", async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, "loom-package.json"), TINY_MANIFEST);
    await mkdir(path.join(dir, "entities"));
    await symlink("/etc/hostname", path.join(dir, "entities", "secret.json"));
    const linked = await refusal(dir);
    expect(linked.issues).toEqual([
      expect.objectContaining({ code: "symlink", path: "entities/secret.json" }),
    ]);
    // the same reader serves `loom apply <dir>`
    await expect(readPackageDir(dir)).rejects.toMatchObject({ code: "archive-refused" });

    await rm(path.join(dir, "entities", "secret.json"));
    for (let i = 0; i < 4; i++) await writeFile(path.join(dir, "entities", `e${i}.json`), "{}");
    const many = await refusal(dir, { maxEntries: 4 });
    expect(many.issues).toEqual([expect.objectContaining({ code: "too-many-entries" })]);
  });
});

describe("package archives: package checks", () => {
  async function refusedPackage(files: Record<string, string>): Promise<LoomError> {
    const zip = rawZip(Object.entries(files).map(([name, text]) => stored(name, text)));
    return refusal(zip);
  }

  it("refuses __proto__, constructor and prototype keys anywhere, with their JSON pointer", async () => {
    const error = await refusedPackage({
      "loom-package.json": TINY_MANIFEST,
      "entities/item.json": '{"kind":"entity","__proto__":{"admin":true}}',
      "menu.json": '{"kind":"menu","items":[{"a":{"constructor":{"prototype":1}}}]}',
    });
    expect(error.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["forbidden-key", "entities/item.json"],
      ["forbidden-key", "menu.json"],
      ["forbidden-key", "menu.json"],
    ]);
    expect(error.issues[0]!.message).toContain('the key "__proto__" at /__proto__');
    expect(error.issues[1]!.message).toContain("at /items/0/a/constructor ");
    expect(error.issues[2]!.message).toContain("at /items/0/a/constructor/prototype ");
  });

  it("keeps a file named __proto__.json as a plain entry", async () => {
    const [folder] = await readPackageInput(
      tinyZip(stored("__proto__.json", MENU), stored("x/__proto__.json", MENU)),
    );
    expect(Object.keys(folder!.files)).toEqual([
      "__proto__.json",
      "loom-package.json",
      "x/__proto__.json",
    ]);
    expect(Object.getPrototypeOf(folder!.files)).toBe(Object.prototype);
  });

  function exported(): Record<string, string> {
    return stampPackage({
      "loom-package.json": TINY_MANIFEST,
      "menu.json": MENU,
      "entities/item.json": '{"kind":"entity"}',
    });
  }

  it("imports an exported package whose files match its checksums", async () => {
    const files = exported();
    const [folder] = await readPackageInput(
      rawZip(Object.entries(files).map(([name, text]) => stored(name, text))),
    );
    expect(folder!.files).toEqual(files);
  });

  it("refuses a file changed after export, saying how to import hand-edited files", async () => {
    const files = exported();
    const error = await refusedPackage({ ...files, "menu.json": MENU.replace("[]", "[ ]") });
    expect(error.issues).toEqual([
      expect.objectContaining({ code: "checksum-mismatch", path: "menu.json" }),
    ]);
    expect(error.issues[0]!.message).toBe(
      'the file changed after export: export it again, or remove "checksums" from loom-package.json to import hand-edited files',
    );
  });

  it("refuses a file added after export and a listed file that is missing", async () => {
    const { "entities/item.json": _dropped, ...files } = exported();
    const error = await refusedPackage({ ...files, "roles/extra.json": "{}" });
    expect(error.issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["checksum-missing", "roles/extra.json"],
      ["checksum-file-missing", "entities/item.json"],
    ]);
  });

  it("names the bundle folder of a package whose checksums fail", async () => {
    const files = exported();
    const zip = rawZip(
      Object.entries({ ...files, "menu.json": "{}" }).map(([name, text]) =>
        stored(`tiny/${name}`, text),
      ),
    );
    const error = await refusal(zip);
    expect(error.issues).toEqual([
      expect.objectContaining({ code: "checksum-mismatch", path: "tiny/menu.json" }),
    ]);
  });

  it("refuses a package made by a newer Loom, telling to upgrade", async () => {
    const manifest = JSON.stringify({ ...JSON.parse(TINY_MANIFEST), formatVersion: 2 });
    const error = await refusedPackage({ "loom-package.json": manifest, "menu.json": MENU });
    expect(error.issues).toEqual([
      {
        code: "format-version",
        path: "loom-package.json",
        message: `made by a newer Loom (format 2, this Loom reads up to ${PACKAGE_FORMAT_VERSION}): upgrade Loom`,
      },
    ]);
  });
});

describe("writing package folders", () => {
  const tiny = (menu: string, extra: Record<string, string> = {}): PackageFolder => ({
    root: "tiny",
    files: stampPackage({ "loom-package.json": TINY_MANIFEST, "menu.json": menu, ...extra }),
  });

  it("writes a package into a new folder, then rewrites it keeping what is not the package's", async () => {
    const dir = path.join(await tempDir(), "config", "tiny");
    await writePackageFolder(dir, [tiny(MENU, { "roles/old.json": '{"kind":"role"}' })]);
    expect(await readPackageInput(dir)).toEqual(
      [tiny(MENU, { "roles/old.json": '{"kind":"role"}' })].map((folder) => ({
        ...folder,
        root: "",
      })),
    );

    // a new folder gets the mode any new folder gets here (not a temp folder's 0700)
    const plain = path.join(path.dirname(dir), "plain");
    await mkdir(plain);
    expect((await stat(dir)).mode).toBe((await stat(plain)).mode);
    await rm(plain, { recursive: true });
    await chmod(dir, 0o750);
    await writeFile(path.join(dir, "README.md"), "# tiny");
    await mkdir(path.join(dir, ".git"));
    await writeFile(path.join(dir, ".git", "HEAD"), "ref: refs/heads/main");
    await writeFile(path.join(dir, "roles", "notes.txt"), "kept");

    const next = tiny('{"kind":"menu","items":[{"entity":"x"}]}');
    await writePackageFolder(dir, [next]);
    expect(await readPackageInput(dir)).toEqual([{ ...next, root: "" }]);
    expect(await readFile(path.join(dir, "README.md"), "utf8")).toBe("# tiny");
    expect(await readFile(path.join(dir, ".git", "HEAD"), "utf8")).toBe("ref: refs/heads/main");
    expect(await readFile(path.join(dir, "roles", "notes.txt"), "utf8")).toBe("kept");
    expect(await readdir(path.dirname(dir))).toEqual(["tiny"]);
    // the folder's own mode survives the swap
    expect((await stat(dir)).mode & 0o777).toBe(0o750);
  });

  it("writes a bundle as one folder per package", async () => {
    const dir = await tempDir();
    const other: PackageFolder = {
      root: "other",
      files: stampPackage({
        "loom-package.json": JSON.stringify({ ...JSON.parse(TINY_MANIFEST), name: "other" }),
      }),
    };
    await writePackageFolder(dir, [tiny(MENU), other]);
    expect(await readPackageInput(dir)).toEqual([other, tiny(MENU)]);
    // the same bundle again: allowed, the folder holds those packages
    await writePackageFolder(dir, [tiny(MENU), other]);
    expect(await readdir(dir)).toEqual(["other", "tiny"]);
  });

  it("refuses a folder that holds something else, and leaves it as it was", async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, "notes.txt"), "mine");
    await expect(writePackageFolder(dir, [tiny(MENU)])).rejects.toMatchObject({
      code: "export-target-refused",
    });

    const otherPackage = path.join(dir, "other");
    await mkdir(otherPackage);
    const otherManifest = JSON.stringify({ ...JSON.parse(TINY_MANIFEST), name: "other" });
    await writeFile(path.join(otherPackage, "loom-package.json"), otherManifest);
    await expect(writePackageFolder(otherPackage, [tiny(MENU)])).rejects.toMatchObject({
      code: "export-target-refused",
      message: expect.stringContaining("holds the package other, not tiny"),
    });
    expect(await readdir(otherPackage)).toEqual(["loom-package.json"]);
    expect(await readdir(dir)).toEqual(["notes.txt", "other"]);
  });

  it("leaves no half-written folder when writing fails", async () => {
    const parent = await tempDir();
    const dir = path.join(parent, "tiny");
    const broken: PackageFolder = {
      root: "tiny",
      files: {
        "a.json": "{}",
        "loom-package.json": TINY_MANIFEST,
        "z.json": 42 as unknown as string,
      },
    };
    await expect(writePackageFolder(dir, [broken])).rejects.toThrow();
    expect(await readdir(parent)).toEqual([]);

    await writePackageFolder(dir, [tiny(MENU)]);
    await expect(writePackageFolder(dir, [broken])).rejects.toThrow();
    expect(await readdir(parent)).toEqual(["tiny"]);
    expect(await readPackageInput(dir)).toEqual([{ ...tiny(MENU), root: "" }]);
  });

  it("refuses to write a package whose file names could not be read back", async () => {
    await expect(
      writePackageZip([{ root: "", files: { "../x.json": "{}", "loom-package.json": "{}" } }]),
    ).rejects.toMatchObject({
      code: "export-refused",
      issues: [expect.objectContaining({ code: "path-traversal", path: "../x.json" })],
    });
  });
});
