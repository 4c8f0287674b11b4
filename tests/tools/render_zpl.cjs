// Renders ZPL to PNG offline with zpl-renderer-js (zebrash compiled to WebAssembly).
// usage: node render_zpl.cjs IN.zpl OUT.png WIDTH_MM HEIGHT_MM DOTS_PER_MM
const path = require("node:path");
const fs = require("node:fs");
const { ready } = require(path.join(process.env.ZPL_RENDERER_DIR, "zpl-renderer-js"));
(async () => {
  const { api } = await ready;
  const [input, output, width, height, dpmm] = process.argv.slice(2);
  const png = await api.zplToBase64Async(fs.readFileSync(input, "utf8"), Number(width),
                                         Number(height), Number(dpmm));
  fs.writeFileSync(output, Buffer.from(png, "base64"));
  process.exit(0);
})().catch((error) => { console.error(String(error)); process.exit(1); });
