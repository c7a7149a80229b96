import { ApiError } from "@loom/app/api";
import { applyChanges, type FileChanges, type Files } from "./design-context.ts";
import { type DraftView, draftApi } from "./draft-api.ts";

/** Where the local edits stand against the draft stored on the server. */
export type SaveStatus = "saved" | "unsaved" | "saving" | "failed";

export interface DraftSessionState {
  /** the server's last answer: the stored draft */
  readonly view: DraftView;
  /** the draft's files here, with the edits not saved yet */
  readonly files: Files;
  readonly status: SaveStatus;
  /** why the last save failed (not a conflict) */
  readonly error: Error | null;
  /** someone else saved the draft meanwhile: the version it is at now */
  readonly conflict: number | null;
}

/** How long after the last edit the draft is saved. */
export const AUTOSAVE_MS = 1000;

/**
 * The draft being edited. Edits apply here at once (the engine checks them in the browser) and
 * are saved about a second after the last one: the draft is private work in progress, so saving
 * often costs nothing, while a consultant who forgot to save would lose work on closing the tab.
 * Each save sends only the files that differ from the stored draft, with the version they were
 * made on; a 409 version-conflict stops saving until the draft is reloaded.
 */
export class DraftSession {
  #state: DraftSessionState;
  readonly #listeners = new Set<() => void>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #saving: Promise<void> | null = null;
  /** edits made since the last save was sent: they still need one */
  #editsSinceSend = 0;

  constructor(
    view: DraftView,
    private readonly client: typeof draftApi = draftApi,
    private readonly delayMs = AUTOSAVE_MS,
  ) {
    this.#state = fresh(view);
  }

  get state(): DraftSessionState {
    return this.#state;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** Applies `changes` to the local files and saves them soon. */
  edit(changes: FileChanges): void {
    if (Object.keys(changes).length === 0 || this.#state.conflict !== null) return;
    this.#editsSinceSend++;
    this.#set({ files: applyChanges(this.#state.files, changes), status: "unsaved", error: null });
    this.#schedule();
  }

  /** Saves what is not saved yet (after a save already running); true when nothing is left. */
  async save(): Promise<boolean> {
    clearTimeout(this.#timer);
    while (this.#saving) await this.#saving;
    if (this.#state.conflict !== null) return false;
    const changes = this.pending();
    if (Object.keys(changes).length === 0) {
      this.#set({ status: "saved", error: null });
      return true;
    }
    this.#editsSinceSend = 0;
    this.#set({ status: "saving" });
    this.#saving = this.#send(changes).finally(() => {
      this.#saving = null;
    });
    await this.#saving;
    return this.#state.status === "saved";
  }

  /** The files that differ from the stored draft: their local text, null when removed here. */
  pending(): FileChanges {
    const { files, view } = this.#state;
    const changes: FileChanges = {};
    for (const file of new Set([...Object.keys(files), ...Object.keys(view.files)]))
      if (files[file] !== view.files[file]) changes[file] = files[file] ?? null;
    return changes;
  }

  /** Reads the stored draft again, dropping the edits not saved. */
  async reload(): Promise<void> {
    this.#replace(await this.client.read());
  }

  /** Deletes the draft: it is the installed package again. */
  async discard(): Promise<void> {
    this.#replace(await this.client.discard());
  }

  dispose(): void {
    clearTimeout(this.#timer);
  }

  async #send(changes: FileChanges): Promise<void> {
    try {
      const view = await this.client.save(this.#state.view.version, changes);
      this.#set({ view });
      const left = Object.keys(this.pending()).length > 0;
      this.#set({ status: left ? "unsaved" : "saved" });
      if (left && this.#editsSinceSend > 0) this.#schedule();
    } catch (error) {
      if (error instanceof ApiError && error.code === "version-conflict") {
        const current = error.extra.currentVersion;
        this.#set({ status: "failed", conflict: typeof current === "number" ? current : -1 });
      } else this.#set({ status: "failed", error: error as Error });
    }
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.save(), this.delayMs);
  }

  #replace(view: DraftView): void {
    clearTimeout(this.#timer);
    this.#editsSinceSend = 0;
    this.#state = fresh(view);
    this.#notify();
  }

  #set(patch: Partial<DraftSessionState>): void {
    this.#state = { ...this.#state, ...patch };
    this.#notify();
  }

  #notify(): void {
    for (const listener of this.#listeners) listener();
  }
}

function fresh(view: DraftView): DraftSessionState {
  return { view, files: view.files, status: "saved", error: null, conflict: null };
}
