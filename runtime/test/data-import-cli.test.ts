import { access, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SAMPLE_PACKAGES } from "../src/server/start-server.ts";
import { freshPgliteDataDir } from "./support/databases.ts";
import { loom } from "./support/run-loom.ts";

const exists = (file: string) =>
  access(file).then(
    () => true,
    () => false,
  );

describe("loom data import and export on the embedded database", () => {
  let work: string;
  let env: Record<string, string>;
  const file = (name: string) => path.join(work, name);

  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "loom-data-cli-"));
    env = { LOOM_DATA_DIR: await freshPgliteDataDir(), LANG: "C" };
    expect((await loom(["apply", ...SAMPLE_PACKAGES], env)).code).toBe(0);
    for (const [name, role] of [
      ["it", "admin"],
      ["rep1", "sales_rep"],
    ])
      expect((await loom(["user", "add", name!, "--role", role!], env)).code).toBe(0);
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
    await rm(env.LOOM_DATA_DIR!, { recursive: true, force: true });
  });

  it("explains both commands with examples", async () => {
    for (const command of [["data"], ["data", "import"], ["data", "export"]]) {
      const help = await loom([...command, "--help"]);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain("Examples:");
      expect(help.stdout).toContain(`$ loom ${command.join(" ")} `.replace("data  ", "data "));
    }
    expect((await loom(["data", "import", "--help"])).stdout).toMatch(
      /Exit codes: 0 .* 1 .* 2 rows refused/s,
    );
  });

  it("a dry run lists every refused row, writes nothing, and exits 2", async () => {
    await writeFile(
      file("customers.csv"),
      "客户编码,客户名称,客户类型\nCLI-1,华东机械,企业\nbad code,Beta,individual\nCLI-2,Gamma,nobody\n",
    );
    const run = await loom(
      ["data", "import", "customer", file("customers.csv"), "--as", "it", "--dry-run"],
      env,
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe(
      [
        'row 3: 客户编码: must match pattern "^[A-Z0-9][A-Z0-9-]*$"',
        'row 4: 客户类型: "nobody" is no option: one of company (Company / 企业), individual (Individual / 个人)',
        "dry run: 3 rows read, 1 would be imported, 2 refused; nothing was written",
        "",
      ].join("\n"),
    );
    const all = await loom(
      ["data", "import", "customer", file("customers.csv"), "--as", "it"],
      env,
    );
    expect(all.code).toBe(2);
    expect(all.stdout).toContain("2 of 3 rows refused: nothing was imported (all-or-nothing)");
  });

  it("skip-bad-rows imports the good rows and writes the rejected file, which imports once fixed", async () => {
    const run = await loom(
      [
        "data",
        "import",
        "customer",
        file("customers.csv"),
        "--as",
        "it",
        "--mode",
        "skip-bad-rows",
      ],
      env,
    );
    expect(run.code).toBe(2);
    const rejected = file("customers.rejected.csv");
    expect(run.stdout).toContain(
      `imported 1 of 3 rows into customer, 2 refused; the refused rows are in ${rejected}`,
    );
    const text = await readFile(rejected, "utf8");
    expect(text.split("\n")[0]).toBe("\uFEFF客户编码,客户名称,客户类型,errors");
    await writeFile(file("fixed.csv"), text.replace("bad code", "CLI-3").replace("nobody", "个人"));
    const again = await loom(["data", "import", "customer", file("fixed.csv"), "--as", "it"], env);
    expect({ code: again.code, stdout: again.stdout }).toEqual({
      code: 0,
      stdout: "imported 2 of 2 rows into customer\n",
    });
  });

  it("exports what the user may export, to a file that imports back", async () => {
    const run = await loom(
      ["data", "export", "customer", "--as", "it", "--out", file("customers.xlsx")],
      env,
    );
    expect({ code: run.code, stdout: run.stdout }).toEqual({
      code: 0,
      stdout: `exported 3 customer records to ${file("customers.xlsx")}\n`,
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file("customers.xlsx"));
    const codes: unknown[] = [];
    workbook.worksheets[0]!.eachRow((row, n) => {
      if (n > 1) codes.push(row.getCell(1).value);
    });
    expect(codes.sort()).toEqual(["CLI-1", "CLI-2", "CLI-3"]);
    const names = await loom(
      [
        "data",
        "export",
        "customer",
        "--as",
        "it",
        "--out",
        file("names.csv"),
        "--headers",
        "names",
      ],
      env,
    );
    expect(names.code).toBe(0);
    expect((await readFile(file("names.csv"), "utf8")).split("\n")[0]).toMatch(
      /^\uFEFFcode,name,customer_type,/,
    );
    const denied = await loom(
      ["data", "export", "customer", "--as", "rep1", "--out", file("denied.csv")],
      env,
    );
    expect(denied.code).toBe(1);
    expect(denied.stderr).toContain(
      "error [forbidden]: your roles do not allow export on customer",
    );
    expect(await exists(file("denied.csv"))).toBe(false);
    expect(await exists(file("denied.csv.partial"))).toBe(false);
  });

  it("exits 1 on a header the entity does not take, an unknown user or file type", async () => {
    await writeFile(file("odd.csv"), "code,name,colour\nX-1,a,red\n");
    const header = await loom(["data", "import", "customer", file("odd.csv"), "--as", "it"], env);
    expect(header.code).toBe(1);
    expect(header.stderr).toContain(
      "error [unknown-column]: a column names no field of customer; the columns accepted are",
    );
    expect(header.stderr).toContain(
      '/columns/2: column 3 "colour" is no field of customer [unknown-column]',
    );
    const user = await loom(["data", "import", "customer", file("odd.csv"), "--as", "nobody"], env);
    expect(user.code).toBe(1);
    expect(user.stderr).toContain('error [unknown-user]: there is no user "nobody"');
    const type = await loom(["data", "import", "customer", file("odd.json"), "--as", "it"], env);
    expect(type.code).toBe(1);
    expect(type.stderr).toContain("error [unknown-file-type]");
  });
});
