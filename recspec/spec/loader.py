"""Read a spec: TOML text -> `extends` chain merged -> `${env:...}` filled -> validated `Spec`.

Every problem becomes a `SpecProblem` that names the file and the TOML key path (or an exact
line/column for syntax errors); positions are looked up only for files that have problems.
Nothing here raises on bad input except `UnreadableError` for the spec path itself.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from recspec.diagnostics import dotted
from recspec.source import DecodeProblem, UnreadableError, read_text
from recspec.spec.env import Interpolation, KeyPath, interpolate, is_env_reference
from recspec.spec.toml_reader import parse_toml
from recspec.values import Value

MAX_EXTENDS_DEPTH = 16
#: Tables and arrays nested deeper than this are refused (as for JSON payloads).
MAX_DEPTH = 64
_TOO_DEEP: Any = object()

#: Key names that hold credentials, anywhere in a spec (`room.access_token`, `storage.access_key_id`
#: and `.access_key_secret`, payload fields in `[payload]`): a literal value draws RS805, values
#: are redacted in output.
CREDENTIAL_FIELDS = frozenset(
    {"access_token", "access_key_id", "access_key_secret", "access_key", "secret_key"}
    # ... and their StartRecord (v2) names, for payloads of either dialect
    | {"AccessKeyId", "AccessKeySecret", "SecretId", "SecretKey"}
)


class SpecProblem(Value):
    """A spec-level problem before it has a position: rule code, file, key path or line/col."""

    __slots__ = ("code", "column", "file", "line", "message", "path")

    def __init__(
        self,
        code: str,
        message: str,
        file: str,
        path: KeyPath | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.code = code
        self.message = message
        self.file = file
        self.path = path
        self.line = line
        self.column = column


class LoadedSpec:
    """The merged, interpolated spec data and everything needed to report on it."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.data: dict[str, Any] = {}
        self.spec: Any = None  # once valid: a `Spec`-shaped `SpecNode` tree (recspec.spec.shape)
        self.origins: dict[KeyPath, str] = {}
        self.texts: dict[str, str] = {}
        self.env_used: dict[str, str | None] = {}  # variables read, for the cache
        self.problems: list[SpecProblem] = []
        #: the spec was built without keys that failed to validate (to report every problem
        #: in one run); it must never be written, whatever suppression comments say
        self.partial = False
        self._secrets: set[str] = set()  # see `secrets`
        self._scanned = 0  # how many texts `secrets` has scanned

    @property
    def secrets(self) -> set[str]:
        """Every value to hide from people: credentials and `${env:...}` values found while
        loading, plus any string written after a credential key in the texts (even one that
        does not parse, or one written with escapes). The texts are scanned on first use, so
        a clean spec whose output nobody reads never pays for it."""
        if self._scanned < len(self.texts):
            from recspec.redact import credential_literals

            for text in list(self.texts.values())[self._scanned :]:
                self._secrets.update(credential_literals(text))
            self._scanned = len(self.texts)
        return self._secrets

    def origin(self, path: KeyPath) -> str:
        """The file that set `path` (the longest prefix any file in the chain set)."""
        for end in range(len(path), 0, -1):
            found = self.origins.get(path[:end])
            if found is not None:
                return found
        return self.file


def load_spec(
    path: str | os.PathLike[str] | None = None,
    *,
    text: str | None = None,
    env: Mapping[str, str] | None = None,
    unset_env: str | None = None,
) -> LoadedSpec:
    """Load and validate a spec from `path`, or from `text` (then `path` only names it).

    `unset_env` is for commands that only draw: an unset `${env:NAME}` outside the tables a
    layout reads (`DRAWN_TABLES`) becomes that placeholder instead of an RS803 error, so
    nobody needs storage keys to see a picture.
    """
    name = str(path) if path is not None else "<string>"
    loaded = LoadedSpec(file=name)
    environ = os.environ if env is None else env
    raw = _read_chain(loaded, name, text, stack=())
    if raw is None:
        return loaded
    raw.pop("extends", None)
    result = Interpolation(watch=CREDENTIAL_FIELDS)
    data = interpolate(raw, environ, result)  # in place: `raw` is `data` from now on
    if unset_env is not None:
        _fill_unset(data, result, unset_env)
    for key_path, variable in result.missing:
        loaded.problems.append(
            SpecProblem(
                "RS803",
                f"environment variable {variable} is not set (needed by `{dotted(key_path)}`); "
                f"set it or write ${{env:{variable}:-default}}",
                loaded.origin(key_path),
                key_path,
            )
        )
    loaded._secrets |= result.inserted
    loaded.env_used = result.used
    loaded.data = data
    _check_credentials(loaded, result.watched)
    if not result.missing:
        _validate(loaded)
    return loaded


#: What drawing commands put in place of an unset credential: valid both as a positive id
#: (`room.app_id`) and as a string, and nothing secret.
UNSET_FOR_DRAWING = "1"

#: The top-level tables a drawing reads; their `${env:...}` must be set even to draw.
DRAWN_TABLES = frozenset({"layout", "video"})


def _fill_unset(data: dict[str, Any], result: Interpolation, placeholder: str) -> None:
    """Put `placeholder` at every missing reference outside `DRAWN_TABLES`; keep the rest missing."""
    kept = []
    for key_path, variable in result.missing:
        if key_path[0] in DRAWN_TABLES:
            kept.append((key_path, variable))
            continue
        node: Any = data
        for key in key_path[:-1]:
            node = node[key]
        node[key_path[-1]] = placeholder
    result.missing = kept


def _read_chain(
    loaded: LoadedSpec, name: str, text: str | None, stack: tuple[str, ...]
) -> dict[str, Any] | None:
    """Parse one file and, first, the files it extends; merge them; record key origins."""
    if text is None:
        try:
            text = read_text(name)  # UnreadableError propagates for the top file only
        except DecodeProblem as exc:  # not text: the user's content, so a diagnostic
            loaded.problems.append(
                SpecProblem("RS100", str(exc), name, line=exc.line, column=exc.column)
            )
            return None
    loaded.texts[name] = text  # `loaded.secrets` scans it for credentials when asked
    try:
        data = parse_toml(text)
    except ValueError as exc:  # tomllib is imported only now: a clean spec never needs it
        import tomllib

        if not isinstance(exc, tomllib.TOMLDecodeError):  # int() past the digit limit
            loaded.problems.append(_huge_integer_problem(name, text))
            return None
        from recspec.positions.toml import toml_error_position

        line, column, message = toml_error_position(exc, text)
        loaded.problems.append(
            SpecProblem("RS100", f"invalid TOML: {message}", name, line=line, column=column)
        )
        return None
    except RecursionError:
        data = {"": _TOO_DEEP}
    if _could_nest(text, MAX_DEPTH) and _deeper_than(data, MAX_DEPTH):
        message = f"the spec is nested deeper than {MAX_DEPTH} levels"
        loaded.problems.append(SpecProblem("RS100", message, name, line=1, column=1))
        return None
    bases = data.get("extends")
    merged: dict[str, Any] = {}
    if bases is not None:
        names = [bases] if isinstance(bases, str) else bases
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            loaded.problems.append(
                SpecProblem(
                    "RS804", "`extends` must be a path or a list of paths", name, ("extends",)
                )
            )
            return None
        for index, base in enumerate(names):
            where: KeyPath = ("extends",) if isinstance(bases, str) else ("extends", index)
            base_data = _read_base(loaded, name, base, where, (*stack, _identity(name)))
            if base_data is None:
                return None
            deep_merge(merged, base_data)
    if bases is None and not stack:
        return data  # a spec on its own: every key is its own (`origin` falls back to it)
    _record_origins(data, (), name, loaded.origins)
    deep_merge(merged, data)
    return merged


_LONG_DIGITS = re.compile(rf"[0-9][0-9_]{{{sys.get_int_max_str_digits()},}}")


def _huge_integer_problem(name: str, text: str) -> SpecProblem:
    """RS100 at the integer too long for Python to convert (thousands of digits)."""
    from recspec.source import line_col

    match = _LONG_DIGITS.search(text)
    line, column = line_col(text, match.start()) if match else (1, 1)
    digits = len(match.group().replace("_", "")) if match else 0
    return SpecProblem(
        "RS100",
        f"invalid TOML: integer with {digits} digits, far too large for any key",
        name,
        line=line,
        column=column,
    )


def _read_base(
    loaded: LoadedSpec, child: str, base: str, where: KeyPath, stack: tuple[str, ...]
) -> dict[str, Any] | None:
    if "\0" in base:  # no file system accepts it; Path.resolve() would raise ValueError
        loaded.problems.append(
            SpecProblem("RS804", "`extends` path contains a NUL character", child, where)
        )
        return None
    parent = Path(child).parent if child != "<string>" else Path.cwd()
    target = parent / base
    try:
        resolved = str(target.resolve())
    except OSError as exc:  # e.g. a symlink loop
        loaded.problems.append(
            SpecProblem("RS804", f"cannot resolve extends {base!r}: {exc}", child, where)
        )
        return None
    if resolved in stack:
        chain = " -> ".join([*stack, resolved])
        loaded.problems.append(SpecProblem("RS804", f"extends cycle: {chain}", child, where))
        return None
    if len(stack) >= MAX_EXTENDS_DEPTH:
        loaded.problems.append(
            SpecProblem(
                "RS804", f"extends chain deeper than {MAX_EXTENDS_DEPTH} files", child, where
            )
        )
        return None
    refusal = _base_refusal(str(target))
    if refusal:
        loaded.problems.append(SpecProblem("RS804", f"extends {base!r}: {refusal}", child, where))
        return None
    try:
        text = read_text(target)
    except UnreadableError as exc:
        loaded.problems.append(
            SpecProblem("RS804", f"cannot read extends {base!r}: {exc} ({resolved})", child, where)
        )
        return None
    except DecodeProblem as exc:
        loaded.problems.append(
            SpecProblem("RS804", f"extends {base!r} is not text: {exc} ({resolved})", child, where)
        )
        return None
    from recspec.lint import display_path

    return _read_chain(loaded, display_path(str(target)), text, stack)


def _base_refusal(path: str) -> str:
    """Why `path` may not be an `extends` base ("" when it may).

    The boundary: a base is a TOML spec, so it must be named `*.toml` and be a regular file.
    Anything else (`~/.git-credentials`, `/etc/passwd`, a FIFO that would block the read) is
    refused without being opened, so no line of it can reach a report or a CI log.
    """
    import stat

    if not path.lower().endswith(".toml"):
        return "a base must be a TOML spec named *.toml; other files are not read"
    try:
        info = os.stat(path)
    except OSError:
        return ""  # missing or unreadable: reading it says so
    if not stat.S_ISREG(info.st_mode):
        return "not a regular file (a FIFO, device or socket); refused without opening it"
    return ""


def _could_nest(text: str, limit: int) -> bool:
    """Whether `text` has enough `[`, `{` and `.` to nest deeper than `limit` at all.

    Each level of TOML nesting needs one of them (a table header or array `[`, an inline
    table `{`, a dotted-key `.`), so a normal spec skips the walk in `_deeper_than`.
    """
    return text.count("[") + text.count("{") + text.count(".") >= limit


def _deeper_than(data: Any, limit: int) -> bool:
    """Iterative depth check, so hostile nesting never reaches a recursive step."""
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        node, depth = stack.pop()
        if node is _TOO_DEEP or depth > limit:
            return True
        if isinstance(node, dict):
            stack.extend((value, depth + 1) for value in node.values())
        elif isinstance(node, list):
            stack.extend((value, depth + 1) for value in node)
    return False


def _identity(name: str) -> str:
    try:
        return str(Path(name).resolve())
    except OSError:
        return name


def _record_origins(
    data: dict[str, Any], path: KeyPath, file: str, origins: dict[KeyPath, str]
) -> None:
    for key, value in data.items():
        here = (*path, key)
        origins[here] = file
        if isinstance(value, dict):
            _record_origins(value, here, file, origins)


def deep_merge(target: dict[str, Any], source: dict[str, Any]) -> None:
    """Deep-merge tables; scalars and arrays from `source` replace what `target` has."""
    for key, value in source.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            deep_merge(target[key], value)
        else:
            target[key] = _copy(value)


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _check_credentials(loaded: LoadedSpec, credentials: list[tuple[KeyPath, str]]) -> None:
    """RS805: a credential written literally in the spec instead of `${env:NAME}`.

    `credentials` are the strings under credential-named keys as written (before
    interpolation), found by `interpolate`'s walk. Everywhere, not only in [payload]: a
    credential-named key in the wrong table (a typo, a top-level `access_token = "..."`)
    still holds a credential and must be redacted.
    """
    literal = [
        (path, value) for path, value in credentials if value and not is_env_reference(value)
    ]
    for key_path, value in sorted(literal, key=lambda item: repr(item[0])):
        loaded._secrets.add(value)
        loaded.problems.append(
            SpecProblem(
                "RS805",
                f'`{dotted(key_path)}` is written in the spec; use "${{env:NAME}}" so the '
                "credential stays out of the repository",
                loaded.origin(key_path),
                key_path,
            )
        )


#: pydantic appends the branch of a union that failed to an error's location (`.int`,
#: `.str`, `.function-after[...]`); users wrote the key, not the branch.
_BRANCH = re.compile(
    r"^(int|str|bool|float|list\[.*\]|dict\[.*\]|function-\w+\[.*\]|literal\[.*\])$"
)


def _digits_fix(value: Any) -> str:
    """'a whole number; write 30' for "30fps" or 30.0."""
    match = re.search(r"\d+", str(value)) if isinstance(value, str | float) else None
    return f"a whole number; write {match.group(0)}" if match else ""


def _missing_message(root: Any, loc: tuple[str | int, ...]) -> str:
    """'`room.id` is required', or for a whole table, the table to add and its required keys."""
    from recspec.modelpath import model_at, unwrap

    owner = model_at(root, loc)
    field = getattr(owner, "model_fields", {}).get(loc[-1]) if owner else None
    table = unwrap(field.annotation) if field is not None else None
    if table is None or not hasattr(table, "model_fields"):
        return f"`{dotted(loc)}` is required"
    needed = [name for name, sub in table.model_fields.items() if sub.is_required()]
    keys = f" with {', '.join(needed)}" if needed else ""
    return f"the [{dotted(loc)}] table is missing; add a [{dotted(loc)}] table{keys}"


def _written(data: Any, loc: tuple[str | int, ...], fallback: Any) -> Any:
    """The value at `loc` as the spec wrote it (pydantic reports it after `units.word`)."""
    for step in loc:
        if (isinstance(data, dict) and step in data) or (
            isinstance(data, list) and (isinstance(step, int) and 0 <= step < len(data))
        ):
            data = data[step]  # type: ignore[index]
        else:
            return fallback
    return data


def _key_loc(loc: tuple[str | int, ...]) -> tuple[str | int, ...]:
    """The spec key path of a pydantic error location, union branches removed."""
    return tuple(step for step in loc if not (isinstance(step, str) and _BRANCH.match(step)))


def _validate(loaded: LoadedSpec) -> None:
    """Validate against the spec models; map each pydantic error to RS801/RS802/RS806.

    A clean spec is validated without pydantic (`recspec.spec.shape`, ~60 ms less start-up);
    only a spec with problems pays for the models, whose errors make the messages.
    """
    from recspec.spec.shape import fast_validate

    loaded.spec = fast_validate(loaded.data)
    if loaded.spec is not None:
        return
    from pydantic import ValidationError

    from recspec.modelpath import model_at, suggest, type_name
    from recspec.spec.models import Spec

    try:
        loaded.spec = Spec.model_validate(loaded.data)
    except ValidationError as exc:
        from recspec.spec.words import accepted_forms, provider_hint, shown

        seen: set[tuple[str | int, ...]] = set()
        for error in exc.errors(include_url=False):
            loc = _key_loc(tuple(error["loc"]))  # without union-branch names (`.int`, `.str`)
            kind = error["type"]
            where = dotted(loc)
            forms = accepted_forms(loc)
            if loc in seen:
                continue  # one finding per key, however many union branches failed
            seen.add(loc)
            got = _written(loaded.data, loc, error.get("input"))
            if kind == "extra_forbidden":
                known = list(getattr(model_at(Spec, loc), "model_fields", {}))
                code, message = "RS801", f"unknown key `{where}`{suggest(str(loc[-1]), known)}"
            elif kind == "missing":
                code, message = "RS806", _missing_message(Spec, loc)
            elif kind == "literal_error":
                expected = str(error.get("ctx", {}).get("expected", ""))
                options = [o.strip(" '\"") for o in expected.replace(" or ", ",").split(",")]
                hint = provider_hint(loc, got, options)
                if not hint and isinstance(got, str):
                    near = suggest(got, options)
                    hint = near if "did you mean" in near else ""
                code, message = "RS802", f"`{where}` is {shown(got)}; it must be {expected}{hint}"
            elif forms:
                fix = _digits_fix(got) if forms.startswith("a whole number") else ""
                code, message = "RS802", f"`{where}`: {shown(got)} is not {fix or forms}"
            elif kind == "value_error":
                code, message = (
                    "RS802",
                    f"`{where}`: {str(error['msg']).removeprefix('Value error, ')}",
                )
            else:
                expected = (
                    str(error["msg"]).removeprefix("Input should be ").removeprefix("a valid ")
                )
                code = "RS802"
                message = f"`{where}` should be {expected}, not {type_name(error.get('input'))}"
            loaded.problems.append(SpecProblem(code, message, loaded.origin(loc), loc))
        loaded.spec = _without(loaded.data, seen)
        loaded.partial = True


#: Keys that decide what the rest of the spec means: with one of them wrong, a build around it
#: would report problems the user does not have.
_DECISIVE = frozenset(
    {
        ("target",),
        ("record", "mode"),
        ("record", "media"),
        ("output", "format"),
        ("storage", "provider"),
        ("layout", "preset"),
        ("video", "resolution"),
    }
)


def _without(data: dict[str, Any], bad: set[tuple[str | int, ...]]) -> Any:
    """The spec validated without the keys that failed, so that one run reports the unit and
    range errors beside a typo; None when that would not be sound (a decisive key failed, a
    required key is missing, or a whole table is wrong)."""
    from recspec.spec.shape import fast_validate

    if any(len(loc) < 2 or loc[:2] in _DECISIVE or loc[0] == "extends" for loc in bad):
        return None
    pruned = _copy(data)
    for loc in sorted(bad, key=len, reverse=True):
        parent = pruned
        for step in loc[:-1]:
            parent = parent.get(step) if isinstance(parent, dict) else None
        if not isinstance(parent, dict) or loc[-1] not in parent:
            return None  # a missing key, or a list item: nothing sound to leave out
        del parent[loc[-1]]
    return fast_validate(pruned)
