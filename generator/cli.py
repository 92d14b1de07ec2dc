"""The command line's shape, as data: each command is one row of a table (its handler, its arguments and
options), and the parser is made from the table, with every help text and name shown in Chinese from the
message catalogue (messages.COMMANDS, OPTIONS, METAVARS)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass, field
from typing import Callable

from . import messages as say

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_BUG = 0, 1, 2, 3

argparse._ = lambda text: say.ARGPARSE.get(text, text)  # argparse's own words, in Chinese like ours


@dataclass(frozen=True)
class Option:
    """One option (`--out`) or argument (`zip`), with argparse's keywords; its help is the catalogue's."""

    flag: str
    settings: dict = field(default_factory=dict)

    def __call__(self, **changed) -> Option:
        """The same option with some keywords changed: RECORDS, OUT(default="site")."""
        return Option(self.flag, {**self.settings, **changed})


@dataclass(frozen=True)
class Command:
    run: Callable[[argparse.Namespace], int]
    options: tuple[Option, ...] = ()


def date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(say.bad_date_option(text)) from None


# The options several commands share.
RECORDS = Option("--records", {"default": "records", "metavar": say.FOLDER})
CONFIG = Option("--config", {"default": "mkdocs.yml", "metavar": say.FILE})
DRAFTS = Option("--drafts", {"action": "store_true"})
INTERNAL = Option("--internal", {"action": "store_true"})
OUT = Option("--out", {"metavar": say.FOLDER})


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, say.usage_error(message))


class _Formatter(argparse.HelpFormatter):
    """A help given as a function is made only when --help shows it (new's kinds would cost every command the
    import of the models)."""

    def _format_action(self, action):
        if callable(action.help):
            action.help = action.help()
        return super()._format_action(action)


def parser(commands: dict[str, Command]) -> argparse.ArgumentParser:
    p = _Parser(prog="python -m generator", description=say.PROGRAM)
    sub = p.add_subparsers(dest="command", metavar=say.COMMAND, parser_class=_Parser)
    sub.required = True
    for name, command in commands.items():
        summary, description = say.COMMANDS[name]
        one = sub.add_parser(name, help=summary, description=description, formatter_class=_Formatter)
        for option in command.options:
            settings = dict(option.settings)
            if option.flag in say.METAVARS:
                settings.setdefault("metavar", say.METAVARS[option.flag])
            settings.setdefault("help", say.OPTIONS.get((name, option.flag)))
            one.add_argument(option.flag, **settings)
        one.set_defaults(run=command.run)
    return p
