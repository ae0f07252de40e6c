"""Run once more the few tests a suite run failed, named from its JUnit report, and say so.

Browser tests drive a real chromium against a live server on a shared 2-core machine; a rare
timing failure there should not hide the rest of a green run, and a real failure fails again.
More than MAX_RERUN failures is not timing: the run fails at once.

    python tests/rerun_failures.py var/junit.xml
"""

import subprocess
import sys
import xml.etree.ElementTree as ET

MAX_RERUN = 3


def failed_ids(report: str) -> list[str]:
    ids = []
    for case in ET.parse(report).getroot().iter("testcase"):
        if case.find("failure") is not None or case.find("error") is not None:
            module = case.get("classname", "").replace(".", "/")
            ids.append(f"{module}.py::{case.get('name')}")
    return ids


def main() -> int:
    try:
        ids = failed_ids(sys.argv[1])
    except (OSError, ET.ParseError) as exc:
        print(f"rerun: no report to read ({exc}); the run failed")
        return 1
    if not ids or len(ids) > MAX_RERUN:
        print(f"rerun: {len(ids)} failed; not run again (more than {MAX_RERUN} is no accident)")
        return 1
    print("rerun: running once more what failed: " + ", ".join(ids))
    return subprocess.run([sys.executable, "-m", "pytest", *ids]).returncode


if __name__ == "__main__":
    sys.exit(main())
