// What a teacher uploads is prepared before Decap sees it, as `check` and `generator shrink` want it:
//
// - Photos from a phone often have Chinese names (微信图片_2024….jpg, 现场 1.jpg). Decap would drop the Chinese and
//   keep what is left ("1.jpg", or nothing at all), and `check` accepts only letters, digits, "-", "_" and "." in a
//   photo's path: such a file is renamed photo-<date>-<time>-<n>.<ext>, unique, and what `check` accepts.
// - A photo larger than the originals kept in git (generator/photos.py: ORIGINAL_EDGE, ORIGINAL_BYTES) is
//   redrawn at that size, upright, in sRGB and without metadata (the browser does all three when it draws it),
//   in its own format. HEIC, which browsers cannot draw, goes up as it is (check then says to run make shrink).
const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const ORIGINAL_EDGE = 2560;
export const ORIGINAL_BYTES = 3000000;
const DRAWN = { "image/jpeg": 0.92, "image/png": undefined, "image/webp": 0.92 };

function stamp(now) {
  const two = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}${two(now.getMonth() + 1)}${two(now.getDate())}-` +
    `${two(now.getHours())}${two(now.getMinutes())}${two(now.getSeconds())}`;
}

export function safeName(name, now, n) {
  if (SAFE.test(name)) return name;
  const dot = name.lastIndexOf(".");
  const ext = dot > 0 ? name.slice(dot + 1).toLowerCase().replace(/[^a-z0-9]/g, "") : "";
  return `photo-${stamp(now)}-${n}` + (ext ? `.${ext}` : "");
}

async function smaller(file, name) {
  if (!(file.type in DRAWN)) return new File([file], name, { type: file.type, lastModified: file.lastModified });
  const bitmap = await createImageBitmap(file, { imageOrientation: "from-image" });
  const scale = Math.min(1, ORIGINAL_EDGE / Math.max(bitmap.width, bitmap.height));
  if (scale === 1 && file.size <= ORIGINAL_BYTES) {
    bitmap.close();
    return new File([file], name, { type: file.type, lastModified: file.lastModified });
  }
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  const context = canvas.getContext("2d");
  context.imageSmoothingQuality = "high";
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise((done) => canvas.toBlob(done, file.type, DRAWN[file.type]));
  return new File([blob], name, { type: file.type, lastModified: file.lastModified });
}

export function prepareUploads(root) {
  // Capturing, so this runs before the editor's own handler: the event is held back while the files are
  // prepared, then sent again with them.
  root.addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.files.length) return;
    if (input.dataset.prepared) {
      delete input.dataset.prepared;
      return;
    }
    event.stopImmediatePropagation();
    const now = new Date();
    const files = [...input.files];
    Promise.all(files.map((file, i) => smaller(file, safeName(file.name, now, i + 1)))).then((prepared) => {
      const list = new DataTransfer();
      prepared.forEach((file) => list.items.add(file));
      input.files = list.files;
      input.dataset.prepared = "1";
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }, true);
}
