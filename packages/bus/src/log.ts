/**
 * The on-disk format of the embedded bus, and nothing else (no I/O policy lives here).
 *
 * A partition log is a sequence of segment files `p<partition>-<base offset, 20 digits>.log`;
 * an entry's offset is the segment's base plus its index in the segment, so offsets keep
 * increasing across rotations. Each entry is framed as
 *
 *     u32le payload length | u32le CRC-32 of the payload | payload (UTF-8 JSON)
 *
 * with the payload `{"key","value","headers"?,"publishedAt"}`. `scanSegment` accepts the
 * longest prefix of whole entries whose checksum and JSON are valid: a torn write at a crash
 * (short frame, garbage, bad checksum) ends the valid prefix and is reported, never thrown.
 */
import * as zlib from 'node:zlib';
import type { BusMessage } from './transport.js';

export const HEADER_BYTES = 8;
/** A frame claiming more than this is garbage, not an entry. */
export const MAX_ENTRY_BYTES = 256 * 1024 * 1024;

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

function crc32Js(data: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

/** CRC-32 (IEEE); zlib's native one where the Node version has it (20.15+). */
export const crc32: (data: Uint8Array) => number =
  typeof (zlib as { crc32?: unknown }).crc32 === 'function' ? (data) => zlib.crc32(data) >>> 0 : crc32Js;

/** 32-bit FNV-1a of the key's UTF-8 bytes: the same key lands in the same partition on every run. */
export function fnv1a(key: string): number {
  const bytes = Buffer.from(key, 'utf8');
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i]!, 0x01000193);
  return h >>> 0;
}

export function partitionOf(key: string, partitions: number): number {
  return fnv1a(key) % partitions;
}

export interface StoredEntry extends BusMessage {
  publishedAt: number;
}

export function encodeEntry(entry: StoredEntry): Buffer {
  const payload = Buffer.from(
    JSON.stringify(
      entry.headers === undefined
        ? { key: entry.key, value: entry.value, publishedAt: entry.publishedAt }
        : { key: entry.key, value: entry.value, headers: entry.headers, publishedAt: entry.publishedAt },
    ),
    'utf8',
  );
  const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  frame.writeUInt32LE(payload.length, 0);
  frame.writeUInt32LE(crc32(payload), 4);
  payload.copy(frame, HEADER_BYTES);
  return frame;
}

function decodePayload(payload: Buffer): StoredEntry | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const o = parsed as Record<string, unknown>;
  if (typeof o.key !== 'string' || typeof o.value !== 'string' || typeof o.publishedAt !== 'number') return undefined;
  const entry: StoredEntry = { key: o.key, value: o.value, publishedAt: o.publishedAt };
  if (o.headers !== undefined) {
    if (!isHeaders(o.headers)) return undefined;
    entry.headers = o.headers;
  }
  return entry;
}

export function isHeaders(h: unknown): h is Record<string, string> {
  if (typeof h !== 'object' || h === null || Array.isArray(h)) return false;
  return Object.values(h).every((v) => typeof v === 'string');
}

export interface ScanResult {
  /** Whole valid entries in the segment. */
  count: number;
  /** Bytes of the valid prefix; anything after it is a torn or corrupt tail. */
  validBytes: number;
  /** Decoded entries with index >= `decodeFrom`, in order, with their index in the segment and their frame's size. */
  entries: { index: number; entry: StoredEntry; bytes: number }[];
  /** When the segment's first entry was published (decoded whatever `decodeFrom` says); undefined when empty. */
  firstPublishedAt: number | undefined;
}

/**
 * Walks a segment's bytes; decodes (JSON) only entries at index >= decodeFrom, but checks every
 * frame's checksum so the count of the valid prefix is trustworthy.
 */
export function scanSegment(buf: Buffer, decodeFrom: number): ScanResult {
  const entries: ScanResult['entries'] = [];
  let pos = 0;
  let count = 0;
  let firstPublishedAt: number | undefined;
  while (pos + HEADER_BYTES <= buf.length) {
    const length = buf.readUInt32LE(pos);
    const end = pos + HEADER_BYTES + length;
    if (length > MAX_ENTRY_BYTES || end > buf.length) break;
    const payload = buf.subarray(pos + HEADER_BYTES, end);
    if (crc32(payload) !== buf.readUInt32LE(pos + 4)) break;
    if (count >= decodeFrom || count === 0) {
      const entry = decodePayload(payload);
      if (entry === undefined) break;
      if (count === 0) firstPublishedAt = entry.publishedAt;
      if (count >= decodeFrom) entries.push({ index: count, entry, bytes: end - pos });
    }
    count++;
    pos = end;
  }
  return { count, validBytes: pos, entries, firstPublishedAt };
}

const SEGMENT_RE = /^p(\d+)-(\d{20})\.log$/;

export function segmentName(partition: number, base: number): string {
  return `p${partition}-${String(base).padStart(20, '0')}.log`;
}

export function parseSegmentName(name: string): { partition: number; base: number } | undefined {
  const m = SEGMENT_RE.exec(name);
  if (m === null) return undefined;
  return { partition: Number(m[1]), base: Number(m[2]) };
}

export function offsetFileName(partition: number): string {
  return `p${partition}.offset`;
}
