// decap-server's own proxy API (its fs or git mode, as decap-server runs it), listening on a Unix socket instead
// of a TCP port: `generator edit` makes the socket's folder readable by this user only and puts its guard
// (generator/editguard.py) in front, so no browser page and no other machine can reach it.
//   node scripts/decap-server-socket.cjs SOCKET fs|git      (the project: GIT_REPO_DIRECTORY, else the current folder)
"use strict";
const express = require("express");
const { registerLocalFs, registerLocalGit } = require("decap-server/dist/middlewares");

const [socketPath, mode] = process.argv.slice(2);
if (!socketPath || !["fs", "git"].includes(mode)) {
  process.stderr.write("usage: decap-server-socket.cjs SOCKET fs|git\n");
  process.exit(2);
}
const app = express();
(mode === "git" ? registerLocalGit : registerLocalFs)(app, { logLevel: process.env.LOG_LEVEL || "warn" })
  .then(() => {
    const server = app.listen(socketPath, () => process.stdout.write("ready\n"));
    server.on("error", (e) => {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    });
  })
  .catch((e) => {
    process.stderr.write(`${e && e.message ? e.message : e}\n`);
    process.exit(1);
  });
