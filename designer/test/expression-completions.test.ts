import { beforeAll, describe, expect, it } from "vitest";
import { completionsAt } from "../src/expressions/expression-completions.ts";
import { type ExpressionScope, expressionModel } from "../src/expressions/expression-model.ts";
import { contextOf, sampleDraft } from "./sample-draft.ts";

let scope: ExpressionScope;

beforeAll(async () => {
  const { custom, base } = await sampleDraft();
  scope = { model: expressionModel(contextOf(custom, base)), entity: "sales_order", variables: [] };
});

/** The completions where `|` stands in `text`, and the text they replace. */
function at(text: string, inScope: ExpressionScope = scope) {
  const offset = text.indexOf("|");
  const plain = text.replace("|", "");
  const found = completionsAt(plain, offset, inScope);
  return (
    found && {
      labels: found.items.map((item) => item.label),
      inserts: found.items.map((item) => item.insert),
      replaces: plain.slice(found.from, found.to),
    }
  );
}

describe("completions in a json-logic expression", () => {
  it("offers the entity's fields, the system columns and $user inside a var", () => {
    const found = at('{"==": [{"var": "st|"}, "rejected"]}')!;
    expect(found.labels).toContain("status");
    expect(found.labels).toContain("sales_channel"); // from the draft's extension
    expect(found.labels).toContain("created_by");
    expect(found.labels).toContain("$user.department");
    expect(found.labels).not.toContain("$requester.username");
    expect(found.replaces).toBe("st");
  });

  it("follows a link once a dot is typed", () => {
    const found = at('{"var": "customer.|"}')!;
    expect(found.labels).toContain("customer.credit_limit");
    expect(found.labels).toContain("customer.region"); // the draft's extension of customer
    expect(found.labels.every((label) => label.startsWith("customer."))).toBe(true);
    expect(at('{"var": "customer.region.|"}')!.labels).toContain("customer.region.name");
    // a field that is no link leads nowhere
    expect(at('{"var": "status.|"}')!.labels).toEqual([]);
  });

  it("offers the attributes of $user, and of the scope's variables", () => {
    expect(at('{"var": "$user.|"}')!.labels).toEqual([
      "$user.username",
      "$user.id",
      "$user.department",
      "$user.manager",
      "$user.roles",
    ]);
    const workflow = { ...scope, variables: ["$requester"] };
    expect(at('{"var": "|"}', workflow)!.labels).toContain("$requester.manager");
  });

  it("quotes what it inserts where no string is open", () => {
    const found = at('{"var": |}')!;
    expect(found.inserts).toContain('"status"');
    expect(found.replaces).toBe("");
  });

  it("offers the engine's operators where a key is typed", () => {
    const found = at('{"|": [1, 2]}')!;
    for (const op of ["==", "and", "in", "sum_lines", "date_add", "missing"])
      expect(found.labels).toContain(op);
    expect(found.labels).not.toContain("merge"); // json-logic has it, the engine does not
  });

  it("offers table fields, then that table's line fields, to sum_lines", () => {
    expect(at('{"sum_lines": ["|"]}')!.labels).toEqual(["lines"]);
    const lines = at('{"sum_lines": ["lines", "a|"]}')!.labels;
    expect(lines).toContain("amount");
    expect(lines).toContain("qty");
    expect(lines).not.toContain("status");
  });

  it("offers nothing where no name is expected", () => {
    expect(at('{"==": [{"var": "status"}, "rej|"]}')?.labels ?? []).toEqual([]);
    expect(at('{"==": [{"var": "status"}, 1|]}')).toBeUndefined();
  });
});
