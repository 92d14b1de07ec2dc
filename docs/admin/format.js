// The records' YAML as the project writes it, for the web editor (Decap CMS's registerCustomFormat) and, in the
// tests, for node: generator/fmt.py writes the same text, so a record saved in the editor without changes stays
// byte-identical. `YAML` is the `yaml` package (vendored beside this file for the browser).
//
// The form of a record: keys in the form's order (Decap passes it), lists of plain values on one line
// ([甲, 乙]), text that spans lines as a literal block, nothing folded, single quotes where quotes are needed,
// and nothing that means "not filled in" (empty text, empty lists, false, null) written at all.

const YAML_11_BOOLEANS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

// What is trimmed from a text's ends: the same characters as generator/yamlform.py's STRIPPED (JavaScript's trim
// and Python's strip disagree on U+FEFF, U+001C–U+001F and U+0085).
const STRIPPED = "\t\n\v\f\r \x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008" +
  "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
// Control characters, which only double quotes can hold (yaml then picks them itself).
const NEEDS_DOUBLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]/;

function trimEnd(text) {
  let end = text.length;
  while (end > 0 && STRIPPED.includes(text[end - 1])) end--;
  return text.slice(0, end);
}

function trimStart(text) {
  let start = 0;
  while (start < text.length && STRIPPED.includes(text[start])) start++;
  return text.slice(start);
}

// What pasted text carries, made plain by generator/yamlform.py's rule: every kind of line break a LF, soft
// hyphens, zero-width spaces, word joiners, byte-order marks and text-direction controls gone, and an indent made
// of tabs, no-break or full-width spaces (首行缩进) dropped (plain spaces stay: in Markdown they nest a list).
const BREAKS = /\r\n?|[\x0b\x0c\u2028\u2029]/g;
const GONE = /[\u00ad\u200b\u2060\ufeff\u202a-\u202e\u2066-\u2069]/g;
const INDENT = /^[ \t\u00a0\u3000]*[\t\u00a0\u3000][ \t\u00a0\u3000]*/gm;

// Pasted text made plain (above); one-line text trimmed (a tab is a space); text over several lines ends in
// exactly one newline.
function canonicalText(text) {
  const trimmed = trimEnd(text.replace(BREAKS, "\n").replace(GONE, "").replace(INDENT, ""));
  return trimmed.includes("\n") ? trimmed + "\n" : trimStart(trimmed).replace(/\t/g, " ");
}

function clean(value) {
  if (typeof value === "string") {
    const text = canonicalText(value);
    return text === "" ? undefined : text;
  }
  if (Array.isArray(value)) {
    const items = value.map(clean).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const [key, item] of Object.entries(value)) {
      const v = clean(item);
      if (v !== undefined) out[key] = v;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value === false || value === null ? undefined : value;
}

export function recordFormat(YAML) {
  return {
    fromFile(text) {
      return YAML.parse(text) ?? {};
    },
    toFile(data, sortedKeys = []) {
      const tidy = clean(data) ?? {};
      const rank = (key) => sortedKeys.indexOf(key);
      // Decap's own order: by the form's fields; a key the form does not know keeps its place.
      const keys = Object.keys(tidy).sort((a, b) => {
        const i = rank(a), j = rank(b);
        return i === -1 || j === -1 ? 0 : i - j;
      });
      const doc = new YAML.Document(Object.fromEntries(keys.map((k) => [k, tidy[k]])));
      YAML.visit(doc, {
        Seq(_, node) {
          // One line of plain values, as people write tags; a list of texts that span lines stays a block.
          const oneLine = (item) => YAML.isScalar(item) && !String(item.value).includes("\n");
          if (node.items.every(oneLine)) {
            node.flow = true;
            // "?x" and ":x" are plain text to yaml, but in [ ] PyYAML and libyaml (check) read a key or a value.
            for (const item of node.items) {
              const text = item.value;
              if (typeof text === "string" && /^[?:]/.test(text) && !NEEDS_DOUBLE.test(text)) item.type = "QUOTE_SINGLE";
            }
          }
        },
        Scalar(_, node) {
          if (typeof node.value !== "string") return;
          // YAML 1.1's words for true and false: some tools still read them so; quoted, they stay text.
          if (YAML_11_BOOLEANS.test(node.value)) node.type = "QUOTE_SINGLE";
          // A block of lines whose first starts with a tab (pasted from Word): libyaml (check) refuses it.
          else if (node.value.includes("\n") && node.value.startsWith("\t")) node.type = "QUOTE_DOUBLE";
        },
      });
      return doc.toString({ lineWidth: 0, flowCollectionPadding: false, singleQuote: true });
    },
  };
}
