"""Issue 12, attacks 1-4 and 8: a pull request that ships cachelint's own state.

Each test builds a hostile repository in a temporary folder, clones it fresh
(as CI checks out), and checks the clone with the installed ``cachelint``. The
forgeries are in the formats cachelint used to trust (``.cachelint_cache/``
in the tree, ``marshal``) and in today's (a sealed file with a key the pull
request ships): neither may change a verdict, read or write outside, or hang.
What is right is what ``--no-cache`` says.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cachelint import __version__
from cachelint.report import REPORTERS
from tests.catalog.builder import CatalogBuilder
from tests.gitrepo import commit_all, git, init_repo, require_git
from tests.helpers import cachelint_command

SAFETY_TIMEOUT = 60
MEMORY_LIMIT = 2 * 1024**3  # the old marshal weapons asked for 8 GB and more
IN_TREE = ".cachelint_cache"
MEMO = f"{IN_TREE}/yaml-1-{__version__}.marshal"


@pytest.fixture(autouse=True)
def _git() -> None:
    require_git()


def build(root: Path) -> CatalogBuilder:
    """A consistent catalog of two pages, committed."""
    root.mkdir()
    init_repo(root)
    catalog = CatalogBuilder(root).page("develop", "bc").page("develop", "zlib").consistent()
    commit_all(root, "good catalog")
    return catalog


def clone(source: Path, where: Path) -> Path:
    git(source.parent, "clone", "--quiet", str(source), str(where))
    return where


def cachelint(clone: Path, *args: str, fmt: str = "json", user: Path | None = None, **env: str):
    """``cachelint check`` in ``clone`` with the default cache home in ``user``."""
    environment = {k: v for k, v in os.environ.items() if k != "CACHELINT_CACHE_DIR"}
    environment["XDG_CACHE_HOME"] = str(user or clone.parent / "user-cache")
    environment.update(env)
    done = subprocess.run(
        [*cachelint_command(), "check", "--output-format", fmt, *args],
        cwd=clone,
        capture_output=True,
        text=True,
        timeout=SAFETY_TIMEOUT,
        env=environment,
        preexec_fn=_limit_memory if sys.platform == "linux" else None,
        check=False,
    )
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr, done.stderr
    return done


def _limit_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def findings(clone: Path, *args: str, **env: str) -> tuple[int, list[tuple[str, str]]]:
    done = cachelint(clone, *args, **env)
    return done.returncode, sorted((f["path"], f["code"]) for f in json.loads(done.stdout))


def assert_truth_in_every_format(clone: Path, *args: str) -> None:
    """Every output format fails the run, and JSON says what ``--no-cache`` says."""
    truth = findings(clone, "--no-cache", *args)
    assert truth[0] == 1 and truth[1]
    for variant in ((), ("--cache-dir", IN_TREE), ("--isolated",)):
        assert findings(clone, *variant, *args) == truth, variant
    for fmt in REPORTERS:
        assert cachelint(clone, *args, fmt=fmt).returncode == 1, fmt


def memo_key(kind: str, text: str) -> str:
    """The key the data-file memo used (a digest of the text: anyone can compute it)."""
    digest = hashlib.blake2b(kind.encode() + b"\0", digest_size=20)
    digest.update(text.encode())
    return digest.hexdigest()


def ship(root: Path, relative: str, data: bytes) -> None:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def ship_sealed(root: Path, name: str, data: object) -> None:
    """Today's format, sealed with a key that the pull request ships beside it."""
    import hmac

    key = b"k" * 32
    payload = json.dumps(data).encode()
    tag = hmac.new(key, name.encode() + b"\0" + payload, hashlib.sha256).digest()
    ship(root, f"{IN_TREE}/key", key)
    ship(root, f"{IN_TREE}/{name}", b"cachelint-sealed-1\n" + tag + payload)


def commit_pull_request(root: Path) -> None:
    git(root, "add", "--all", "--force")
    git(root, "commit", "--quiet", "-m", "pull request")


# 1. A forged data-file memo says broken site data parses to the good data.


def test_a_forged_memo_does_not_make_broken_site_data_pass(tmp_path: Path) -> None:
    source = tmp_path / "source"
    catalog = build(source)
    good_tags, good_meta = catalog.text("_data/tags.yaml"), catalog.text("_data/meta.yaml")
    bad_tags = good_tags + "- name: develop\n  stacks: [root]\n"  # CL508: named twice
    meta = catalog.derived_meta()
    meta["develop"]["count"] = 7  # CL505, and CL506 for the totals
    catalog.meta(meta).write("_data/tags.yaml", bad_tags)
    bad_meta = catalog.text("_data/meta.yaml")
    import yaml

    entries = {}
    for text, good, schema in ((bad_tags, good_tags, "tags"), (bad_meta, good_meta, "site-meta")):
        entries[memo_key("parse:1:64", text)] = (yaml.safe_load(good), ())
        entries[memo_key(f"schema:{schema}", text)] = (None, ())
    ship(source, MEMO, marshal.dumps(entries))
    as_lists = {key: [value[0], []] for key, value in entries.items()}
    ship_sealed(source, f"yaml-2-{__version__}.json", as_lists)
    commit_pull_request(source)
    checkout = clone(source, tmp_path / "clone")
    assert_truth_in_every_format(checkout)
    assert_truth_in_every_format(checkout, "--changed-since", "HEAD~1")
    codes = {code for _, code in findings(checkout, "--no-cache")[1]}
    assert {"CL505", "CL506", "CL508"} <= codes


# 2. Forged result entries: a None signature matches a page that cannot be stat'ed.


def fingerprint_folder(checkout: Path, scratch: Path) -> str:
    """The results folder a run of these settings uses (learned from a run elsewhere)."""
    cachelint(checkout, "--cache-dir", str(scratch))
    (folder,) = [p.name for p in scratch.iterdir() if p.name.startswith("results-")]
    return folder


def test_forged_results_do_not_pass_a_dangling_page_or_a_wrong_total(tmp_path: Path) -> None:
    source = tmp_path / "source"
    catalog = build(source)
    meta = catalog.derived_meta()
    meta["develop"]["count"] += 999  # right only if the dangling page had 999 specs
    meta["all"]["count"] += 999
    catalog.meta(meta)
    (source / "_cache" / "develop" / "evil").mkdir()
    os.symlink("nowhere/specs.md", source / "_cache" / "develop" / "evil" / "specs.md")
    checkout = tmp_path / "clone"
    folder = fingerprint_folder(clone(source, checkout), tmp_path / "learn")
    subprocess.run(["rm", "-rf", str(checkout)], check=True)
    evil = str(checkout / "_cache" / "develop" / "evil" / "specs.md")
    site = hashlib.sha256(catalog.text("_data/tags.yaml").encode()).hexdigest()
    clean = (True, "", "", (), (999, frozenset(), frozenset(), frozenset({"root"})))
    part = hashlib.blake2b(str(checkout / "_cache" / "develop").encode(), digest_size=12)
    forged = ({evil: (None, "k" * 40, site)}, {"k" * 40: clean})
    ship(source, f"{IN_TREE}/{folder}/{part.hexdigest()}.marshal", marshal.dumps(forged))
    commit_pull_request(source)
    clone(source, checkout)
    assert_truth_in_every_format(checkout, "--changed-since", "HEAD~1")
    assert ("_data/meta.yaml", "CL505") in findings(checkout, "--no-cache")[1]


# 3. Forged plugin entry points: the pull request chooses the modules to import.

EVIL = "from pathlib import Path\nPath(__file__).with_name('pwned').write_text('ran')\n"


def old_entry_point_key(checkout: Path) -> tuple:
    """The key the remembered entry points had, as ``python -m cachelint`` computed it."""
    probe = (
        "import marshal, os, sys\n"
        "sys.path[0] = os.getcwd()  # as python -m sets it\n"
        "folders = []\n"
        "for f in sys.path:\n"
        "    try: m = os.stat(f or '.').st_mtime_ns\n"
        "    except OSError: m = None\n"
        "    folders.append((f, m))\n"
        "key = ('cachelint.rules', sys.executable, sys.version, os.getcwd(), tuple(folders))\n"
        "sys.stdout.buffer.write(marshal.dumps(key))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=checkout, capture_output=True)
    return marshal.loads(done.stdout)


def test_the_tree_cannot_choose_the_plugins(tmp_path: Path) -> None:
    source = tmp_path / "source"
    catalog = build(source)
    broken = catalog.text("_cache/develop/bc/specs.md").replace('"num_specs": 1', '"num_specs": 2')
    catalog.write("_cache/develop/bc/specs.md", broken)  # CL201: the rules must run
    ship(source, "evilmod.py", EVIL.encode())
    ship(
        source, "evil-1.0.dist-info/METADATA", b"Metadata-Version: 2.1\nName: evil\nVersion: 1.0\n"
    )
    ship(source, "evil-1.0.dist-info/entry_points.txt", b"[cachelint.rules]\nCL999 = evilmod\n")
    commit_pull_request(source)
    checkout = clone(source, tmp_path / "clone")
    (checkout / IN_TREE).mkdir()
    key = old_entry_point_key(checkout)
    entries = [("CL999", "evilmod", None, None)]
    (checkout / IN_TREE / "entry-points-1.marshal").write_bytes(marshal.dumps((key, entries)))
    environment = {k: v for k, v in os.environ.items() if k != "CACHELINT_CACHE_DIR"}
    environment["XDG_CACHE_HOME"] = str(tmp_path / "user-cache")
    for command in (cachelint_command(), [sys.executable, "-m", "cachelint"]):
        done = subprocess.run(
            [*command, "check", "--output-format", "json", "."],
            cwd=checkout,
            capture_output=True,
            text=True,
            env=environment,
            timeout=SAFETY_TIMEOUT,
            check=False,
        )
        assert not (checkout / "pwned").exists(), command
        assert done.returncode == 1, done.stderr
        assert json.loads(done.stdout), command


# 4. Cache files as weapons: allocation bombs, links out of the tree, devices, FIFOs.


def weapons(source: Path, catalog: CatalogBuilder, outside: Path) -> None:
    """Files that made the old cache allocate, hang, or write outside the repository."""
    text = catalog.text("_data/tags.yaml")
    laughs: object = "lol"
    for _ in range(40):  # shared references: 538 bytes, 9**40 paths through them
        laughs = (laughs,) * 9
    bomb = {memo_key("parse:1:64", text): ([laughs], ())}
    ship(source, MEMO, marshal.dumps(bomb))
    ship(source, f"{IN_TREE}/entry-points-1.marshal", b"[\xff\xff\xff\x7f")  # 5 bytes
    os.symlink("/dev/zero", source / IN_TREE / f"yaml-2-{__version__}.json")
    os.symlink("/dev/zero", source / IN_TREE / "entry-points-2.json")
    os.symlink(str(outside / "fifo"), source / IN_TREE / "key")
    os.symlink(str(outside / "created"), source / IN_TREE / ".gitignore")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_cache_files_cannot_exhaust_hang_or_write_outside(tmp_path: Path) -> None:
    source, outside = tmp_path / "source", tmp_path / "outside"
    outside.mkdir()
    os.mkfifo(outside / "fifo")
    catalog = build(source)
    weapons(source, catalog, outside)
    commit_pull_request(source)
    checkout = clone(source, tmp_path / "clone")
    started = time.monotonic()
    assert findings(checkout) == (0, [])
    # The gate names the pull request's new ignore file (CL011) and reads none of them.
    gate = findings(checkout, "--changed-since", "HEAD~1")
    assert gate == (0, [(f"{IN_TREE}/.gitignore", "CL011")])
    assert git(checkout, "status", "--porcelain", "--ignored") == ""  # the tree untouched
    # Told to keep the cache in the tree, cachelint replaces what is there, never through.
    assert findings(checkout, "--cache-dir", IN_TREE) == (0, [])
    assert findings(checkout, CACHELINT_CACHE_DIR=str(checkout / IN_TREE)) == (0, [])
    assert time.monotonic() - started < SAFETY_TIMEOUT
    assert sorted(p.name for p in outside.iterdir()) == ["fifo"]  # nothing created there


def test_a_linked_cache_folder_is_never_written_through(tmp_path: Path) -> None:
    source, outside = tmp_path / "source", tmp_path / "outside"
    outside.mkdir()
    build(source)
    os.symlink(str(outside), source / IN_TREE)
    commit_pull_request(source)
    checkout = clone(source, tmp_path / "clone")
    for args in ((), ("--cache-dir", IN_TREE)):
        assert findings(checkout, *args) == (0, [])
    assert findings(checkout, CACHELINT_CACHE_DIR=str(checkout / IN_TREE)) == (0, [])
    assert list(outside.iterdir()) == []


# 8. Stale verdicts: a rewrite within one timestamp tick, site data that appears later.

# A filesystem with one-second timestamps, as cachelint sees it: every stat is coarse.
COARSE = """
import os, sys
_stat = os.stat
def coarse(path, *args, **kwargs):
    r = _stat(path, *args, **kwargs)
    seconds = (int(r.st_atime), int(r.st_mtime), int(r.st_ctime))
    ns = {f"st_{n}time_ns": s * 10**9 for n, s in zip("amc", seconds)}
    return os.stat_result((*tuple(r)[:7], *seconds), ns)
os.stat = coarse
from cachelint.cli.main import main
sys.exit(main())
"""


def test_a_same_size_rewrite_in_the_same_tick_is_checked_again(tmp_path: Path) -> None:
    source = tmp_path / "source"
    catalog = build(source)
    checkout = clone(source, tmp_path / "clone")
    page = checkout / "_cache" / "develop" / "bc" / "specs.md"
    good = page.read_text()
    bad = good.replace('"num_specs": 1', '"num_specs": 2')
    assert len(bad) == len(good)
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "user-cache")}
    environment.pop("CACHELINT_CACHE_DIR", None)
    run = [sys.executable, "-c", COARSE, "check", "--output-format", "json", "."]
    for _ in range(5):  # the write, the run and the rewrite must share one second
        time.sleep(1 - time.time() % 1)
        page.write_text(good)
        first = subprocess.run(run, cwd=checkout, capture_output=True, env=environment)
        with page.open("r+") as stream:  # in place: same inode, same size
            stream.write(bad)
        if int(page.stat().st_mtime) == int(time.time()) == int(os.stat(page).st_ctime):
            break
    assert first.returncode == 0, first.stderr
    again = subprocess.run(run, cwd=checkout, capture_output=True, env=environment)
    assert again.returncode == 1, again.stdout
    assert "CL201" in again.stdout.decode()
    del catalog


def test_a_page_cached_before_the_site_data_existed_is_checked_again(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    init_repo(source)
    catalog = CatalogBuilder(source).page("develop", "bc")
    commit_all(source)
    checkout = clone(source, tmp_path / "clone")
    assert findings(checkout) == (0, [])
    meta = catalog.derived_meta()
    meta["develop"]["count"] = 5
    CatalogBuilder(checkout, catalog.pages).meta(meta)  # _data/ appears, tags.yaml does not
    truth = findings(checkout, "--no-cache")
    assert ("_data/meta.yaml", "CL505") in truth[1]
    assert findings(checkout) == truth
