// The web editor's writer (docs/admin/format.js) run in node on the `yaml` package the editor vendors. Reads a
// JSON list from standard input: {text, order} is a file as the editor opens and saves it (fromFile, toFile);
// {data, order} is data as a form holds it (toFile). Prints the YAML texts as one JSON list.
import { readFileSync } from "node:fs";
import YAML from "yaml";
import { recordFormat } from "../../docs/admin/format.js";

const format = recordFormat(YAML);
const cases = JSON.parse(readFileSync(0, "utf8"));
process.stdout.write(JSON.stringify(cases.map(({ text, data, order }) =>
  format.toFile(text === undefined ? data : format.fromFile(text), order))));
