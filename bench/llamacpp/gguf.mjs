// Minimal GGUF v3 writer: header, metadata, tensor infos, then zero-filled tensor data.
// Format: https://github.com/ggml-org/ggml/blob/master/docs/gguf.md
// Tensor data is all zeros, which is valid for every ggml type (scales of 0 decode to 0).
// The data region is created with ftruncate, so the file is sparse and costs no disk blocks.
import fs from "node:fs";

export const GGML = {
  F32: { id: 0, blck: 1, bytes: 4 },
  F16: { id: 1, blck: 1, bytes: 2 },
  Q4_0: { id: 2, blck: 32, bytes: 18 },
  Q4_1: { id: 3, blck: 32, bytes: 20 },
  Q5_0: { id: 6, blck: 32, bytes: 22 },
  Q5_1: { id: 7, blck: 32, bytes: 24 },
  Q8_0: { id: 8, blck: 32, bytes: 34 },
  Q2_K: { id: 10, blck: 256, bytes: 84 },
  Q3_K: { id: 11, blck: 256, bytes: 110 },
  Q4_K: { id: 12, blck: 256, bytes: 144 },
  Q5_K: { id: 13, blck: 256, bytes: 176 },
  Q6_K: { id: 14, blck: 256, bytes: 210 },
  BF16: { id: 30, blck: 1, bytes: 2 },
};

// gguf_metadata_value_type
const T = { U8: 0, I8: 1, U16: 2, I16: 3, U32: 4, I32: 5, F32: 6, BOOL: 7, STR: 8, ARR: 9, U64: 10, I64: 11, F64: 12 };

class Buf {
  constructor() { this.chunks = []; this.len = 0; }
  push(b) { this.chunks.push(b); this.len += b.length; }
  u32(v) { const b = Buffer.alloc(4); b.writeUInt32LE(v); this.push(b); }
  i32(v) { const b = Buffer.alloc(4); b.writeInt32LE(v); this.push(b); }
  u64(v) { const b = Buffer.alloc(8); b.writeBigUInt64LE(BigInt(v)); this.push(b); }
  f32(v) { const b = Buffer.alloc(4); b.writeFloatLE(v); this.push(b); }
  bool(v) { this.push(Buffer.from([v ? 1 : 0])); }
  str(s) { const b = Buffer.from(s, "utf8"); this.u64(b.length); this.push(b); }
  concat() { return Buffer.concat(this.chunks, this.len); }
}

// value helpers: {t:'u32', v} etc.
export const u32 = (v) => ({ t: T.U32, v });
export const i32 = (v) => ({ t: T.I32, v });
export const f32 = (v) => ({ t: T.F32, v });
export const bool = (v) => ({ t: T.BOOL, v });
export const str = (v) => ({ t: T.STR, v });
export const arr = (et, v) => ({ t: T.ARR, et, v });
export const ARR_T = T;

function writeScalar(b, t, v) {
  switch (t) {
    case T.U32: return b.u32(v);
    case T.I32: return b.i32(v);
    case T.F32: return b.f32(v);
    case T.BOOL: return b.bool(v);
    case T.STR: return b.str(v);
    case T.U64: return b.u64(v);
    default: throw new Error("unsupported metadata type " + t);
  }
}

export function tensorBytes(type, shape) {
  const t = GGML[type];
  if (shape[0] % t.blck !== 0) throw new Error(`ne0 ${shape[0]} not a multiple of ${type} block ${t.blck}`);
  const n = shape.reduce((a, x) => a * x, 1);
  return (n / t.blck) * t.bytes;
}

/**
 * @param {string} path
 * @param {Array<[string, object]>} kv metadata in order
 * @param {Array<{name:string, shape:number[], type:string}>} tensors shape as ggml ne (ne0 = row length first)
 */
export function writeGguf(path, kv, tensors, alignment = 32) {
  const h = new Buf();
  h.u32(0x46554747); // "GGUF"
  h.u32(3);
  h.u64(tensors.length);
  h.u64(kv.length);
  for (const [key, val] of kv) {
    h.str(key);
    h.u32(val.t);
    if (val.t === T.ARR) {
      h.u32(val.et);
      h.u64(val.v.length);
      for (const x of val.v) writeScalar(h, val.et, x);
    } else writeScalar(h, val.t, val.v);
  }
  let off = 0;
  let dataBytes = 0;
  for (const t of tensors) {
    h.str(t.name);
    h.u32(t.shape.length);
    for (const d of t.shape) h.u64(d);
    h.u32(GGML[t.type].id);
    h.u64(off);
    const sz = tensorBytes(t.type, t.shape);
    dataBytes += sz;
    off += Math.ceil(sz / alignment) * alignment;
  }
  const head = h.concat();
  const dataStart = Math.ceil(head.length / alignment) * alignment;
  const fd = fs.openSync(path, "w");
  fs.writeSync(fd, head);
  fs.ftruncateSync(fd, dataStart + off);
  fs.closeSync(fd);
  return { fileBytes: dataStart + off, tensorDataBytes: dataBytes, headerBytes: dataStart };
}
