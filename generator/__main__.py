"""Command line: python -m generator check | build | new | … — each command's handler, and the table of every
command (COMMANDS, at the end) from which cli.py makes the parser."""

from __future__ import annotations

import datetime as dt
import sys
import traceback
import typing
from pathlib import Path

from . import build, new, outputs
from . import messages as say
from .cli import CONFIG, DRAFTS, EXIT_BUG, EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, INTERNAL, OUT, RECORDS, Command, Option, date
from .cli import parser as make_parser
from .errors import is_system_error, render_report, system_error
from .outlock import Busy

# The rest is imported by the commands that need it: `build` with nothing to do must not spend
# most of its second importing pydantic, Jinja and Pillow.


def _refused(problems, files_checked: int) -> int:
    """The records have errors: every problem, and that nothing was written."""
    print(render_report(problems, files_checked, "text"))
    print(say.ERRORS_NOTHING_WRITTEN)
    return EXIT_PROBLEMS


def _refused_output(out: Path, output: outputs.Output, project: Path | None, records: Path | None = None) -> int:
    """EXIT_USAGE with the refusal when `out` is no folder for this command to write (outputs.py), else 0."""
    try:
        outputs.check(out, output, projects=outputs.projects_of(project), records=records)
    except outputs.OutputRefused as e:
        return _fail(str(e), EXIT_USAGE)
    return 0


def _fail(message: str, code: int) -> int:
    """A command-level error (not a record's): one line on stderr, and the exit code."""
    print(say.command_error(message), file=sys.stderr)
    return code


def _archive(args) -> int:
    from . import archive

    config = Path(args.config).resolve()
    if not config.is_file():
        return _fail(say.no_config(args.config), EXIT_USAGE)
    if refused := _refused_output(Path(args.out), outputs.ARCHIVE, config.parent, Path(args.records)):
        return refused
    try:
        made = archive.make_archive(Path(args.records), Path(args.out), config=config, internal=args.internal)
    except archive.ArchiveError as e:
        return _fail(str(e), EXIT_PROBLEMS)
    print(say.archive_made(made.zip_path.as_posix(), made.files, made.sha256_path.as_posix()))
    return EXIT_OK


def _verify(args) -> int:
    from . import archive

    path = Path(args.zip)
    if not path.is_file():
        return _fail(say.no_archive(args.zip), EXIT_USAGE)
    checked, problems = archive.verify_archive(path)
    for p in problems:
        print(p)
    if problems:
        print(say.archive_failed_check(len(problems)))
        return EXIT_PROBLEMS
    print(say.archive_intact(checked))
    return EXIT_OK


def _schema(args) -> int:
    from .readme import write_common_mistakes
    from .schema import write_editor_settings, write_schemas

    written = write_schemas(Path(args.out))
    if write_editor_settings(Path(args.out).parent / ".vscode/settings.json"):
        written.append(".vscode/settings.json")
    if write_common_mistakes(Path(args.out).parent / "records/README.md"):
        written.append("records/README.md")
    print(say.schemas_written(len(written)))
    return EXIT_OK


def _edit(args) -> int:
    from .edit import EditError, run

    try:
        return run(args.port, args.decap_port, args.mode)
    except EditError as e:
        return _fail(str(e), EXIT_USAGE)


def _shrink(args) -> int:
    from .link import BuildMode
    from .photos import shrink_original
    from .pipeline import check_records

    result = check_records(Path(args.records), BuildMode(drafts=True, internal=True))
    if not result.ok:
        return _refused(result.problems, result.files_checked)
    assets = Path(args.records) / "assets"
    rows = []
    for path in sorted(p for p in assets.rglob("*") if p.is_file() and not p.is_symlink()):
        try:
            before = shrink_original(path)
        except OSError as e:
            if is_system_error(e):
                raise
            continue  # not a photo (check already named every photo a record uses)
        if before is not None:
            rows.append((path.relative_to(assets).as_posix(), before, path.stat().st_size))
    print(say.shrunk(rows))
    return EXIT_OK


def _fmt(args) -> int:
    from .fmt import fmt

    result = fmt(Path(args.records), write=not args.check)
    if result.problems:
        return _refused(result.problems, result.files_checked)
    print(say.formatted(result.changed, written=not args.check))
    return EXIT_PROBLEMS if args.check and result.changed else EXIT_OK


def _new(args) -> int:
    records = Path(args.records)
    options = {f.name: getattr(args, f.name) for f in new.option_fields()}
    try:
        path = new.write(records, new.make(args.type, records, **options))
    except new.NewError as e:
        return _fail(str(e), EXIT_USAGE)
    print(say.created(path.as_posix()))
    return EXIT_OK


def _import(args) -> int:
    from .errors import Severity
    from .link import BuildMode
    from .load import display_path
    from .pipeline import check_records
    from .wordimport import importer

    records = Path(args.records)
    paths, refused = importer.documents(args.files)
    outcome = importer.plan(paths, records, dt.date.today())
    refused += outcome.refused
    if refused:  # a document that cannot come in stops them all: one run, one decision for the teacher
        print("\n".join(refused))
        print(say.import_refused(len(refused)))
        return EXIT_PROBLEMS
    importer.write(outcome.planned, records)
    lines = [say.import_skipped(path.as_posix(), why) for path, why in outcome.skipped]
    lines.append(say.import_done(len(outcome.planned)))
    for p in outcome.planned:
        lines += importer.summary(p, records)
    if outcome.planned:
        lines.append(say.IMPORT_NEXT)
    print("\n".join(lines))
    if not outcome.planned:
        return EXIT_OK
    # The same check every record meets, on what was written: a phone number in a 简报 is found now, at its line.
    written = {display_path(records / p.record) for p in outcome.planned}
    result = check_records(records, BuildMode(drafts=True, internal=True))
    ours = [p for p in result.problems if p.file in written and p.severity is Severity.ERROR]
    if ours:
        print(render_report(ours, len(written), "text"))
        print(say.import_check_failed(len(ours)))
        return EXIT_PROBLEMS
    return EXIT_OK


def _ledger(args) -> int:
    from .ledger import LedgerError, make_ledger

    if refused := _refused_output(Path(args.out), outputs.LEDGER, None, Path(args.records)):
        return refused
    try:
        made = make_ledger(Path(args.records), Path(args.out), args.year, internal=args.internal)
    except LedgerError as e:
        return _fail(str(e), EXIT_PROBLEMS)
    if not isinstance(made, tuple):
        return _refused(made.problems, made.files_checked)
    path, pages = made
    print(say.ledger_made(path.as_posix(), pages))
    return EXIT_OK


def _site(args) -> int:
    from .site import SiteError, build_site

    config = Path(args.config).resolve()
    if not config.is_file():
        return _fail(say.no_config(args.config), EXIT_USAGE)
    if refused := _refused_output(Path(args.out), outputs.SITE, config.parent):
        return refused
    try:
        build_site(config, Path(args.out))
    except SiteError as e:
        return _fail(str(e), EXIT_PROBLEMS)
    print(say.site_built(args.out))
    return EXIT_OK


def _export(args) -> int:
    from .export import ExportError, export

    config = Path(args.config).resolve()
    if not config.is_file():
        return _fail(say.no_config(args.config), EXIT_USAGE)
    if refused := _refused_output(Path(args.out), outputs.EXPORT, config.parent, Path(args.records)):
        return refused
    result = _checked(args)
    if not result.ok:
        return _refused(result.problems, result.files_checked)
    try:
        pages = export(config.parent, Path(args.records), result.site, Path(args.out))
    except ExportError as e:
        return _fail(str(e), EXIT_PROBLEMS)
    print(say.exported(args.out, pages))
    return EXIT_OK


def _build(args) -> int:
    from .outlock import locked

    if refused := _refused_output(Path(args.out), outputs.PAGES, None, Path(args.records)):
        return refused
    with locked(Path(args.out), say.output_folder(args.out)):
        return _build_locked(args)


def _build_locked(args) -> int:
    out = Path(args.out)
    digest = build.inputs_digest(Path(args.records), f"drafts={args.drafts} internal={args.internal}")
    if build.up_to_date(out, digest):
        print(say.NOTHING_CHANGED)
        return EXIT_OK
    from .pages import make_pages

    result = _checked(args)
    if not result.ok:
        return _refused(result.problems, result.files_checked)
    try:
        report = build.write_pages(make_pages(result.site), out, digest)
    except build.ConflictError as e:
        for path in e.paths:
            print(say.not_ours(str(out / path)))
        print(say.NOTHING_WRITTEN)
        return EXIT_PROBLEMS
    except build.BookkeepingError as e:
        return _fail(str(e), EXIT_PROBLEMS)
    print(say.pages_written(len(report.written) + report.unchanged, len(report.written), report.unchanged,
                            len(report.removed)))
    return EXIT_OK


def _deploy(args) -> int:
    from .deploy import DeployError, TargetError, publish, roll_back

    config = Path(args.config).resolve()
    result = _checked(args)
    if not result.ok:
        return _refused(result.problems, result.files_checked)
    organization = result.site.organization
    where = organization.deploy
    to = args.to or (where.to if where else None)
    endpoint = args.endpoint or (where.endpoint if where else None)
    provider = args.provider or (where.provider if where else None)
    if not args.rollback and not organization.icp:  # a public site in the mainland is filed first (备案)
        print(say.NO_ICP, file=sys.stderr)
    try:
        if args.rollback:
            print(roll_back(to))
        elif args.site:
            print(publish(Path(args.site), to, endpoint, provider))
        else:  # the public site, built for this deploy aside
            import tempfile

            from .mkdocs_run import mkdocs_build

            with tempfile.TemporaryDirectory(prefix="dangjian-site-") as folder:
                done = mkdocs_build(config, Path(folder) / "site")
                if done.returncode != 0:
                    return _fail(say.site_build_failed(done.stderr.strip()), EXIT_PROBLEMS)
                print(publish(Path(folder) / "site", to, endpoint, provider))
    except (DeployError, TargetError) as e:
        return _fail(str(e), EXIT_PROBLEMS)
    return EXIT_OK


def _checked(args):
    from .link import BuildMode
    from .pipeline import check_records

    # A command without --drafts and --internal checks what the public site shows.
    mode = BuildMode(drafts=getattr(args, "drafts", False), internal=getattr(args, "internal", False))
    return check_records(Path(args.records), mode)


def _check(args) -> int:
    result = _checked(args)
    print(render_report(result.problems, result.files_checked, args.format))
    return EXIT_OK if result.ok else EXIT_PROBLEMS


def _new_options() -> tuple[Option, ...]:
    """`new`'s options, one for each field of new.Options the command line gives, typed as the field is."""
    types = typing.get_type_hints(new.Options)
    converters = {int: int, dt.date: date}
    out = []
    for f in new.option_fields():
        given = next((t for t in typing.get_args(types[f.name]) if t is not type(None)), str)
        settings = {"dest": f.name, **({"type": converters[given]} if given in converters else {})}
        out.append(Option(new.flag(f), settings))
    return tuple(out)


# Every command: what runs it, and its arguments and options (help texts: messages.COMMANDS and OPTIONS).
COMMANDS: dict[str, Command] = {
    "check": Command(_check, (RECORDS, Option("--format", {"choices": ("text", "github", "json"), "default": "text"}),
                              DRAFTS, INTERNAL)),
    "build": Command(_build, (RECORDS, OUT(required=True), DRAFTS, INTERNAL)),
    "new": Command(_new, (Option("type", {"metavar": say.TYPE, "help": lambda: say.kinds_help(new.labels())}),
                          RECORDS, *_new_options())),
    "site": Command(_site, (OUT(default="site"), CONFIG)),
    "archive": Command(_archive, (RECORDS, INTERNAL, OUT(default="archive"), CONFIG)),
    "verify-archive": Command(_verify, (Option("zip", {"metavar": say.ZIP}),)),
    "edit": Command(_edit, (Option("--port", {"type": int, "default": 8000}),
                            Option("--decap-port", {"type": int, "default": 8081}),
                            Option("--mode", {"choices": ("fs", "git"), "default": "fs"}))),
    "shrink": Command(_shrink, (RECORDS,)),
    "fmt": Command(_fmt, (RECORDS, Option("--check", {"action": "store_true"}))),
    "export": Command(_export, (RECORDS, OUT(default="export"), CONFIG)),
    "ledger": Command(_ledger, (RECORDS, Option("--year", {"type": int, "required": True}), INTERNAL,
                                OUT(default="ledger"))),
    "import": Command(_import, (Option("files", {"nargs": "+", "metavar": say.FILE}), RECORDS)),
    "schema": Command(_schema, (OUT(default="schemas"),)),
    "deploy": Command(_deploy, (RECORDS, CONFIG, Option("--to", {"metavar": say.TARGET}),
                                Option("--endpoint", {"metavar": say.ADDRESS}), Option("--provider", {"metavar": say.NAME}),
                                Option("--site", {"metavar": say.FOLDER}), Option("--rollback", {"action": "store_true"}))),
}


def main(argv: list[str] | None = None) -> int:
    args = make_parser(COMMANDS).parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
    except Busy as e:
        return _fail(str(e), EXIT_PROBLEMS)
    except Exception as e:
        if is_system_error(e):  # the disk, not the records nor the generator: what, where; nothing half-written
            return _fail(say.system_failure(system_error(e)), EXIT_PROBLEMS)
        print(say.BUG_BANNER, file=sys.stderr)
        traceback.print_exc()
        return EXIT_BUG


if __name__ == "__main__":
    sys.exit(main())
