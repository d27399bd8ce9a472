"""`broadside watch`: rebuild on every save, in one warm process, only what the edit touched.

One printer for the whole session, in this process, so fonts, parsed stylesheets and
compiled templates are loaded once and a rebuild is layout and drawing only; each rebuild
is the same `build` as `broadside build`'s. Which outputs an edit touches comes from the
registry (documents/registry.py): the campaign files each reads, its own stylesheet
(tokens.css is everyone's), and its template with everything that template includes, read
from the templates themselves. A mistake in the content is reported and the watch carries on.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from threading import Event
from typing import Any

from broadside.builder.output import sweep, write_all
from broadside.builder.run import build
from broadside.builder.sizing import human_size
from broadside.content.loader import load_campaign
from broadside.deadline import deadline_in, time_limit
from broadside.documents.document import Artifact, Output
from broadside.documents.registry import outputs_for
from broadside.errors import ContentError, Problem, UserError, printable
from broadside.html.stylesheets import SHARED
from broadside.interrupts import deferred
from broadside.options import BuildOptions
from broadside.pdf.printer import LocalPrinter
from broadside.resources import STYLES, TEMPLATES

Say = Callable[[str], None]
ANY_TEMPLATE = "*"  # a template that includes a computed name may include any of them


@dataclass
class Session:
    """A campaign watched into an output folder, with one warm printer."""

    campaign_dir: Path
    out: Path
    options: BuildOptions
    say: Say
    printer: LocalPrinter = field(init=False)

    def __post_init__(self) -> None:
        self.printer = LocalPrinter()

    def rebuild(self, names: Collection[str]) -> bool:
        """Render and write the outputs named; say what happened. False if any failed."""
        started = time.perf_counter()
        # The outputs an edit touched are rebuilt together and written together, like
        # `build`: if one fails (a flyer that no longer fits), none is replaced, so the
        # files on disk always belong to one version of the campaign. The time limit counts
        # from the first file read, as it does for `build`.
        deadline = deadline_in()
        try:
            with time_limit(until=deadline):
                campaign = load_campaign(self.campaign_dir)
                result = build(
                    campaign, self.options, self.printer, frozenset(names), deadline=deadline
                )
        except ContentError as error:
            count = len(error.problems)
            self.say(
                f"{_clock()} {count} mistake{'s' if count != 1 else ''} in "
                f"{self.campaign_dir}; nothing rebuilt, still watching:"
            )
            for line in error.lines(Path.cwd()):
                self.say(f"  {printable(line)}")
            return False
        except UserError as error:
            self._not_rebuilt(error)
            return False
        except Exception:  # a bug in Broadside: said in full, and watching goes on
            self.say(f"{_clock()} not rebuilt, the previous files stay: Broadside failed (a bug):")
            for line in traceback.format_exc().splitlines():
                self.say(f"  {printable(line)}")
            return False
        for warning in result.warnings:
            self.say(f"{_clock()} warning: {printable(warning)}")
        with deferred():  # Ctrl-C waits until the files are written and listed
            try:
                written = write_all({a.name: a.data for a in result.artifacts}, self.out)
            except UserError as error:
                self._not_rebuilt(error)
                return False
            seconds = time.perf_counter() - started
            for artifact, path in zip(result.artifacts, written, strict=True):
                self.say(status_line(artifact, path, seconds))
        return True

    def _not_rebuilt(self, error: UserError) -> None:
        self.say(f"{_clock()} not rebuilt, the previous files stay:")
        for line in error.lines(Path.cwd()):
            self.say(f"  {printable(line)}")


def status_line(artifact: Artifact, path: Path, seconds: float) -> str:
    """`12:03:04 brief.pdf  6 pages  61 KB  in 0.42 s`: one line per file written."""
    pages = "" if artifact.pages is None else f"{artifact.pages} page{_s(artifact.pages)}"
    size = human_size(len(artifact.data))
    return f"{_clock()} {path.name}  {pages:>9}  {size:>7}  in {seconds:.2f} s"


def affected(changed: Iterable[Path], campaign_dir: Path, options: BuildOptions) -> list[str]:
    """The outputs (of those `options` make, in build order) that read any `changed` file."""
    outputs = outputs_for(options)
    names: set[str] = set()
    for path in changed:
        names |= _readers(path.resolve(), campaign_dir.resolve(), outputs)
    return [output.name for output in outputs if output.name in names]


def _readers(path: Path, campaign: Path, outputs: Sequence[Output]) -> set[str]:
    if (relative := _inside(path, campaign)) is not None:
        return {output.name for output in outputs if output.reads_content(relative)}
    if (relative := _inside(path, TEMPLATES)) is not None:
        return {
            output.name
            for output in outputs
            if {relative, ANY_TEMPLATE} & template_closure(output.template)
        }
    if (relative := _inside(path, STYLES)) is not None:
        if relative == SHARED or not relative.endswith(".css"):
            return {output.name for output in outputs}  # shared: tokens, pictures, fonts
        return {output.name for output in outputs if relative in output.sheets}
    return set()


def _inside(path: Path, folder: Path) -> str | None:
    return path.relative_to(folder).as_posix() if path.is_relative_to(folder) else None


def template_closure(name: str) -> set[str]:
    """`name` and every template it extends, includes or imports, as they are on disk now."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError, meta

    from broadside.html.templating import environment

    env = environment()
    assert env.loader is not None
    found: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        if current in found:
            continue
        found.add(current)
        try:
            source = env.loader.get_source(env, current)[0]
            references = list(meta.find_referenced_templates(env.parse(source)))
        except (TemplateNotFound, UnicodeDecodeError):
            continue
        except TemplateSyntaxError:  # mid-edit: assume it may include anything
            found.add(ANY_TEMPLATE)
            continue
        for reference in references:
            pending.append(reference if reference is not None else ANY_TEMPLATE)
    return found


def watch(
    campaign_dir: Path, out: Path, options: BuildOptions, say: Say, stop: Event | None = None
) -> None:
    """Build everything, then rebuild what each batch of saved changes touches, until
    Ctrl-C (KeyboardInterrupt) or `stop` is set."""
    import watchfiles

    if not campaign_dir.is_dir():
        raise ContentError([Problem(campaign_dir, None, None, "campaign folder not found")])
    sweep(out)  # what a killed build or watch left there
    session = Session(campaign_dir, out, options, say)
    folders = [campaign_dir, TEMPLATES, STYLES]
    changes = watchfiles.watch(
        *folders,
        watch_filter=_filter(out),
        stop_event=stop,
        rust_timeout=250,
        yield_on_timeout=True,  # the first (empty) batch says the watcher is running
    )
    started = False
    for batch in changes:
        if not started:
            started = True
            session.rebuild([output.name for output in outputs_for(options)])
            shown = ", ".join(str(folder) for folder in folders)
            say(f"{_clock()} watching {shown}; Ctrl-C to stop")
            continue
        names = affected((Path(path) for _, path in batch), campaign_dir, options)
        if names:
            session.rebuild(names)


def _filter(out: Path) -> Any:
    import watchfiles

    # Our own writes (the output folder, `.name.tmp` files) and editors' scratch files.
    return watchfiles.DefaultFilter(
        ignore_entity_patterns=(
            *watchfiles.DefaultFilter.ignore_entity_patterns,
            r"^\.",
            r"\.tmp$",
        ),
        ignore_paths=(out.resolve(),),
    )


def _clock() -> str:
    return time.strftime("%H:%M:%S")


def _s(count: int) -> str:
    return "" if count == 1 else "s"
