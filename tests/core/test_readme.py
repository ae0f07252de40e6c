"""The README shows what a newcomer types and what they get back: keep it true."""

import io
import re
from pathlib import Path

import pytest

from stretching.cli import build_parser, main

README = (Path(__file__).resolve().parents[2] / "README.md").read_text()
EXAMPLES = re.findall(r"```console\n\$ sciatica (.+?)\n(.*?)```", README, re.S)


def test_the_quick_start_is_make_run_and_make_test():
    block = README.split("## Quick start", 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
    assert [line.split()[:2] for line in block.strip().splitlines()] == [
        ["make", "run"],
        ["make", "test"],
    ]


@pytest.mark.parametrize("args, expected", EXAMPLES, ids=[a for a, _ in EXAMPLES])
def test_the_readme_shows_the_real_output(args, expected):
    out = io.StringIO()
    assert main(args.split(), out=out) == 0
    assert out.getvalue() == expected


def test_every_command_is_in_the_readme():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name in sub.choices:
        assert f"`sciatica {name}" in README, name
