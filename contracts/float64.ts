/**
 * Little-endian float64 arrays with NaN for null: the one binary form of a numeric series, shared by the Kafka
 * message (`vigil.analysis.v2`, base64 of these bytes) and the database (component series columns). The contract
 * only carries finite numbers or null, so NaN marks null unambiguously and every value round-trips bit for bit.
 */
export function encodeFloat64(values: readonly (number | null)[]): Buffer {
  const buf = Buffer.allocUnsafe(values.length * 8);
  for (let i = 0; i < values.length; i++) buf.writeDoubleLE(values[i] ?? Number.NaN, i * 8);
  return buf;
}

export function decodeFloat64(buf: Buffer): (number | null)[] {
  if (buf.length % 8 !== 0)
    throw new RangeError(`a float64 array needs a multiple of 8 bytes, got ${buf.length}`);
  const out: (number | null)[] = new Array(buf.length / 8);
  for (let i = 0; i < out.length; i++) {
    const v = buf.readDoubleLE(i * 8);
    out[i] = Number.isNaN(v) ? null : v;
  }
  return out;
}
