import { evaluate, isTruthy, type Labels } from "@loom/engine";
import { type ErrorDetail, HttpError } from "../../server/http-error.ts";
import type { JsonRecord } from "../read-records.ts";
import type { Language } from "./accept-language.ts";
import { evaluationView, type Linked } from "./linked-records.ts";
import type { WritePlan } from "./write-plan.ts";

/**
 * Checks `requiredIf` (422 `required` at the field) and the entity's rules (422 `rule-failed`,
 * path `""` for the record, `/lines/3` for a line), lines' own rules included; messages in
 * `language`. Every problem is reported, `required` ones before rules.
 */
export function checkRules(
  plan: WritePlan,
  record: JsonRecord,
  linked: Linked,
  language: Language,
  now: Date,
): void {
  const required: ErrorDetail[] = [];
  const failed: ErrorDetail[] = [];
  collect(plan, record, "", { linked, language, now, required, failed });
  if (required.length > 0)
    throw new HttpError(422, "required", "required values are missing", required);
  if (failed.length > 0) throw new HttpError(422, "rule-failed", failed[0]!.message, failed);
}

interface Found {
  readonly linked: Linked;
  readonly language: Language;
  readonly now: Date;
  readonly required: ErrorDetail[];
  readonly failed: ErrorDetail[];
}

function collect(plan: WritePlan, record: JsonRecord, pointer: string, found: Found): void {
  // the evaluation view is a copy of the record: not made when there is nothing to evaluate
  if (plan.requiredIf.length > 0 || plan.rules.length > 0) check(plan, record, pointer, found);
  for (const { field, child } of plan.tables) {
    (record[field] as JsonRecord[]).forEach((line, i) => {
      collect(child, line, `${pointer}/${field}/${i}`, found);
    });
  }
}

function check(plan: WritePlan, record: JsonRecord, pointer: string, found: Found): void {
  const view = evaluationView(plan, record, found.linked);
  for (const { field, expr } of plan.requiredIf) {
    if (isEmpty(record[field]) && isTruthy(evaluate(expr, view, { now: found.now }))) {
      const labels = plan.entity.fields.find((f) => f.name === field)!.labels;
      found.required.push({
        path: `${pointer}/${field}`,
        message: REQUIRED[found.language](inLanguage(labels, found.language)),
      });
    }
  }
  for (const rule of plan.rules) {
    if (!isTruthy(evaluate(rule.assert, view, { now: found.now })))
      found.failed.push({ path: pointer, message: inLanguage(rule.message, found.language) });
  }
}

const REQUIRED: Readonly<Record<Language, (label: string) => string>> = {
  en: (label) => `${label} is required.`,
  "zh-CN": (label) => `${label}为必填项。`,
};

function inLanguage(labels: Labels, language: Language): string {
  return labels[language] ?? labels.en;
}

function isEmpty(value: unknown): boolean {
  return value === null || value === "" || (Array.isArray(value) && value.length === 0);
}
