import Form from "@rjsf/core";
import type {
  ErrorSchema,
  FormValidation,
  RJSFSchema,
  RJSFValidationError,
  UiSchema,
} from "@rjsf/utils";
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

/** a node of rjsf's error handler as it is at run time */
interface ErrorNode {
  [key: string | number]: unknown;
  __errors?: string[];
}

export interface RecordFormProps {
  schema: RJSFSchema;
  uiSchema: UiSchema;
  context: RecordFormContext;
  data: JsonRecord;
  readonly: boolean;
  serverErrors: ErrorSchema | undefined;
  onChange(data: JsonRecord): void;
  onSubmit(data: JsonRecord): void;
  /**
   * the paths of empty fields the record needs as it is (its `requiredIf`), refused before a
   * request as the server would refuse them
   */
  missing(data: JsonRecord): readonly (readonly (string | number)[])[];
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
  const customValidate = (data: JsonRecord | undefined, errors: FormValidation<JsonRecord>) => {
    for (const path of props.missing(data ?? {})) {
      // rjsf's handlers exist only for the keys the data has: an unset field gets a plain node
      let at = errors as unknown as ErrorNode;
      for (const segment of path) {
        at[segment] ??= {};
        at = at[segment] as ErrorNode;
      }
      at.__errors = [...(at.__errors ?? []), context.t("required")];
    }
    return errors;
  };
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
      customValidate={customValidate}
      onChange={(event) => props.onChange(event.formData ?? {})}
      onSubmit={(event) => props.onSubmit(event.formData ?? {})}
      onError={props.onInvalid}
    >
      {props.children}
    </Form>
  );
}
