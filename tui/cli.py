"""The front door: ``closer`` opens the app; sub-commands are quick and never import textual.

Every failure is one line on stderr and a non-zero exit code; the journal is left as it was.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

from storage import JournalError
from storage.errors import InvalidInput

# Not imported at run time: pathlib and typing would add a sixth to a quick command's time.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, Callable, NoReturn, Sequence

PROG = "closer"

# Control characters (which could start a terminal escape sequence), bidi overrides, and
# lone surrogates (bytes that were not UTF-8).
_INVISIBLE = frozenset(
    [*range(0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A),
     *range(0xD800, 0xE000)]
)


def _visible(text: str, *, lines: bool = False) -> str:
    """A message fit for the terminal: the characters above shown as escapes, never sent
    (with ``lines``, line breaks and tabs stay as they are: a text printed whole)."""
    hidden = _INVISIBLE - _LAYOUT if lines else _INVISIBLE
    if not any(ord(c) in hidden for c in text):
        return text
    return "".join(
        c.encode("unicode_escape", "backslashreplace").decode("ascii")
        if ord(c) in hidden else c
        for c in text
    )


_LAYOUT = frozenset((0x09, 0x0A))  # tab, line feed


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, sized to the terminal without importing shutil (argparse
    makes a formatter for every option it is given, so every quick command paid for it)."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        if width is None:
            try:
                width = int(os.environ["COLUMNS"])
            except (KeyError, ValueError):
                try:
                    width = os.get_terminal_size(sys.__stdout__.fileno()).columns
                except (AttributeError, ValueError, OSError):
                    width = 80
            width -= 2
        super().__init__(prog, indent_increment, max_help_position, width)


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (exit 2) instead of usage dumps."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: {_visible(message)} (see '{self.prog} --help')\n")


def _add_db(parser: argparse.ArgumentParser, top: bool) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help="the journal file (default: $CLOSER_DB, then your user data folder)",
    )


def _args_add(p: argparse.ArgumentParser) -> None:
    p.add_argument("text", nargs="*", help="the entry; read from standard input when absent")
    p.add_argument("--at", metavar="WHEN", help="when it happened: 'yesterday 21:00', '3 days ago'")
    p.add_argument("--mood", metavar="N", help="mood from -2 (very low) to +2 (very good)")
    p.add_argument("--title", metavar="TITLE", default="", help="an optional title")
    p.add_argument("--star", action="store_true", help="mark the entry with a star")


def _args_list(p: argparse.ArgumentParser) -> None:
    p.add_argument("-n", type=_count, metavar="N", help="only the newest N entries")
    p.add_argument("--from", dest="start", metavar="WHEN", help="from this date on")
    p.add_argument("--to", dest="end", metavar="WHEN", help="up to the end of this date")
    p.add_argument("--on", metavar="WHEN", help="only this one day")
    p.add_argument("--tag", metavar="TAG", action="append", default=[],
                   help="only entries with this tag (repeat it: any of them)")
    p.add_argument("--and", dest="all_tags", action="store_true",
                   help="with several --tag: only entries with all of them")
    p.add_argument("--not", dest="without", metavar="TAG", action="append", default=[],
                   help="leave out entries with this tag (may repeat)")
    p.add_argument("--starred", action="store_true", help="only starred entries")
    p.add_argument("-v", "--full", action="store_true", help="print each entry in full")
    p.add_argument("--json", action="store_true", help="print JSON")


def _args_id(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", type=_count, metavar="ID", help="the entry's number (see 'list --json')")


def _args_show(p: argparse.ArgumentParser) -> None:
    _args_id(p)
    p.add_argument("--json", action="store_true", help="print JSON")


def _args_kind(p: argparse.ArgumentParser) -> None:
    from storage.trash import KINDS

    p.add_argument("id", type=_count, metavar="ID", help="the record's number")
    p.add_argument("--kind", choices=KINDS, default="entry",
                   help="what kind of record (default: entry)")


def _args_trash(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON")
    p.add_argument("--empty", action="store_true",
                   help="delete everything in the trash for good (asks first)")
    p.add_argument("--yes", action="store_true", help="with --empty: do not ask")


def _args_tags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="print JSON")


def _args_demo(p: argparse.ArgumentParser) -> None:
    p.add_argument("--write", metavar="FILE", required=True,
                   help="a new file to write the six-week demo journal to")
    p.add_argument("--as", dest="persona", metavar="PERSONA", default=None,
                   help="whose six weeks: the one who reaches (the default) or 'withdrawer', "
                        "the one who steps back")


def _args_search(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", nargs="+", help="words to find (each matches as a prefix)")
    p.add_argument("-n", type=_count, default=20, metavar="N", help="at most N results")
    p.add_argument("--json", action="store_true", help="print JSON")


def _args_weeks(p: argparse.ArgumentParser) -> None:
    p.add_argument("-n", type=_count, default=12, metavar="N", help="the newest N weeks (12)")
    p.add_argument("--json", action="store_true", help="print JSON")


def _args_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", required=True, choices=_export_formats(), help="output format")
    p.add_argument("-o", "--output", metavar="FILE|DIR",
                   help="write to FILE instead of stdout (csv, markdown-folder: the folder DIR)")


def _args_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", required=True, choices=_import_formats(), help="input format")
    p.add_argument("file", metavar="FILE",
                   help="the file to read ('-' for standard input; dayone: its .json or .zip)")


def _args_backup(p: argparse.ArgumentParser) -> None:
    p.add_argument("-o", "--output", metavar="FILE", help="where to write the copy")


def _args_doctor(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--fix", action="store_true",
        help="fix what can be fixed (search index, tags, file modes) without asking",
    )


def _args_today(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true",
                   help="print JSON (always, even when nothing is open)")


def _args_brief(p: argparse.ArgumentParser) -> None:
    p.add_argument("--weeks", type=_count, default=8, metavar="N",
                   help="cover the last N weeks, this one included (8)")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")
    p.add_argument("--html", action="store_true",
                   help="a printable HTML page instead of Markdown (also when FILE ends .html)")
    p.add_argument("--without", metavar="SECTIONS", default="",
                   help="leave these sections out, comma-separated: map, loop, exits, "
                   "thoughts, rituals, questions")
    p.add_argument("--question", metavar="TEXT", action="append",
                   help="a question you want to bring (repeat it; replaces the ones kept; "
                   "--question '' clears them)")


def _args_calendar(p: argparse.ArgumentParser) -> None:
    p.add_argument("year", nargs="?", type=_count, metavar="YEAR", help="the year (this one)")
    p.add_argument("--json", action="store_true", help="print JSON")


def _no_args(p: argparse.ArgumentParser) -> None:
    pass


SUBCOMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "add": ("write a quick entry (#tags in the text become tags)", _args_add),
    "list": ("show entries: the newest N (all without -n), the oldest of them first",
             _args_list),
    "show": ("print one entry in full", _args_show),
    "edit": ("edit one entry's text in $EDITOR", _args_id),
    "delete": ("move a record to the trash (restorable for 30 days)", _args_kind),
    "restore": ("bring a record back from the trash", _args_kind),
    "trash": ("list what is in the trash, or empty it", _args_trash),
    "tags": ("every tag with how many entries carry it, most used first", _args_tags),
    "demo": ("write the six-week demo journal to a new file", _args_demo),
    "search": ("find entries, thought records, loop moments and ritual marks", _args_search),
    "weeks": ("show each week's figures, newest first (what Look back shows)", _args_weeks),
    "today": ("what is still open today, in a line or two (nothing when nothing is)",
              _args_today),
    "export": ("write the whole journal out", _args_export),
    "import": ("add records from an export (importing twice adds nothing)", _args_import),
    "backup": ("copy the journal safely, even while the app is open", _args_backup),
    "doctor": ("check the journal's health, format version, counts and file modes",
               _args_doctor),
    "brief": ("a few pages to bring to a couples therapist (Markdown or HTML)", _args_brief),
    "calendar": ("a year at a glance: days written and rituals kept, and the streak",
                 _args_calendar),
    "encrypt": ("encrypt the journal with a passphrase (needs the encryption extra)", _no_args),
    "decrypt": ("turn an encrypted journal back into a plain one", _no_args),
    "passwd": ("change the passphrase of an encrypted journal", _no_args),
}
"""Each sub-command: its one line of help, and what adds its arguments."""


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; with ``only``, just that sub-command's part of it (a quick
    command need not build the other ten: argparse looks up a translation for every word
    of help it is given)."""
    parser = _Parser(
        prog=PROG,
        description="closer: a private journal for when one of you is pulling away.",
    )
    _add_db(parser, top=True)
    parser.add_argument(
        "--demo",
        nargs="?",
        const=True,
        default=None,
        metavar="withdrawer",
        help="open a throw-away journal filled with six weeks of sample data; "
             "'--demo withdrawer' shows them from the side of the one who steps back",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name, (help_text, add_arguments) in SUBCOMMANDS.items():
        if only is None or name == only:
            p = sub.add_parser(name, help=help_text, description=help_text)
            _add_db(p, top=False)
            add_arguments(p)
    return parser


def _command_named(argv: Sequence[str]) -> str | None:
    """The sub-command ``argv`` plainly names (``[--db PATH] [--demo] COMMAND ...``); ``""``
    when it plainly names none (opening the app: no sub-command's part is needed); None when
    it asks for the top-level help or is anything less plain, so that argparse sees the
    whole command line then.

    >>> _command_named(["--db", "j.db", "list"]), _command_named(["--demo"]), _command_named(["-h"])
    ('list', '', None)
    """
    value_next = False
    for arg in argv:
        if value_next:
            value_next = False
        elif arg == "--db":
            value_next = True
        elif arg.startswith(("--db=", "--demo=")) or arg == "--demo":
            continue
        elif arg.startswith("-"):
            return None
        else:
            return arg if arg in SUBCOMMANDS else None
    return None if value_next else ""


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more: {value}")
    return value


def _export_formats() -> list[str]:
    """The names of storage.formats' exporters (the module is tiny: nothing is imported)."""
    from storage.formats import EXPORTERS

    return EXPORTERS.names()


def _import_formats() -> list[str]:
    from storage.formats import IMPORTERS

    return IMPORTERS.names()


# ---------------------------------------------------------------- helpers


READ_ONLY_COMMANDS = frozenset(
    {"list", "search", "weeks", "export", "show", "tags", "today", "calendar"})
"""Commands that only read the journal: on a full disk they still work."""


def _open(args: argparse.Namespace, *, create: bool):
    """The journal named by ``--db`` (or its fallbacks), opened; what opening it did that
    the person should know (a link followed, a mode tightened) goes to stderr once."""
    from storage import Journal
    from storage.access import check_journal_path
    from storage.paths import resolve_db

    path = resolve_db(args.db)
    real, _ = check_journal_path(path)  # a named pipe or a device is refused before any read
    new = not os.path.exists(real)
    if new and not create:
        raise JournalError(f"no journal at {path} yet ('{PROG} add TEXT' starts one)")
    if new:
        _check_new_home(path)
    command = getattr(args, "command", None)
    read_only = command in READ_ONLY_COMMANDS or (command == "doctor" and not args.fix)
    journal = Journal.open(
        path, create=create, passphrase=_passphrase_for(real), read_only=read_only
    )
    if new:
        print(f"{PROG}: created a new journal at {_visible(path)}", file=sys.stderr)
    for note in journal.notes:
        print(f"{PROG}: note: {_visible(note)}", file=sys.stderr)
    return journal


def _check_new_home(path: str) -> None:
    """A new journal is made only in a folder that exists, or in the default location (whose
    folders closer makes): a mistyped --db must not grow folders and an empty journal."""
    from storage.paths import default_db_path

    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(folder) or os.path.abspath(path) == os.path.abspath(default_db_path()):
        return
    raise JournalError(
        f"there is no folder {folder}, so there is no journal at {path}; check the path, or "
        "make the folder first to start a journal there")


# ---------------------------------------------------------------- passphrases

ENV_PASSPHRASE = "CLOSER_PASSPHRASE"
ENV_NEW_PASSPHRASE = "CLOSER_NEW_PASSPHRASE"


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _ask_hidden(prompt: str) -> str:
    import getpass

    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise KeyboardInterrupt from None


def _plain_sqlite(path: str) -> bool:
    """A plain journal (told from its first bytes) never imports the encryption module."""
    from storage.journal import plain_sqlite

    return plain_sqlite(path)


def _looks_encrypted(path: str) -> bool:
    from storage import crypto

    return crypto.looks_encrypted(path)


def _passphrase_for(path: str) -> str | None:
    """The passphrase of an encrypted journal: $CLOSER_PASSPHRASE, else typed (hidden) when
    closer runs in a terminal. None for a plain journal (which needs none)."""
    if _plain_sqlite(path):
        return None
    from storage import crypto

    if not crypto.looks_encrypted(path):
        return None
    crypto.require(path)
    return _existing_passphrase(path)


def _existing_passphrase(path: str) -> str:
    """The passphrase of ``path``: $CLOSER_PASSPHRASE, else typed (hidden) in a terminal.
    One that is not UTF-8 text is refused here, before the journal is touched."""
    from storage.crypto import PassphraseNeeded, check_passphrase

    if os.environ.get(ENV_PASSPHRASE):
        return check_passphrase(os.environ[ENV_PASSPHRASE])
    if _interactive():
        try:
            return check_passphrase(_ask_hidden(f"Passphrase for {path}: "))
        except UnicodeDecodeError as exc:  # the terminal sent bytes that are not UTF-8
            check_passphrase(exc.object.decode("utf-8", "surrogateescape"))
            raise
    raise PassphraseNeeded(
        f"{path} is encrypted: set {ENV_PASSPHRASE}, or run {PROG} in a terminal to type "
        "the passphrase"
    )


def _new_passphrase(env: str) -> str:
    """A new passphrase: from ``$env``, or typed twice (hidden) in a terminal. One that is
    empty or not UTF-8 text is refused (storage.crypto.check_passphrase)."""
    from storage.crypto import check_passphrase

    if os.environ.get(env):
        return check_passphrase(os.environ[env])
    if not _interactive():
        raise InvalidInput(f"no passphrase: set {env}, or run {PROG} in a terminal to type it")
    try:
        first = check_passphrase(_ask_hidden("New passphrase: "))
        again = _ask_hidden("The same again: ")
    except UnicodeDecodeError as exc:  # the terminal sent bytes that are not UTF-8
        check_passphrase(exc.object.decode("utf-8", "surrogateescape"))
        raise
    if again != first:
        raise InvalidInput("the two passphrases differ; nothing was changed")
    return first


def _journal_path(args: argparse.Namespace, *, missing_ok: bool = False) -> str:
    """The journal file for encrypt, decrypt and passwd: a plain file of the person's own
    (a link followed to it), with something in it (or, with ``missing_ok``, not there yet)."""
    from storage.access import check_journal_path, check_side_files
    from storage.paths import resolve_db

    path, notes = check_journal_path(resolve_db(args.db))
    if not os.path.exists(path) or os.stat(path).st_size == 0:
        if not missing_ok:
            raise JournalError(f"no journal at {path}")
    else:
        notes += check_side_files(path)
    for note in notes:
        print(f"{PROG}: note: {_visible(note)}", file=sys.stderr)
    return path


def _when(text: str | None, *, end_of_day: bool = False, moment: bool = False):
    """The date a flag names (None when it was not given): the start of a day typed without
    a time (``--from``), its end with ``end_of_day`` (``--to``), or with ``moment`` the
    default time of day (``--at``: a moment being recorded)."""
    if text is None:
        return None
    from storage.dates import parse_when

    return parse_when(text, end_of_day=end_of_day, start_of_day=not (end_of_day or moment))


def _write(text: str, output: str | None) -> None:
    """Print ``text``, or make it the whole of the file ``output``: written to a private
    temporary file beside it and renamed (storage.copies), so the file is never half
    written and nobody else can read or redirect it on the way."""
    if output is None:
        sys.stdout.write(text)
        return
    from storage import copies

    copies.write_file(output, text.encode("utf-8"))


def _say(notes: list[str], *, to_stderr: bool = False) -> None:
    """Tell the person, one line each, what was cleaned up before the command ran."""
    for note in notes:
        line = _visible(note[0].upper() + note[1:]) + "."
        print(line, file=sys.stderr if to_stderr else sys.stdout)


def _entry_line(entry: Any) -> str:
    from storage.dates import local
    from storage.text import first_line

    star = "★ " if entry.starred else ""
    title = entry.title or first_line(entry.body, 70)
    mood = f"  ({entry.mood:+d})" if entry.mood is not None else ""
    return f"{local(entry.occurred_at):%Y-%m-%d %H:%M}  {star}{title}{mood}"


# ---------------------------------------------------------------- commands


def cmd_add(args: argparse.Namespace) -> int:
    text = " ".join(args.text)
    if not args.text:
        if sys.stdin is None or sys.stdin.isatty():
            raise InvalidInput("nothing to add: give the text, or pipe it in")
        raw = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    when = _when(args.at, moment=True)
    if when is None and ":" in text[:80]:
        from storage.dates import split_when

        when, text = split_when(text)  # jrnl's habit: "yesterday 9pm: text"
    if not text.strip() and not args.title.strip():
        raise InvalidInput("nothing to add: the text is empty")
    mood = None
    if args.mood is not None:
        try:
            mood = int(args.mood)
        except ValueError:
            raise InvalidInput(f"mood must be a whole number from -2 to 2, not {args.mood!r}") from None
        if not -2 <= mood <= 2:
            raise InvalidInput(f"mood must be from -2 to 2, not {mood}")
    from storage.models import EntryIn
    from storage.rows import validate
    from storage.dates import local, now

    entry = validate(
        EntryIn,
        {"occurred_at": when or now(), "title": args.title, "body": text.strip("\n"),
         "mood": mood, "starred": args.star},
    )
    with _open(args, create=True) as journal:
        saved = journal.entries.insert(entry)
    if when is not None and when > now():  # said, not refused: it may be a plan
        shown = local(when)
        print(f"{PROG}: note: that is in the future ({shown:%a} {shown.day} {shown:%b %Y %H:%M});"
              " saved as asked", file=sys.stderr)
    tags = " ".join(f"#{t}" for t in saved.tags)
    print(f"Saved entry {saved.id} for {saved.occurred_at:%Y-%m-%d %H:%M}" + (f" ({tags})" if tags else "") + ".")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    if args.on and (args.start or args.end):
        raise InvalidInput("--on is one day; use it without --from and --to")
    start = _when(args.on or args.start)
    end = _when(args.on or args.end, end_of_day=True)
    if start and end and start > end:
        raise InvalidInput("--from is after --to")
    if args.all_tags and len(args.tag) < 2:
        raise InvalidInput("--and needs two --tag or more (entries with all of them)")
    with _open(args, create=False) as journal:
        entries = journal.entries.list(
            limit=args.n, start=start, end=end, tags=args.tag, all_tags=args.all_tags,
            without=args.without, starred=True if args.starred else None,
        )
    entries.reverse()  # oldest first on screen, like jrnl
    if args.json:
        print(json.dumps([e.to_json() for e in entries], ensure_ascii=False, indent=2))
    elif args.full:
        print("\n\n".join(_entry_full(entry) for entry in entries))
    else:
        for entry in entries:
            print(_entry_line(entry))
    return 0


def _entry_full(entry: Any) -> str:
    """An entry as ``show`` prints it: its number, moment, star and mood and the tags not
    written in its text on one line, then its title and its text as written."""
    from storage.dates import local

    extra = " ".join(f"#{t}" for t in entry.unwritten_tags())
    head = (f"[{entry.id}] {local(entry.occurred_at):%a %d %b %Y, %H:%M}"
            + (" ★" if entry.starred else "")
            + (f"  mood {entry.mood:+d}" if entry.mood is not None else "")
            + (f"  {extra}" if extra else ""))
    return _visible("\n".join(part for part in (head, entry.title, entry.body) if part),
                    lines=True)


def cmd_show(args: argparse.Namespace) -> int:
    with _open(args, create=False) as journal:
        entry = journal.entries.get(args.id)
    if args.json:
        print(json.dumps(entry.to_json(), ensure_ascii=False, indent=2))
    else:
        print(_entry_full(entry))
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    from tui import editor

    editor.command()  # no editor set: said before anything is opened
    with _open(args, create=False) as journal:
        entry = journal.entries.get(args.id)
        text = editor.edit(entry.body)
        if text == entry.body:
            print(f"Entry {entry.id} is as it was.", file=sys.stderr)
            return 0
        saved, copied = journal.entries.keep(entry.id, base=entry, body=text)
    if copied:
        print(f"Entry {entry.id} was changed elsewhere while you edited it; both are kept: "
              f"yours is entry {saved.id}.")
    else:
        print(f"Saved entry {saved.id}.")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from storage.trash import label

    with _open(args, create=False) as journal:
        item = journal.trash.delete(args.kind, args.id)
    words = f" ({item.words})" if item.words else ""
    kind = "" if args.kind == "entry" else f" --kind {args.kind}"
    print(f"Moved {label(args.kind)} {args.id}{_visible(words)} to the trash. "
          f"'{PROG} restore {args.id}{kind}' brings it back for 30 days.")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from storage.trash import label

    with _open(args, create=False) as journal:
        item = journal.trash.find(args.kind, args.id)
        back = journal.trash.restore(item.id)
    again = "" if back == args.id else f" as {label(args.kind)} {back} (its number was taken)"
    print(f"Restored {label(args.kind)} {args.id}{again}.")
    return 0


def cmd_trash(args: argparse.Namespace) -> int:
    from storage.dates import local
    from storage.trash import label

    with _open(args, create=False) as journal:
        if args.empty:
            count = journal.trash.count()
            if not count:
                raise InvalidInput("the trash is already empty")
            if not args.yes:
                if not _interactive():
                    raise InvalidInput("emptying the trash cannot be undone: add --yes to do it "
                                       "without a question")
                answer = input(f"Delete the {count} record{'s' if count != 1 else ''} in the "
                               "trash for good? This cannot be undone. [y/N] ")
                if answer.strip().lower() not in ("y", "yes"):
                    print("Nothing was deleted.", file=sys.stderr)
                    return 1
            gone = journal.trash.empty()
            print(f"Deleted {gone} record{'s' if gone != 1 else ''} for good.")
            return 0
        items = journal.trash.list()
    if args.json:
        print(json.dumps([{"kind": i.kind, "id": i.record_id,
                           "deleted_at": i.deleted_at.isoformat(), "words": i.words}
                          for i in items], ensure_ascii=False, indent=2))
        return 0
    if not items:
        print("The trash is empty.", file=sys.stderr)
    for i in items:
        print(_visible(f"{local(i.deleted_at):%Y-%m-%d %H:%M}  {label(i.kind):<24} "
                       f"{i.record_id:>6}  {i.words}"))
    return 0


def cmd_tags(args: argparse.Namespace) -> int:
    with _open(args, create=False) as journal:
        tags = journal.entries.tags()
    if args.json:
        print(json.dumps([{"tag": t, "count": n} for t, n in tags], ensure_ascii=False,
                         indent=2))
        return 0
    if not tags:
        print("No tags yet: write #words in an entry.", file=sys.stderr)
    for tag, n in tags:
        print(_visible(f"{n:>6}  #{tag}"))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from storage import Journal
    from storage.demo import PERSONAS, fill, persona_data

    persona = args.persona or PERSONAS[0]
    persona_data(persona)  # an unknown persona is refused before any file is made
    path = os.path.expanduser(args.write)
    if os.path.lexists(path):
        raise InvalidInput(f"{path} already exists; the demo journal goes to a new file")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise InvalidInput(f"there is no folder {folder}; the demo journal goes in one that is")
    with Journal.open(path) as journal:
        fill(journal, persona=persona)
    whose = "" if persona == PERSONAS[0] else f" (the {persona}'s side)"
    print(f"Wrote the six-week demo journal{whose} to {path}. "
          f"Try: {PROG} --db {path} list -n 5")
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from storage.dates import local
    from storage.kinds import by_key
    from storage.search import fts_query

    text = " ".join(args.query)
    fts_query(text)  # a search with no word, or too long, is refused before the journal opens
    with _open(args, create=False) as journal:
        hits = journal.search(text, limit=args.n)
    if args.json:
        out = [
            {
                "kind": h.kind,
                "id": h.id,
                "occurred_at": h.occurred_at.isoformat(),
                "title": h.title,
                "snippet": h.plain_snippet("[", "]"),
            }
            for h in hits
        ]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print(f"{PROG}: nothing found for {_visible(text)!r}", file=sys.stderr)
    bold = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    start, end = ("\x1b[1m", "\x1b[0m") if bold else ("[", "]")
    for hit in hits:
        when, kind = f"{local(hit.occurred_at):%Y-%m-%d %H:%M}", by_key(hit.kind).short
        print(f"{when}  {kind:<7}  {hit.plain_snippet(start, end)}")
    return 0


def cmd_weeks(args: argparse.Namespace) -> int:
    with _open(args, create=False) as journal:
        weeks = journal.review.weeks(limit=args.n)
    if args.json:
        print(json.dumps([w.to_json() for w in weeks], ensure_ascii=False, indent=2))
    else:
        for week in weeks:
            print(week.line())
    return 0


def cmd_today(args: argparse.Namespace) -> int:
    """Print what is still open today (storage.today); print nothing when nothing is."""
    from storage.today import lines, still_open

    with _open(args, create=False) as journal:
        found = still_open(journal)
    if args.json:
        print(json.dumps(found.to_json(), ensure_ascii=False, indent=2))
    else:
        for line in lines(found):
            print(_visible(line))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from storage.formats import EXPORTERS, FOLDERS

    if args.format in FOLDERS and not args.output:
        raise InvalidInput(f"--format {args.format} writes a folder of files: name it with -o DIR")
    with _open(args, create=False) as journal:
        if args.output:
            from storage import copies

            copies.refuse_journal_files(args.output, journal.path)
            cleaned = copies.clean_leftovers(journal.path, [args.output], journal_open=True)
            _say(cleaned, to_stderr=True)
        text = EXPORTERS[args.format](journal)
    if args.format in FOLDERS:
        return _write_folder(text, args.output)
    _write(text, args.output)
    if args.output:
        print(f"Wrote {args.output}.", file=sys.stderr)
    return 0


def _write_folder(files: dict[str, str], output: str) -> int:
    """Write an export of several files as the folder ``output`` (storage.copies)."""
    from storage import copies

    copies.write_folder(output, {name: text.encode("utf-8") for name, text in files.items()})
    print(f"Wrote {len(files)} files to {_visible(output)}.", file=sys.stderr)
    return 0


def _read_import(name: str, reader: Callable[[Any], Any]) -> Any:
    """What a format's own reader (storage.formats.READERS) makes of the file ``name``,
    opened for reading bytes ('-': standard input, read whole first)."""
    import io

    try:
        if name == "-":
            return reader(io.BytesIO(sys.stdin.buffer.read()))
        with open(os.path.expanduser(name), "rb") as fh:
            return reader(fh)
    except OSError as exc:
        raise InvalidInput(f"cannot read {name}: {exc.strerror or exc}") from None


def cmd_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from storage.formats import IMPORTERS, READERS
    from storage.kinds import by_table
    from storage.portable import read_json_file

    if args.format in READERS:
        data = _read_import(args.file, READERS[args.format])
    elif args.file == "-":
        data = read_json_file(sys.stdin.buffer.read())
    else:
        try:
            raw = Path(args.file).expanduser().read_bytes()
        except OSError as exc:
            raise InvalidInput(f"cannot read {args.file}: {exc.strerror or exc}") from None
        data = read_json_file(raw)
    with _open(args, create=True) as journal:
        added = IMPORTERS[args.format](journal, data)
    total = sum(added.values())
    detail = ", ".join(by_table(table).count_words(n) for table, n in added.items() if n)
    print(f"Imported {total} new record{'s' if total != 1 else ''}"
          + (f": {detail}." if detail else " (all were already here)."))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from storage import copies
    from storage.dates import now

    with _open(args, create=False) as journal:
        target = args.output or journal.path.with_name(f"journal-backup-{now():%Y%m%d-%H%M%S}.db")
        copies.refuse_journal_files(target, journal.path)
        _say(copies.clean_leftovers(journal.path, [target], journal_open=True))
        written = journal.backup(target)
    print(f"Backed up to {written}.")
    return 0


def _offer(question: str, yes: bool) -> bool:
    """Ask before changing anything: --fix says yes; without a terminal, the answer is no."""
    if yes:
        return True
    if not _interactive():
        print(f"  ({question[0].lower() + question[1:-1]}: run '{PROG} doctor --fix')")
        return False
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def _doctor_ok(report: dict) -> bool:
    return (
        report["integrity"] == "ok"
        and report["fts"] == "ok"
        and report["tags"] == "ok"
        and report["file_private"]
        and report["folder_private"]
    )


def cmd_doctor(args: argparse.Namespace) -> int:
    from storage import copies
    from storage.kinds import by_table
    from storage.paths import resolve_db

    # What a killed copy or conversion left: removed at once (zeroed first), never kept;
    # before opening the journal, so that it goes even when the journal cannot be opened.
    cleaned = copies.clean_leftovers(resolve_db(args.db))
    try:
        opened = _open(args, create=False)
    except JournalError:
        _say(cleaned)
        raise
    with opened as journal:
        report = journal.doctor()
        cleaned += copies.clean_leftovers(journal.path, journal_open=True)
        print(f"journal:        {report['path']}")
        print(f"integrity:      {report['integrity']}")
        print(f"search index:   {report['fts']}")
        missing = report["tags_missing"]
        print(f"tags:           {report['tags']}" + (
            f"  ({missing} #tag{'s' if missing != 1 else ''} written in entries added from"
            " outside closer not in the tag table)" if missing else ""))
        print(f"format version: {report['schema_version']} (this closer writes {report['latest_schema']})")
        print(f"file mode:      {report['file_mode']}" + ("" if report["file_private"] else "  (others can read it: chmod 600)"))
        left = report["folder_left_because"]
        folder_hint = "" if report["folder_private"] else (
            f"  (others can list it; closer leaves it: {left})" if left
            else "  (others can list it: chmod 700)"
        )
        print(f"folder mode:    {report['folder_mode']}{folder_hint}")
        print(f"encrypted:      {'yes' if report['encrypted'] else 'no'}")
        print(f"leftovers:      {len(cleaned) or 'none'}"
              + (" from interrupted runs, removed:" if cleaned else ""))
        for note in cleaned:
            print(f"  {_visible(note)}")
        for table, n in report["counts"].items():
            print(f"  {by_table(table).plural:<18}{n}")
        if report["trash"]:
            from storage.dates import from_stored

            oldest = from_stored(report["trash_oldest"])
            print(f"trash:          {report['trash']} deleted, restorable for 30 days (the "
                  f"oldest from {oldest:%a %d %b %Y}; '{PROG} trash' lists them)")
        else:
            print("trash:          empty")
        fixed = False
        if report["fts"] != "ok" and _offer(
            "Rebuild the search index from what you wrote?", args.fix
        ):
            journal.rebuild_fts()
            print("Rebuilt the search index.")
            fixed = True
        if report["tags"] != "ok" and _offer(
            "Register the #tags written in those entries?", args.fix
        ):
            added = journal.register_tags()
            print(f"Registered {added} tag{'s' if added != 1 else ''}.")
            fixed = True
        folder_fixable = not report["folder_private"] and not left
        if (not report["file_private"] or folder_fixable) and _offer(
            f"Make the journal and its folder {journal.path.parent} private to you "
            "(chmod 600 and 700)?"
            if folder_fixable
            else "Make the journal private to you (chmod 600)?",
            args.fix,
        ):
            for change in journal.fix_modes():
                print(f"Changed {change}.")
            fixed = True
        if args.fix and not report["folder_private"] and left:
            print(f"Left the folder {journal.path.parent} as it is: {left}.")
        if fixed:
            report = journal.doctor()
    ok = _doctor_ok(report)
    print("ok" if ok else "problems found (see above)")
    return 0 if ok else 1


def cmd_brief(args: argparse.Namespace) -> int:
    from storage.brief import make_brief, parse_sections, save_brief, set_questions, wants_html

    without = parse_sections(args.without)
    html = args.html or wants_html(args.output)
    with _open(args, create=False) as journal:
        if args.question is not None:
            kept = set_questions(journal, args.question)
            print(f"Kept {len(kept)} question{'s' if len(kept) != 1 else ''} for the brief.",
                  file=sys.stderr)
        brief = make_brief(journal, weeks=args.weeks, without=without)
        if args.output is None:
            sys.stdout.write(brief.html() if html else brief.markdown())
            return 0
        from storage import copies

        copies.refuse_journal_files(args.output, journal.path)
        _say(copies.clean_leftovers(journal.path, [args.output], journal_open=True),
             to_stderr=True)
        written = save_brief(journal, brief, args.output, html=html)
    print(f"Wrote {written}.", file=sys.stderr)
    return 0


def cmd_calendar(args: argparse.Namespace) -> int:
    from storage.year import year_at_a_glance

    with _open(args, create=False) as journal:
        year = year_at_a_glance(journal, args.year)
    if args.json:
        import json

        print(json.dumps(year.to_json(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(year.lines()))
    return 0


# ---------------------------------------------------------------- encryption


def cmd_encrypt(args: argparse.Namespace) -> int:
    from storage import backups, crypto

    crypto.require()
    path = _journal_path(args, missing_ok=True)
    if not os.path.exists(path) or os.stat(path).st_size == 0:
        _say(crypto.create(path, _new_passphrase(ENV_PASSPHRASE)))
        print(f"Started an encrypted journal at {path}: nothing in it was ever written plain.")
        print("Keep the passphrase safe: without it nobody, you included, can open the journal.")
        return 0
    if not crypto.is_plain(path):
        if crypto.looks_encrypted(path):
            raise InvalidInput(f"{path} is already encrypted; nothing was changed")
        raise JournalError(f"{path} is not a closer journal")
    _say(crypto.encrypt(path, _new_passphrase(ENV_PASSPHRASE)))
    plain = [p for p in backups.kept(path) if crypto.is_plain(p)]
    print(f"Encrypted {path}. The plain file was overwritten with zeros and removed.")
    daily = (
        f"{len(plain)} daily backup{'s' if len(plain) != 1 else ''} in {backups.folder(path)}, "
        if plain else ""
    )
    print(
        "Copies made before now were not touched and need no passphrase to read: "
        f"{daily}any backup or export you made yourself. Delete those you do not need."
    )
    print("Keep the passphrase safe: without it nobody, you included, can open the journal.")
    return 0


def cmd_decrypt(args: argparse.Namespace) -> int:
    from storage import crypto

    crypto.require()
    path = _journal_path(args)
    if crypto.is_plain(path):
        raise InvalidInput(f"{path} is not encrypted; nothing was changed")
    _say(crypto.decrypt(path, _existing_passphrase(path)))
    print(f"Decrypted {path}: anyone who can read the file can now read the journal.")
    print("Backups made while it was encrypted still need the passphrase.")
    return 0


def cmd_passwd(args: argparse.Namespace) -> int:
    from storage import crypto

    crypto.require()
    path = _journal_path(args)
    if crypto.is_plain(path):
        raise InvalidInput(f"{path} is not encrypted ('{PROG} encrypt' does that first)")
    old = _existing_passphrase(path)
    crypto.unlock(path, old)  # a wrong passphrase stops here, before asking for a new one
    _say(crypto.change_passphrase(path, old, _new_passphrase(ENV_NEW_PASSPHRASE)))
    print(f"Changed the passphrase of {path}. Backups made before keep the old one.")
    return 0


def run_app(args: argparse.Namespace) -> int:
    from tui.terminal import read_any_bytes

    read_any_bytes()  # keys that are not UTF-8 become U+FFFD instead of ending the app
    if args.demo:
        import shutil
        import tempfile
        from pathlib import Path

        from storage import Journal
        from storage.demo import PERSONAS, fill, persona_data

        persona = PERSONAS[0] if args.demo is True else args.demo
        persona_data(persona)  # an unknown persona is refused before anything is made
        folder = Path(tempfile.mkdtemp(prefix="closer-demo-"))
        try:
            journal = Journal.open(folder / "journal.db")
            fill(journal, persona=persona)
            return _run(journal, demo=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    from storage.access import check_journal_path
    from storage.paths import resolve_db

    path, link_notes = check_journal_path(resolve_db(args.db))  # no pipe, device or folder
    if (
        not _plain_sqlite(path)
        and not os.environ.get(ENV_PASSPHRASE)
        and _interactive()
        and _looks_encrypted(path)
    ):
        from storage import crypto

        crypto.require(path)
        from tui.screens.passphrase import unlock_journal

        journal = unlock_journal(path)  # its own small screen, before anything else
        if journal is None:
            return 0  # the person chose to leave
        for note in link_notes + journal.notes:
            print(f"{PROG}: note: {_visible(note)}", file=sys.stderr)
        return _run(journal, demo=False)
    return _run(_open(args, create=True), demo=False)


def _run(journal, *, demo: bool) -> int:
    from tui.app import create_app

    try:
        app = create_app(journal, demo=demo)
        app.run()
        if not demo:
            _daily_backup(journal)
        return app.return_code or 0
    finally:
        journal.close()


def _daily_backup(journal) -> None:
    """Today's copy in the backups folder beside the journal (the newest 7 kept), made
    after the app has closed so it never delays the first screen."""
    from storage import backups

    try:
        backups.daily(journal)
    except JournalError as exc:
        print(f"{PROG}: today's backup was not made: {_visible(str(exc))}", file=sys.stderr)


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "add": cmd_add,
    "list": cmd_list,
    "search": cmd_search,
    "weeks": cmd_weeks,
    "today": cmd_today,
    "export": cmd_export,
    "import": cmd_import,
    "backup": cmd_backup,
    "doctor": cmd_doctor,
    "encrypt": cmd_encrypt,
    "decrypt": cmd_decrypt,
    "passwd": cmd_passwd,
    "show": cmd_show,
    "edit": cmd_edit,
    "delete": cmd_delete,
    "restore": cmd_restore,
    "trash": cmd_trash,
    "tags": cmd_tags,
    "demo": cmd_demo,
    "brief": cmd_brief,
    "calendar": cmd_calendar,
}


def _demo_persona(argv: list[str]) -> list[str]:
    """``--demo withdrawer`` written as ``--demo=withdrawer``, and a bare ``--demo`` as the
    default persona, so that ``--demo`` never takes the word after it unless it names a
    persona (``closer --demo list`` stays a refused quick command, not a persona 'list')."""
    from storage.demo import PERSONAS

    out: list[str] = []
    skip = False
    for n, arg in enumerate(argv):
        if skip:
            skip = False
            continue
        if arg == "--demo":
            following = argv[n + 1] if n + 1 < len(argv) else ""
            skip = following in PERSONAS
            arg = f"--demo={following if skip else PERSONAS[0]}"
        elif arg == "--":
            out += argv[n:]
            break
        out.append(arg)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if "--demo" in argv:  # (only then: quick commands never import the demo)
        argv = _demo_persona(argv)
    args = build_parser(_command_named(argv)).parse_args(argv)
    try:
        if args.command is None:
            return run_app(args)
        if args.demo and args.command != "demo":
            raise InvalidInput(
                f"--demo opens the app on a throw-away journal; for '{args.command}', write "
                f"one with '{PROG} demo --write FILE' and add --db FILE")
        return COMMANDS[args.command](args)
    except JournalError as exc:
        print(f"{PROG}: {_visible(str(exc))}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
