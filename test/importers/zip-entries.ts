// Build small zip archives in tests, stored (method 0) or deflated (method 8) entry by entry, as macOS
// Finder, `zip -0` and most tools write them (sizes in the local header, no data descriptor).
import { crc32, deflateRawSync } from "node:zlib";

/** One entry: its name, its bytes, and how to pack them (default deflate). Names ending in "/" are folders. */
export interface ZipSpec {
  readonly name: string;
  readonly data?: Buffer;
  readonly method?: 0 | 8;
  /** The uncompressed size the headers claim, when it must lie (a bomb test); default the real size. */
  readonly declaredSize?: number;
}

/** The archive's bytes. */
export function buildZip(entries: readonly ZipSpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, "utf8");
    const data = e.data ?? Buffer.alloc(0);
    const method = e.method ?? 8;
    const packed = method === 0 ? data : deflateRawSync(data);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(e.declaredSize ?? data.length, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(e.declaredSize ?? data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const cen = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cen.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cen, end]);
}

/** What macOS Finder's "Compress" adds beside a file: its AppleDouble resource fork under `__MACOSX/`. */
export function finderZip(name: string, data: Buffer, method: 0 | 8 = 8): Buffer {
  const appleDouble = Buffer.concat([Buffer.from([0x00, 0x05, 0x16, 0x07]), Buffer.alloc(78, 0x20)]);
  return buildZip([
    { name, data, method },
    { name: "__MACOSX/" },
    { name: `__MACOSX/._${name}`, data: appleDouble, method },
  ]);
}
