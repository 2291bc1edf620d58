"""The front door: ``closer`` opens the app; sub-commands are quick and never import textual.

Every failure is one line on stderr and a non-zero exit code; the journal is left as it was.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Callable, NoReturn, Sequence

from storage import JournalError
from storage.errors import InvalidInput

PROG = "closer"


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors (exit 2) instead of usage dumps."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{PROG}: {message} (see '{self.prog} --help')\n")


def _add_db(parser: argparse.ArgumentParser, top: bool) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help="the journal file (default: $CLOSER_DB, then your user data folder)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
        description="closer: a private journal for when one of you is pulling away.",
    )
    _add_db(parser, top=True)
    parser.add_argument(
        "--demo",
        action="store_true",
        help="open a throw-away journal filled with six weeks of sample data",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(name: str, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        _add_db(p, top=False)
        return p

    p = command("add", "write a quick entry (#tags in the text become tags)")
    p.add_argument("text", nargs="*", help="the entry; read from standard input when absent")
    p.add_argument("--at", metavar="WHEN", help="when it happened: 'yesterday 21:00', '3 days ago'")
    p.add_argument("--mood", metavar="N", help="mood from -2 (very low) to +2 (very good)")
    p.add_argument("--title", metavar="TITLE", default="", help="an optional title")
    p.add_argument("--star", action="store_true", help="mark the entry with a star")

    p = command("list", "show entries, newest first")
    p.add_argument("-n", type=_count, metavar="N", help="only the newest N entries")
    p.add_argument("--from", dest="start", metavar="WHEN", help="from this date on")
    p.add_argument("--to", dest="end", metavar="WHEN", help="up to the end of this date")
    p.add_argument("--tag", metavar="TAG", help="only entries with this tag")
    p.add_argument("--starred", action="store_true", help="only starred entries")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = command("search", "find entries, thought records, loop moments and ritual notes")
    p.add_argument("query", nargs="+", help="words to find (each matches as a prefix)")
    p.add_argument("-n", type=_count, default=20, metavar="N", help="at most N results")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = command("export", "write the whole journal out")
    p.add_argument("--format", required=True, choices=_export_formats(), help="output format")
    p.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of stdout")

    p = command("import", "add records from an export (importing twice adds nothing)")
    p.add_argument("--format", required=True, choices=_import_formats(), help="input format")
    p.add_argument("file", metavar="FILE", help="the file to read ('-' for standard input)")

    p = command("backup", "copy the journal safely, even while the app is open")
    p.add_argument("-o", "--output", metavar="FILE", help="where to write the copy")

    command("doctor", "check the journal's health, format version, counts and file modes")
    return parser


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more: {value}")
    return value


def _export_formats() -> list[str]:
    return ["json", "markdown"]


def _import_formats() -> list[str]:
    return ["json"]


# ---------------------------------------------------------------- helpers


def _open(args: argparse.Namespace, *, create: bool):
    from storage import Journal
    from storage.paths import resolve_db

    path = resolve_db(args.db)
    if not create and not path.exists():
        raise JournalError(f"no journal at {path} yet ('{PROG} add TEXT' starts one)")
    return Journal.open(path, create=create)


def _when(text: str | None, *, end_of_day: bool = False):
    if text is None:
        return None
    from storage.dates import parse_when

    return parse_when(text, end_of_day=end_of_day)


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        return
    target = Path(output).expanduser()
    tmp = target.with_name(f".{target.name}.part")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise JournalError(f"cannot write {target}: {exc.strerror or exc}") from None


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
        text = sys.stdin.read()
    if not text.strip() and not args.title.strip():
        raise InvalidInput("nothing to add: the text is empty")
    when = _when(args.at)
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
    from storage.dates import now

    entry = validate(
        EntryIn,
        {"occurred_at": when or now(), "title": args.title, "body": text.strip("\n"),
         "mood": mood, "starred": args.star},
    )
    with _open(args, create=True) as journal:
        saved = journal.entries.insert(entry)
    tags = " ".join(f"#{t}" for t in saved.tags)
    print(f"Saved entry {saved.id} for {saved.occurred_at:%Y-%m-%d %H:%M}" + (f" ({tags})" if tags else "") + ".")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    start = _when(args.start)
    end = _when(args.end, end_of_day=True)
    if start and end and start > end:
        raise InvalidInput("--from is after --to")
    with _open(args, create=False) as journal:
        entries = journal.entries.list(
            limit=args.n, start=start, end=end, tag=args.tag, starred=True if args.starred else None
        )
    entries.reverse()  # oldest first on screen, like jrnl
    if args.json:
        print(json.dumps([e.to_json() for e in entries], ensure_ascii=False, indent=2))
    else:
        for entry in entries:
            print(_entry_line(entry))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    from storage.dates import local

    with _open(args, create=False) as journal:
        hits = journal.search(" ".join(args.query), limit=args.n)
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
    bold = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    start, end = ("\x1b[1m", "\x1b[0m") if bold else ("[", "]")
    labels = {"entry": "entry", "thought_record": "thought", "loop_event": "loop", "ritual_note": "ritual"}
    for hit in hits:
        print(f"{local(hit.occurred_at):%Y-%m-%d %H:%M}  {labels[hit.kind]:<7}  {hit.plain_snippet(start, end)}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from storage.portable import EXPORTERS

    with _open(args, create=False) as journal:
        if args.output and Path(args.output).expanduser().resolve() == journal.path.resolve():
            raise InvalidInput("the output file is the journal itself; choose another file")
        text = EXPORTERS[args.format](journal)
    _write(text, args.output)
    if args.output:
        print(f"Wrote {args.output}.", file=sys.stderr)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from storage.portable import import_json, read_json_file

    if args.file == "-":
        raw = sys.stdin.buffer.read()
    else:
        try:
            raw = Path(args.file).expanduser().read_bytes()
        except OSError as exc:
            raise InvalidInput(f"cannot read {args.file}: {exc.strerror or exc}") from None
    data = read_json_file(raw)
    with _open(args, create=True) as journal:
        added = import_json(journal, data)
    total = sum(added.values())
    detail = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in added.items() if n)
    print(f"Imported {total} new record{'s' if total != 1 else ''}" + (f": {detail}." if detail else " (all were already here)."))
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    from storage.dates import now

    with _open(args, create=False) as journal:
        target = args.output or journal.path.with_name(f"journal-backup-{now():%Y%m%d-%H%M%S}.db")
        written = journal.backup(target)
    print(f"Backed up to {written}.")
    return 0


def cmd_doctor(args: argparse.Namespace) -> int:
    with _open(args, create=False) as journal:
        report = journal.doctor()
    ok = (
        report["integrity"] == "ok"
        and report["fts"] == "ok"
        and report["file_private"]
        and report["folder_private"]
    )
    print(f"journal:        {report['path']}")
    print(f"integrity:      {report['integrity']}")
    print(f"search index:   {report['fts']}")
    print(f"format version: {report['schema_version']} (this closer writes {report['latest_schema']})")
    print(f"file mode:      {report['file_mode']}" + ("" if report["file_private"] else "  (others can read it: chmod 600)"))
    print(f"folder mode:    {report['folder_mode']}" + ("" if report["folder_private"] else "  (others can list it: chmod 700)"))
    print(f"encrypted:      {'yes' if report['encrypted'] else 'no'}")
    for kind, n in report["counts"].items():
        print(f"  {kind.replace('_', ' '):<16}{n}")
    print("ok" if ok else "problems found (see above)")
    return 0 if ok else 1


def run_app(args: argparse.Namespace) -> int:
    if args.demo:
        import shutil
        import tempfile

        from storage import Journal
        from storage.demo import fill

        folder = Path(tempfile.mkdtemp(prefix="closer-demo-"))
        try:
            journal = Journal.open(folder / "journal.db")
            fill(journal)
            return _run(journal, demo=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
    return _run(_open(args, create=True), demo=False)


def _run(journal, *, demo: bool) -> int:
    from tui.app import create_app

    try:
        app = create_app(journal, demo=demo)
        app.run()
        return app.return_code or 0
    finally:
        journal.close()


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "add": cmd_add,
    "list": cmd_list,
    "search": cmd_search,
    "export": cmd_export,
    "import": cmd_import,
    "backup": cmd_backup,
    "doctor": cmd_doctor,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command is None:
            return run_app(args)
        return COMMANDS[args.command](args)
    except JournalError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return 0


if __name__ == "__main__":
    sys.exit(main())
