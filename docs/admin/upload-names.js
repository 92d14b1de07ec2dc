// Photos from a phone often have Chinese names (微信图片_2024….jpg, 现场 1.jpg). Decap would drop the Chinese and
// keep what is left ("1.jpg", or nothing at all), and `check` accepts only letters, digits, "-", "_" and "." in a
// photo's path. So a chosen file whose name is not already like that is renamed before Decap sees it:
// photo-<date>-<time>-<n>.<ext>, unique, and what `check` accepts.
const SAFE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

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

export function renameUploads(root) {
  // Capturing, so this runs before the editor's own handler reads the files.
  root.addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "file" || !input.files.length) return;
    const files = [...input.files];
    const now = new Date();
    const names = files.map((file, i) => safeName(file.name, now, i + 1));
    if (names.every((name, i) => name === files[i].name)) return;
    const renamed = new DataTransfer();
    files.forEach((file, i) => renamed.items.add(new File([file], names[i], { type: file.type, lastModified: file.lastModified })));
    input.files = renamed.files;
  }, true);
}
