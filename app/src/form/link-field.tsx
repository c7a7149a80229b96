import type { FieldProps } from "@rjsf/utils";
import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import type { JsonRecord } from "../api/types.ts";
import type { RecordFormContext } from "./form-context.ts";

const SEARCH_DELAY_MS = 200;

/**
 * A link field as a searchable picker (ARIA combobox with a listbox): it shows the linked
 * record's title, and typing lists the target's records whose title contains the text. Holds the
 * id. Keyboard: the arrows move through the list, Enter takes the option, Escape closes the list
 * and restores the title. Typed text makes the first match the active option; merely entering the
 * field does not, so Enter there never replaces the value by accident.
 */
export function LinkField(props: FieldProps) {
  const { formData, onChange, fieldPathId, uiSchema, registry, readonly, disabled } = props;
  const context = registry.formContext as RecordFormContext;
  const target = String((uiSchema?.["ui:options"] as { target?: string } | undefined)?.target);
  const id = typeof formData === "string" && formData !== "" ? formData : undefined;
  const [title, setTitle] = useState<string>(() =>
    id ? (context.links.known(target, id) ?? "") : "",
  );
  const [text, setText] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [results, setResults] = useState<JsonRecord[] | null>(null);
  // the option Enter takes; -1: none
  const [active, setActive] = useState(-1);
  const listId = useId();
  const searchable = context.links.titleField(target) !== undefined;
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!id) return setTitle("");
    const known = context.links.known(target, id);
    if (known !== undefined) return setTitle(known);
    let live = true;
    void context.links.lookUp(target, id).then((found) => live && setTitle(found));
    return () => {
      live = false;
    };
  }, [id, target, context.links]);

  useEffect(() => {
    if (!open || !searchable) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      context.links.search(target, text ?? "", controller.signal).then(
        (found) => {
          setResults(found);
          setActive(text ? 0 : -1);
        },
        () => undefined,
      );
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [open, text, target, searchable, context.links]);

  useEffect(() => {
    if (open && active >= 0)
      document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: "nearest" });
  }, [open, active, listId]);

  const titleField = context.links.titleField(target) ?? "id";
  const choose = (record: JsonRecord) => {
    context.links.remember(target, record);
    setTitle(String(record[titleField] ?? record.id));
    setText(null);
    setOpen(false);
    onChange(record.id as string, fieldPathId.path);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = results?.length ?? 0;
    if (event.key === "ArrowDown") {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (count === 0 ? -1 : (i + 1) % count));
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (count === 0 ? -1 : i <= 0 ? count - 1 : i - 1));
    } else if (event.key === "Enter" && open && results?.[active]) {
      event.preventDefault();
      choose(results[active]);
    } else if (event.key === "Escape" && open) {
      event.preventDefault();
      setOpen(false);
      setText(null);
    }
  };

  if (readonly || disabled || !searchable)
    return (
      <input
        id={fieldPathId.$id}
        className="input"
        value={title || (id ?? "")}
        readOnly
        disabled={disabled}
      />
    );
  return (
    <div className="combobox">
      <input
        ref={inputRef}
        id={fieldPathId.$id}
        className="input"
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={open && results?.[active] ? `${listId}-${active}` : undefined}
        autoComplete="off"
        placeholder={context.t("pickLink")}
        value={text ?? title}
        onFocus={() => setOpen(true)}
        onChange={(event) => {
          setText(event.target.value);
          setOpen(true);
        }}
        onBlur={() => {
          if (text === "") onChange(undefined, fieldPathId.path);
          setText(null);
          setOpen(false);
        }}
        onKeyDown={onKeyDown}
      />
      {open && results && (
        <div className="options" role="listbox" id={listId} aria-label={props.schema.title}>
          {results.length === 0 && (
            <div
              className="option empty"
              role="option"
              tabIndex={-1}
              aria-disabled="true"
              aria-selected="false"
            >
              {context.t("noLinkMatches")}
            </div>
          )}
          {results.map((record, i) => (
            <div
              key={record.id as string}
              id={`${listId}-${i}`}
              role="option"
              tabIndex={-1}
              aria-selected={i === active}
              className={i === active ? "option active" : "option"}
              // mousedown, not click: it must come before the input's blur closes the list
              onMouseDown={(event) => {
                event.preventDefault();
                choose(record);
              }}
            >
              {String(record[titleField] ?? record.id)}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
