"""Fuzzing: mutated examples and generated specs/payloads through every stage (see fuzz_harness).

The profile decides the budget: the default "ci" profile keeps the suite under a minute on two
cores; `RECSPEC_FUZZ=long` (or `--hypothesis-profile=long`) runs a soak. A crash found here is
minimised by hypothesis; save it under `tests/fuzz/corpus/` so test_corpus.py replays it forever.
"""

from __future__ import annotations

from fuzz_harness import ENV, SECRET_MARK, check_payload_text, check_spec_text
from generated import generated_specs
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from mutations import PAYLOAD_SEEDS, SPEC_SEEDS, mutated_payloads, mutated_specs

#: Five times the profile's budget (fuzz examples are cheap: a few ms each). The profile is
#: already loaded when this module is imported (by env var or --hypothesis-profile).
_PROFILE = settings.default
assert _PROFILE is not None
SLOW_OK = settings(
    _PROFILE,
    max_examples=_PROFILE.max_examples * 5,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_every_seed_passes_the_oracle() -> None:
    for text in SPEC_SEEDS:
        check_spec_text(text)
    for text in PAYLOAD_SEEDS:
        check_payload_text(text)


@SLOW_OK
@given(mutated_specs())
def test_mutated_specs(text: str) -> None:
    check_spec_text(text)


@SLOW_OK
@given(mutated_payloads())
def test_mutated_payloads(text: str) -> None:
    check_payload_text(text)


@SLOW_OK
@given(generated_specs())
def test_generated_specs(text: str) -> None:
    check_spec_text(text)


@SLOW_OK
@given(st.text(max_size=200))
@example("")
@example("\ufeff")
@example("[a]\n" * 3)
def test_arbitrary_text_as_spec_and_payload(text: str) -> None:
    check_spec_text(text)
    check_payload_text(text)


SECRET_CHARS = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), min_size=0, max_size=8
)


@SLOW_OK
@given(
    seed=st.sampled_from(SPEC_SEEDS),
    tail=SECRET_CHARS,
    field=st.sampled_from(
        [
            "id",
            "app_id",
            "access_token",
            "resolution",
            "fps",
            "bitrate",
            "background",
            "preset",
            "provider",
            "region",
            "bucket",
            "format",
            "folder",
            "max_idle",
            "nonsense_key",
            "streams",
        ]
    ),
)
def test_secrets_never_leak_from_any_field(seed: str, tail: str, field: str) -> None:
    """A secret (with any characters) put in any field never shows in diagnostics."""
    env = {**ENV, "FUZZ_SECRET": SECRET_MARK + tail}
    lines = seed.split("\n")
    reference = '["${env:FUZZ_SECRET}"]' if field == "streams" else '"${env:FUZZ_SECRET}"'
    replaced = [
        f"{field} = {reference}" if line.split("=")[0].strip() == field else line for line in lines
    ]
    if replaced == lines:
        replaced = [*lines, "[video]", f"{field} = {reference}"]
    check_spec_text("\n".join(replaced), env=env)
