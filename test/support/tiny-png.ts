import { concatBytes } from '../../shared/render/bytes';
import { zlibSync } from 'fflate';
import { crc32 } from '../../shared/render/crc32';
import { PNG_SIGNATURE } from '../../shared/render/png-text';

/** The smallest PNG there is: 1×1, one grey pixel. */
export function tinyPng(): Uint8Array {
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
    return out;
  };
  const ihdr = new Uint8Array([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  const parts = [
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibSync(new Uint8Array([0, 128]))),
    chunk('IEND', new Uint8Array()),
  ];
  return concatBytes(parts);
}
