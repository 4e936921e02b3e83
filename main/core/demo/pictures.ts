// Small pictures for the demo shop, drawn in code so the repository holds no binary files: a PNG encoder (RGB,
// no filter) over node:zlib, and a plate of croissants a demo customer "photographed".
import { crc32, deflateSync } from 'node:zlib';

type Paint = (x: number, y: number) => [number, number, number];

export function png(width: number, height: number, paint: Paint): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) raw.set(paint(x, y), row + 1 + x * 3);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Golden crescents on a white plate on a wooden table. */
export function croissantsPhoto(): Buffer {
  const W = 480;
  const H = 360;
  const crescents = [
    [170, 170],
    [300, 150],
    [240, 240],
  ];
  return png(W, H, (x, y) => {
    const plate = ((x - 240) / 200) ** 2 + ((y - 190) / 150) ** 2 <= 1;
    for (const [cx, cy] of crescents) {
      const outer = ((x - cx) / 70) ** 2 + ((y - cy) / 40) ** 2 <= 1;
      const bite = ((x - cx) / 50) ** 2 + ((y - cy + 28) / 30) ** 2 <= 1;
      if (outer && !bite) {
        const stripe = Math.sin((x - cx) / 7) > 0.6 ? 25 : 0;
        return [214 - stripe, 150 - stripe, 64 - stripe / 2];
      }
    }
    if (plate) return [246, 244, 240];
    const grain = Math.sin(y / 6 + Math.sin(x / 40) * 2) * 12;
    return [150 + grain, 104 + grain, 66 + grain / 2];
  });
}
