import Form from "@rjsf/core";
import type { ErrorSchema, RJSFSchema, RJSFValidationError, UiSchema } from "@rjsf/utils";
import validator from "@rjsf/validator-ajv8";
import type { ReactNode } from "react";
import type { JsonRecord } from "../api/types.ts";
import type { UiString } from "../i18n/dictionary.ts";
import { FieldTemplate } from "./field-template.tsx";
import type { RecordFormContext } from "./form-context.ts";
import { JsonField } from "./json-field.tsx";
import { LinkField } from "./link-field.tsx";
import { MoneyWidget } from "./money-widget.tsx";
import { ObjectTemplate } from "./object-template.tsx";
import { LineTemplate, TableTemplate } from "./table-templates.tsx";

const FIELDS = { link: LinkField, json: JsonField };
const WIDGETS = { money: MoneyWidget };
const TEMPLATES = {
  FieldTemplate,
  ObjectFieldTemplate: ObjectTemplate,
  ArrayFieldTemplate: TableTemplate,
  ArrayFieldItemTemplate: LineTemplate,
};
/** ajv's messages for the checks users meet most, in the user's language */
const MESSAGES: Readonly<Record<string, UiString>> = { required: "required", minItems: "minLines" };

export interface RecordFormProps {
  schema: RJSFSchema;
  uiSchema: UiSchema;
  context: RecordFormContext;
  data: JsonRecord;
  readonly: boolean;
  serverErrors: ErrorSchema | undefined;
  onChange(data: JsonRecord): void;
  onSubmit(data: JsonRecord): void;
  onInvalid(): void;
  children: ReactNode;
}

/** The record's rjsf form: the app's templates, link and JSON fields, the money widget. */
export function RecordForm(props: RecordFormProps) {
  const { context } = props;
  const transformErrors = (errors: RJSFValidationError[]) =>
    errors.map((error) => {
      const key = error.name ? MESSAGES[error.name] : undefined;
      if (key) return { ...error, message: context.t(key) };
      // ajv speaks English only: elsewhere a plain sentence beats a foreign one
      return context.language === "en" ? error : { ...error, message: context.t("invalidValue") };
    });
  return (
    <Form<JsonRecord>
      schema={props.schema}
      uiSchema={props.uiSchema}
      formData={props.data}
      formContext={context}
      validator={validator}
      fields={FIELDS}
      widgets={WIDGETS}
      templates={TEMPLATES}
      readonly={props.readonly}
      extraErrors={props.serverErrors}
      showErrorList={false}
      noHtml5Validate
      focusOnFirstError
      transformErrors={transformErrors}
      onChange={(event) => props.onChange(event.formData ?? {})}
      onSubmit={(event) => props.onSubmit(event.formData ?? {})}
      onError={props.onInvalid}
    >
      {props.children}
    </Form>
  );
}
