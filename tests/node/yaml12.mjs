// Reads each file named on the command line as VS Code's YAML extension and the web editor do (the `yaml`
// package, YAML 1.2 core schema) and prints them as one JSON list. Infinity and NaN, which JSON lacks,
// are written as {"nonfinite": "Infinity"}.
import { readFileSync } from "node:fs";
import YAML from "yaml";

const out = process.argv.slice(2).map((file) =>
  YAML.parse(readFileSync(file, "utf8"), { version: "1.2", schema: "core" }));
process.stdout.write(JSON.stringify(out, (key, value) =>
  typeof value === "number" && !Number.isFinite(value) ? { nonfinite: String(value) } : value));
