"""Every message the editors and maintainers read, in one place: this package, one module per subject.

A message says where (the caller adds file, line and column), what is wrong, and
what to type instead, in plain Chinese: no parser words and no 0-based indexes
(test_messages keeps them out). Keeping them together keeps the wording consistent and lets
records/README.md's 常见错误 be tested against the very texts `check` prints. The code reads every message as
`say.X` (`from . import messages as say`), whichever module of the package holds it.
"""

from __future__ import annotations

from .assets import *  # noqa: F403
from .commandline import *  # noqa: F403
from .deploy import *  # noqa: F403
from .editor import *  # noqa: F403
from .files import *  # noqa: F403
from .importing import *  # noqa: F403
from .meetings import *  # noqa: F403
from .mistakes import *  # noqa: F403
from .new import *  # noqa: F403
from .outputs import *  # noqa: F403
from .personal import *  # noqa: F403
from .plugin import *  # noqa: F403
from .reading import *  # noqa: F403
from .references import *  # noqa: F403
from .report import *  # noqa: F403
from .rules import *  # noqa: F403
from .site import *  # noqa: F403
from .values import *  # noqa: F403
from .where import *  # noqa: F403


def _masking(message):
    """A message function whose text values have their personal numbers masked before it shows them."""
    def masked(*args, **kwargs):
        from ..privacy import mask  # a leaf, but it compiles its patterns on import: only once a message is made

        def clean(value):
            if isinstance(value, str):
                return mask(value)
            if isinstance(value, (list, tuple)):
                return type(value)(clean(v) for v in value)
            return value

        return message(*(clean(a) for a in args), **{k: clean(v) for k, v in kwargs.items()})

    masked.__name__, masked.__doc__, masked.__wrapped__ = message.__name__, message.__doc__, message
    return masked


# Every message that echoes a value (a function of the package) masks the personal numbers in it, by this one
# rule rather than message by message: a value is shown in a terminal, an editor's page and a pull request's log.
for _name, _message in list(globals().items()):
    if callable(_message) and getattr(_message, "__module__", "").startswith(__name__ + ".") \
            and not _name.startswith("_") and not isinstance(_message, type):
        globals()[_name] = _masking(_message)
