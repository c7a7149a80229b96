import type { FieldTemplateProps } from "@rjsf/utils";

/**
 * One field: label, input, help and errors (their ids are the ones rjsf's inputs name in
 * aria-describedby). Inside a table line only the input and its errors: the column header
 * is the label.
 */
export function FieldTemplate(props: FieldTemplateProps) {
  const { id, label, required, children, rawErrors, hidden, fieldPathId, schema, uiSchema } = props;
  // rjsf leaves the label to a custom field (`ui:field`); ours (link, json) have none of their own
  // and a checkbox carries its own label
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const displayLabel =
    (props.displayLabel || uiSchema?.["ui:field"] !== undefined) && !types.includes("boolean");
  if (hidden) return <div hidden>{children}</div>;
  // an unset `requiredIf` field is refused by ajv (`required`) and by the app's check alike
  const messages = [...new Set(rawErrors ?? [])];
  const errors = messages.length ? (
    <ul className="field-errors" id={`${id}__error`}>
      {messages.map((error) => (
        <li key={error}>{error}</li>
      ))}
    </ul>
  ) : null;
  const inLine = fieldPathId.path.some((segment) => typeof segment === "number");
  const isContainer = schema.type === "object" || schema.type === "array";
  if (inLine || isContainer)
    return (
      <div className={inLine && !isContainer ? "cell" : "container"}>
        {children}
        {errors}
      </div>
    );
  const description = typeof schema.description === "string" ? schema.description : undefined;
  return (
    <div className={rawErrors?.length ? "field has-error" : "field"}>
      {displayLabel && (
        <label htmlFor={id}>
          {label}
          {required && (
            <span className="required" aria-hidden="true">
              {" "}
              *
            </span>
          )}
        </label>
      )}
      {children}
      {description && (
        <p className="help" id={`${id}__description`}>
          {description}
        </p>
      )}
      {errors}
    </div>
  );
}
