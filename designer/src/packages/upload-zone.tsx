import { type DragEvent, useId, useState } from "react";
import { usePackageWords } from "../i18n/package-words.ts";

/**
 * Where a package archive is given: a file input (keyboard, screen readers) and, around it, a
 * zone a `.zip` can be dropped on. The first file given goes to `onFile`.
 */
export function UploadZone({ busy, onFile }: { busy: boolean; onFile(file: File): void }) {
  const { w } = usePackageWords();
  const id = useId();
  const [over, setOver] = useState(false);
  const take = (files: FileList | null) => {
    const file = files?.[0];
    if (file && !busy) onFile(file);
  };
  const dragging = (event: DragEvent) => {
    // without this the browser opens the dropped file instead of giving it to the page
    event.preventDefault();
    setOver(event.type !== "dragleave");
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: the file input inside is the keyboard's way; dropping is the mouse's shortcut
    <div
      className={`drop-zone${over ? " over" : ""}`}
      data-testid="drop-zone"
      onDragEnter={dragging}
      onDragOver={dragging}
      onDragLeave={dragging}
      onDrop={(event) => {
        dragging(event);
        setOver(false);
        take(event.dataTransfer.files);
      }}
    >
      <label htmlFor={id}>{w("archiveLabel")}</label>
      <input
        id={id}
        type="file"
        accept=".zip,application/zip"
        disabled={busy}
        onChange={(event) => {
          take(event.target.files);
          // the same file may be given again after a fix elsewhere
          event.target.value = "";
        }}
      />
      <p className="hint">{w("dropHint")}</p>
    </div>
  );
}

/** The file's bytes in base64, as the upload's JSON carries them. */
export function readBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(",") + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error("the file could not be read"));
    reader.readAsDataURL(file);
  });
}
