import { describe, expect, it } from "vitest";
import {
  compileFilter,
  evaluate,
  type LoadedPackage,
  parameterValueProblem,
} from "../src/index.ts";
import { compile, entity, field, loaded, packageFiles } from "./support/packages.ts";
import { validWorkflow, WORKFLOW_ENTITIES, WORKFLOW_ROLES } from "./support/workflows.ts";

const FILE = "workflows/order_approval.json";
const labels = { en: "Limit", "zh-CN": "限额" };

/** The workflow fixture's package with `parameters` in its manifest and the workflow edited. */
function withParameters(
  parameters: Record<string, unknown>,
  edit: (def: ReturnType<typeof validWorkflow>) => void = () => {},
): Record<string, string> {
  const def = validWorkflow();
  edit(def);
  return packageFiles(
    { name: "base-pkg", parameters },
    { ...WORKFLOW_ENTITIES, ...WORKFLOW_ROLES, [FILE]: def },
  );
}

const bigEdge = (def: ReturnType<typeof validWorkflow>) =>
  def.edges.find((edge) => edge.id === "big")!;

describe("package parameters", () => {
  it("compiles declared parameters into the model and lets workflow guards read them", () => {
    const { model, issues } = compile(
      withParameters(
        {
          approval_limit: { type: "decimal", default: 50000, labels },
          erp_token: { type: "text", secret: true, labels },
          erp_url: { type: "url", labels },
        },
        (def) => {
          bigEdge(def).when = { ">": [{ var: "amount" }, { var: "$param.approval_limit" }] };
          const notify = def.nodes.find((node) => node.id === "notify")!;
          (notify.effects as unknown[])[3] = {
            webhook: {
              url: { param: "erp_url" },
              headers: { Authorization: { param: "erp_token" } },
            },
          };
        },
      ),
    );
    expect(issues).toEqual([]);
    expect(model?.parameters).toEqual({
      approval_limit: {
        package: "base-pkg",
        type: "decimal",
        labels,
        default: 50000,
        secret: false,
      },
      erp_token: { package: "base-pkg", type: "text", labels, secret: true },
      erp_url: { package: "base-pkg", type: "url", labels, secret: false },
    });
  });

  it("leaves models without parameters as they were (no key, same checksum as before)", () => {
    const { model } = compile(withParameters({}));
    expect(model).toBeDefined();
    expect(Object.hasOwn(model!, "parameters")).toBe(false);
  });

  it("refuses a $param no package declares, naming the declared ones", () => {
    const { issues } = compile(
      withParameters({ approval_limit: { type: "decimal", labels } }, (def) => {
        bigEdge(def).when = { ">": [{ var: "amount" }, { var: "$param.aproval_limit" }] };
      }),
    );
    expect(issues).toEqual([
      expect.objectContaining({
        code: "unknown-parameter",
        file: FILE,
        message: expect.stringContaining("declared: approval_limit"),
      }),
    ]);
  });

  it("refuses a webhook parameter that is unknown or not text", () => {
    const { issues } = compile(
      withParameters({ approval_limit: { type: "decimal", default: 1, labels } }, (def) => {
        const notify = def.nodes.find((node) => node.id === "notify")!;
        (notify.effects as unknown[])[3] = {
          webhook: { url: { param: "approval_limit" }, headers: { "X-Key": { param: "nope" } } },
        };
      }),
    );
    expect(issues.map((issue) => [issue.code, issue.path])).toEqual([
      ["parameter-type", "/nodes/5/effects/3/webhook/url/param"],
      ["unknown-parameter", "/nodes/5/effects/3/webhook/headers/X-Key/param"],
    ]);
  });

  it("refuses a secret with a default, a default of the wrong type, and a name two packages declare", () => {
    const base = withParameters({
      erp_token: { type: "text", secret: true, default: "s3cret", labels },
      approval_limit: { type: "integer", default: "many", labels },
      shared: { type: "text", labels },
    });
    const custom = packageFiles(
      {
        name: "custom",
        layer: "customization",
        dependsOn: { "base-pkg": "^1.0.0" },
        parameters: { shared: { type: "text", labels } },
      },
      { "entities/extra.json": entity("extra", [field("name", "text")]) },
    );
    const { issues } = compile(base, custom);
    expect(issues.map((issue) => [issue.code, issue.package, issue.path])).toEqual([
      ["parameter-default", "base-pkg", "/parameters/approval_limit/default"],
      ["secret-default", "base-pkg", "/parameters/erp_token/default"],
      ["duplicate-parameter", "custom", "/parameters/shared"],
    ]);
  });

  it("evaluates $param from the context, and binds it as a value in SQL", () => {
    const expr = { ">": [{ var: "amount" }, { var: "$param.approval_limit" }] };
    expect(evaluate(expr, { amount: 120 }, { params: { approval_limit: 100 } })).toBe(true);
    expect(evaluate(expr, { amount: 80 }, { params: { approval_limit: 100 } })).toBe(false);
    const [pkg] = loaded(
      withParameters({ approval_limit: { type: "decimal", default: 1, labels } }),
    ) as [LoadedPackage];
    const { model } = compile(pkg.files);
    const where = compileFilter(expr, {
      model: model!,
      entity: "sales_order",
      alias: "t",
      schema: "app",
      params: { approval_limit: 100 },
    });
    expect(where.sql).not.toContain("100");
    expect(where.params).toContain(100);
  });

  it("checks values supplied per environment against the parameter's type", () => {
    expect(parameterValueProblem("url", "ftp://x")).toMatch(/http/);
    expect(parameterValueProblem("url", "https://erp.example.com/hook")).toBeUndefined();
    expect(parameterValueProblem("integer", 1.5)).toMatch(/whole/);
    expect(parameterValueProblem("boolean", "yes")).toMatch(/true or false/);
    expect(parameterValueProblem("email", "it@acme.cn")).toBeUndefined();
  });
});
