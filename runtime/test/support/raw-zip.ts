import { crc32, deflateRawSync } from "node:zlib";

/**
 * One entry written exactly as given, lies included: libraries refuse to write the hostile
 * archives the reader must refuse (`../evil.json`, a symlink, a size that is not the truth).
 */
export interface RawEntry {
  name: string;
  /** the entry's data as stored (already deflated when `method` is 8) */
  data: Buffer;
  method?: 0 | 8;
  /** the uncompressed size written in the headers */
  size: number;
  crc: number;
  /** general purpose flags; UTF-8 names (bit 11) are always set */
  flags?: number;
  /** unix mode (file type and permissions), e.g. 0o120777 for a symlink */
  mode?: number;
}

/** A stored (uncompressed) entry with true size and CRC. */
export function stored(name: string, content: string | Buffer): RawEntry {
  const data = Buffer.from(content);
  return { name, data, method: 0, size: data.length, crc: crc32(data) };
}

/** A deflated entry with true size and CRC. */
export function deflated(name: string, content: string | Buffer): RawEntry {
  const raw = Buffer.from(content);
  return { name, data: deflateRawSync(raw), method: 8, size: raw.length, crc: crc32(raw) };
}

/** The bytes of a zip archive holding `entries` in order, each header saying what it was told. */
export function rawZip(entries: readonly RawEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const flags = (entry.flags ?? 0) | 0x800;
    const method = entry.method ?? 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(entry.crc >>> 0, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(entry.size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, entry.data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by unix: the mode bits below mean something
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(entry.crc >>> 0, 16);
    central.writeUInt32LE(entry.data.length, 20);
    central.writeUInt32LE(entry.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((entry.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
