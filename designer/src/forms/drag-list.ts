import { type DragEvent, useState } from "react";

/**
 * Drag and drop of named items between lists (HTML5 drag and drop: no library, and the browser
 * tests drive it like a user). An item carries `data-drag-item="<name>"`; a list finds where a
 * drop goes from the item under the pointer: before it in its upper half, else before the next.
 * Each kind of item has its own data type, so a field never lands among a grid's columns.
 */
export type DragKind = "field" | "column";

const TYPE: Readonly<Record<DragKind, string>> = {
  field: "application/x-loom-form-field",
  column: "application/x-loom-grid-column",
};

/** Where a dragged item would go in a list: before `before` (null: at the end). */
export interface DropSpot {
  readonly before: string | null;
}

/** The props that make an element a draggable item named `name`. */
export function dragItem(kind: DragKind, name: string) {
  return {
    draggable: true,
    "data-drag-item": name,
    onDragStart: (event: DragEvent) => {
      event.stopPropagation();
      event.dataTransfer.setData(TYPE[kind], name);
      event.dataTransfer.effectAllowed = "move";
    },
  };
}

/**
 * A list taking drops of `kind`: the spot shown while an item is over it, and the props of the
 * list element. `onDrop` gets the item's name and where it goes.
 */
export function useDropList(kind: DragKind, onDrop: (name: string, spot: DropSpot) => void) {
  const [spot, setSpot] = useState<DropSpot | null>(null);
  const accepts = (event: DragEvent) => event.dataTransfer.types.includes(TYPE[kind]);
  const props = {
    onDragOver: (event: DragEvent<HTMLElement>) => {
      if (!accepts(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      const next = spotAt(event);
      if (next.before !== spot?.before || spot === null) setSpot(next);
    },
    onDragLeave: (event: DragEvent<HTMLElement>) => {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setSpot(null);
    },
    onDrop: (event: DragEvent<HTMLElement>) => {
      if (!accepts(event)) return;
      event.preventDefault();
      event.stopPropagation();
      const at = spotAt(event);
      setSpot(null);
      const name = event.dataTransfer.getData(TYPE[kind]);
      if (name !== "") onDrop(name, at);
    },
  };
  return { spot, props };
}

function spotAt(event: DragEvent<HTMLElement>): DropSpot {
  const list = event.currentTarget;
  const item = (event.target as Element).closest<HTMLElement>("[data-drag-item]");
  if (!item || !list.contains(item) || item.parentElement !== list) return { before: null };
  const box = item.getBoundingClientRect();
  if (event.clientY < box.top + box.height / 2) return { before: item.dataset.dragItem ?? null };
  const next = item.nextElementSibling as HTMLElement | null;
  return { before: next?.dataset.dragItem ?? null };
}
