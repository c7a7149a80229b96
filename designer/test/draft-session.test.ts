import { ApiError } from "@loom/app/api";
import { describe, expect, it } from "vitest";
import type { FileChanges, Files } from "../src/draft/design-context.ts";
import type { DraftView, draftApi } from "../src/draft/draft-api.ts";
import { DraftSession } from "../src/draft/draft-session.ts";

function view(version: number, files: Files): DraftView {
  return {
    package: { name: "acme-custom", layer: "customization", installed: true },
    version,
    basedOn: 1,
    currentRevision: 1,
    stale: false,
    updatedAt: null,
    updatedBy: null,
    files,
    changes: [],
    issues: [],
    packages: [],
  };
}

/** A server holding one draft: saves apply in order, each answer after `gate` opens. */
function fakeServer(initial: Files) {
  let stored = view(0, initial);
  const saves: Array<{ version: number; changes: FileChanges }> = [];
  let gate: Promise<void> = Promise.resolve();
  const client = {
    read: async () => stored,
    save: async (version: number, changes: FileChanges) => {
      saves.push({ version, changes });
      await gate;
      if (version !== stored.version)
        throw new ApiError(409, {
          code: "version-conflict",
          message: "saved meanwhile",
          currentVersion: stored.version,
        });
      const files: Record<string, string> = { ...stored.files };
      for (const [file, text] of Object.entries(changes))
        if (text === null) delete files[file];
        else files[file] = text;
      stored = view(version + 1, files);
      return stored;
    },
  } as unknown as typeof draftApi;
  return {
    client,
    saves,
    hold(): () => void {
      let open = () => {};
      gate = new Promise((resolve) => {
        open = resolve;
      });
      return open;
    },
    /** someone else's save */
    saveElsewhere: () => {
      stored = view(stored.version + 1, { ...stored.files, "other.json": "{}" });
    },
  };
}

const FILES = { "loom-package.json": "{}", "entities/a.json": '{"a":1}' };
const LONG = 60_000;

describe("the draft session", () => {
  it("saves only the files that differ from the stored draft, with the version they were made on", async () => {
    const server = fakeServer(FILES);
    const session = new DraftSession(view(0, FILES), server.client, LONG);
    session.edit({ "entities/a.json": '{"a":2}', "entities/b.json": "{}" });
    session.edit({ "entities/b.json": null });
    expect(session.state.status).toBe("unsaved");
    expect(await session.save()).toBe(true);
    expect(server.saves).toEqual([{ version: 0, changes: { "entities/a.json": '{"a":2}' } }]);
    expect(session.state).toMatchObject({ status: "saved", view: { version: 1 } });
    expect(await session.save()).toBe(true);
    expect(server.saves).toHaveLength(1);
  });

  it("keeps edits made while a save runs and saves them next, on the new version", async () => {
    const server = fakeServer(FILES);
    const session = new DraftSession(view(0, FILES), server.client, LONG);
    const open = server.hold();
    session.edit({ "entities/a.json": '{"a":2}' });
    const first = session.save();
    session.edit({ "entities/a.json": '{"a":3}' });
    open();
    await first;
    expect(session.state.status).toBe("unsaved");
    expect(session.state.files["entities/a.json"]).toBe('{"a":3}');
    expect(await session.save()).toBe(true);
    expect(server.saves.map((save) => save.version)).toEqual([0, 1]);
    expect(session.state.view.files["entities/a.json"]).toBe('{"a":3}');
    session.dispose();
  });

  it("stops at a version conflict, keeping the edits, until the draft is read again", async () => {
    const server = fakeServer(FILES);
    const session = new DraftSession(view(0, FILES), server.client, LONG);
    server.saveElsewhere();
    session.edit({ "entities/a.json": '{"a":2}' });
    expect(await session.save()).toBe(false);
    expect(session.state).toMatchObject({ status: "failed", conflict: 1 });
    session.edit({ "entities/a.json": '{"a":9}' });
    expect(session.state.files["entities/a.json"]).toBe('{"a":2}');
    expect(await session.save()).toBe(false);
    expect(server.saves).toHaveLength(1);

    await session.reload();
    expect(session.state).toMatchObject({ status: "saved", conflict: null, view: { version: 1 } });
    expect(session.state.files["other.json"]).toBe("{}");
  });

  it("saves by itself shortly after the last edit", async () => {
    const server = fakeServer(FILES);
    const session = new DraftSession(view(0, FILES), server.client, 10);
    session.edit({ "entities/a.json": '{"a":2}' });
    await expect.poll(() => session.state.status).toBe("saved");
    expect(server.saves).toHaveLength(1);
  });
});
