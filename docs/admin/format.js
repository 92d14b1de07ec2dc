// The records' YAML as the project writes it, for the web editor (Decap CMS's registerCustomFormat) and, in the
// tests, for node: generator/fmt.py writes the same text, so a record saved in the editor without changes stays
// byte-identical. `YAML` is the `yaml` package (vendored beside this file for the browser).
//
// The form of a record: keys in the form's order (Decap passes it), lists of plain values on one line
// ([甲, 乙]), text that spans lines as a literal block, nothing folded, single quotes where quotes are needed,
// and nothing that means "not filled in" (empty text, empty lists, false, null) written at all.

const YAML_11_BOOLEANS = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$/;

function canonicalText(text) {
  const trimmed = text.trimEnd();
  return trimmed.includes("\n") ? trimmed + "\n" : trimmed.trim().replace(/\t/g, " ");
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
          if (node.items.every(oneLine)) node.flow = true;
        },
        Scalar(_, node) {
          // YAML 1.1's words for true and false: some tools still read them so; quoted, they stay text.
          if (typeof node.value === "string" && YAML_11_BOOLEANS.test(node.value)) node.type = "QUOTE_SINGLE";
        },
      });
      return doc.toString({ lineWidth: 0, flowCollectionPadding: false, singleQuote: true });
    },
  };
}
