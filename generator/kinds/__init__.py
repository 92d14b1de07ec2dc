"""The record kinds, one module each, and the registry the generic code loops over.

Like Pelican's list of generators, the registry is explicit: a kind exists when it is listed here. The
order is the order of checking paths (a periodical's index before its issues) and of the site's sections.
"""

from __future__ import annotations

from . import activity, duty, issue, meeting, member, place, program, publication, responsibility, review, site, suggestion
from .base import FileIdentity, Finding, Record
from .kind import Kind, Reference

KINDS: dict[str, Kind] = {
    module.KIND.name: module.KIND
    for module in (site, program, activity, member, publication, issue, place, duty, suggestion, review, responsibility,
                   meeting)
}

__all__ = ["KINDS", "FileIdentity", "Finding", "Kind", "Record", "Reference"]
