/**
 * A large synthetic package, shaped like a real one: every field type, links between entities,
 * selects with options, computed fields and rules — so validation and compilation do real work.
 */
const TYPES = [
  "text",
  "integer",
  "decimal",
  "money",
  "date",
  "boolean",
  "select",
  "email",
  "datetime",
  "percent",
  "longtext",
  "phone",
  "url",
  "json",
  "multiselect",
] as const;

export function generatePackageFiles(
  entityCount: number,
  fieldsPerEntity: number,
): Record<string, string> {
  const files: Record<string, string> = {
    "loom-package.json": json({
      kind: "package",
      name: "bench",
      version: "1.0.0",
      layer: "base",
      labels: { en: "Benchmark", "zh-CN": "基准" },
    }),
  };
  for (let e = 0; e < entityCount; e++) {
    const fields: Record<string, unknown>[] = [];
    for (let f = 0; f < fieldsPerEntity; f++) fields.push(generateField(e, f, entityCount));
    files[`entities/e${e}.json`] = json({
      kind: "entity",
      name: `e${e}`,
      labels: { en: `Entity ${e}`, "zh-CN": `实体 ${e}` },
      titleField: "f0",
      fields,
      rules: [
        {
          name: "positive",
          assert: { ">=": [{ var: "f1" }, 0] },
          message: { en: "must not be negative", "zh-CN": "不能为负数" },
        },
      ],
      indexes: [{ fields: ["f0", "f1"] }],
    });
  }
  return files;
}

function generateField(
  entity: number,
  index: number,
  entityCount: number,
): Record<string, unknown> {
  const base = { name: `f${index}`, labels: { en: `Field ${index}`, "zh-CN": `字段 ${index}` } };
  if (index === 0) return { ...base, type: "text", required: true, maxLength: 140 };
  if (index === 1) return { ...base, type: "integer", default: 0 };
  if (index === 2 && entity > 0)
    return { ...base, type: "link", target: `e${Math.floor(entity / 2)}` };
  if (index === 3) return { ...base, type: "decimal", computed: { "*": [{ var: "f1" }, 2] } };
  const type = TYPES[index % TYPES.length]!;
  if (type === "select" || type === "multiselect") {
    return {
      ...base,
      type,
      options: ["a", "b", "c"].map((value) => ({ value, labels: { en: value.toUpperCase() } })),
    };
  }
  return {
    ...base,
    type,
    ...(entityCount > 0 && type === "text" && { visibleIf: { ">": [{ var: "f1" }, 1] } }),
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
