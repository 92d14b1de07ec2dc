"""What the tests share: the shipped site built and served, Debian's Chromium, the web editor's steps, hostile and
colour-managed fixtures, and the YAML 1.2 readers run with Node. Importable as `support` from the tests (pytest puts
tests/ on the path) and from scripts/ and bench/, which put tests/ there themselves."""
