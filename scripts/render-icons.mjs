// `node scripts/render-icons.mjs`: renders public/logo.svg to the favicon (16 + 32 px PNGs in one ICO), the app icons and the Apple touch icon with Debian's Chromium.
import { chromium } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
const svg = readFileSync('public/logo.svg', 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
const pngs = {};
for (const [name, size] of [['favicon-32', 32], ['favicon-16', 16], ['apple-touch-icon', 180], ['icon-192', 192], ['icon-512', 512]]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</body></html>`);
  const buf = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  pngs[name] = buf;
  if (!name.startsWith('favicon')) writeFileSync(`public/${name}.png`, buf);
}
await browser.close();
// favicon.ico: an ICO directory whose images are PNGs (16 and 32 px), as every current browser reads.
const imgs = [[16, pngs['favicon-16']], [32, pngs['favicon-32']]];
const header = Buffer.alloc(6); header.writeUInt16LE(0, 0); header.writeUInt16LE(1, 2); header.writeUInt16LE(imgs.length, 4);
let offset = 6 + 16 * imgs.length; const dirs = [];
for (const [size, png] of imgs) {
  const d = Buffer.alloc(16); d.writeUInt8(size, 0); d.writeUInt8(size, 1); d.writeUInt8(0, 2); d.writeUInt8(0, 3);
  d.writeUInt16LE(1, 4); d.writeUInt16LE(32, 6); d.writeUInt32LE(png.length, 8); d.writeUInt32LE(offset, 12);
  dirs.push(d); offset += png.length;
}
writeFileSync('public/favicon.ico', Buffer.concat([header, ...dirs, ...imgs.map((i) => i[1])]));
