"""Audit bundles: written deterministically, verified by a re-run, and any tampering caught."""

from __future__ import annotations

import functools
import importlib.util
import io
import json
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from engine_helpers import cases
from inovasi_rules import evaluate, load_ruleset, read_edition, write_edition
from inovasi_rules.audit import MANIFEST, bundle_bytes, verify_bundle, write_bundle
from inovasi_rules.cli import main
from inovasi_rules.contract import schema

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("golden_make", ROOT / "tests" / "golden" / "make.py")
assert _spec is not None
assert _spec.loader is not None
make = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(make)
EXAMPLES = [c for c in make.CASES if not c[2].startswith("synthetic:")]
SUKOHARJO = ROOT / "examples" / "sukoharjo-2023"


@functools.cache
def sukoharjo_bundle() -> bytes:
    rs = load_ruleset("kipp-sukoharjo-2023")
    ed = read_edition(SUKOHARJO)
    return bundle_bytes(rs, ed, evaluate(rs, ed, load_entrypoints=False))


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def rezip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def with_manifest_updated(files: dict[str, bytes]) -> dict[str, bytes]:
    """The tamperer's best effort: every digest in the manifest recomputed."""
    import hashlib

    manifest = json.loads(files[MANIFEST])
    manifest["sha256"] = {n: hashlib.sha256(d).hexdigest() for n, d in files.items() if n != MANIFEST}
    return {**files, MANIFEST: json.dumps(manifest).encode()}


def check(data: bytes, tmp_path: Path):  # type: ignore[no-untyped-def]
    path = tmp_path / "bundle.zip"
    path.write_bytes(data)
    return verify_bundle(path)


def test_a_bundle_holds_the_resolved_ruleset_inputs_result_and_digests() -> None:
    files = members(sukoharjo_bundle())
    assert sorted(files) == [
        "input/sukoharjo-2023/edition.yaml", "input/sukoharjo-2023/judges.csv",
        "input/sukoharjo-2023/scores.csv", "input/sukoharjo-2023/submissions.csv",
        "input/sukoharjo-2023/verdicts.csv", "manifest.json", "result.json", "ruleset.yaml",
    ]
    manifest = json.loads(files[MANIFEST])
    assert manifest["ruleset"]["extends"] == "kipp-regional"
    assert "extends:" not in files["ruleset.yaml"].decode()  # resolved: the parent is written out
    assert files["input/sukoharjo-2023/scores.csv"] == (SUKOHARJO / "scores.csv").read_bytes()
    assert set(manifest["sha256"]) == set(files) - {MANIFEST}
    assert manifest["seeds"] == {
        "lottery": "SHA-256 of 'kipp-sukoharjo-2023' NUL 'sukoharjo-2023' NUL submission id",
        "ruleset": "kipp-sukoharjo-2023", "edition": "sukoharjo-2023",
    }
    assert Draft202012Validator(schema("result")).is_valid(json.loads(files["result.json"]))


def test_the_same_evaluation_gives_the_same_bundle_bytes() -> None:
    rs = load_ruleset("kipp-sukoharjo-2023")
    ed = read_edition(SUKOHARJO)
    assert bundle_bytes(rs, ed, evaluate(rs, ed, load_entrypoints=False)) == sukoharjo_bundle()


@pytest.mark.parametrize(("name", "ruleset", "edition"), EXAMPLES, ids=[c[0] for c in EXAMPLES])
def test_every_bundled_example_verifies(name: str, ruleset: str, edition: str, tmp_path: Path) -> None:
    ref = str(ROOT / ruleset) if ruleset.endswith(".yaml") else ruleset
    rs = load_ruleset(ref)
    ed = read_edition(ROOT / edition)
    write_bundle(tmp_path / "b.zip", rs, ed, evaluate(rs, ed, load_entrypoints=False))
    result = verify_bundle(tmp_path / "b.zip")
    assert result.ok, result.report("en")
    assert result.report("id").startswith("terverifikasi / verified")


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(case=cases())
def test_verify_accepts_every_bundle_the_library_writes(case, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = write_edition(case.ed, tmp_path / "edisi")
    ed = read_edition(folder)
    data = bundle_bytes(case.rs, ed, evaluate(case.rs, ed, load_entrypoints=False))
    result = check(data, tmp_path)
    assert result.ok, result.report("en")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_single_byte_change_to_an_input_or_the_result_is_caught(data, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = members(sukoharjo_bundle())
    name = data.draw(st.sampled_from(sorted(n for n in files if n.startswith("input/") or n == "result.json")))
    at = data.draw(st.integers(0, len(files[name]) - 1))
    byte = data.draw(st.integers(0, 255).filter(lambda b: b != files[name][at]))
    changed = bytearray(files[name])
    changed[at] = byte
    result = check(rezip({**files, name: bytes(changed)}), tmp_path)
    assert not result.ok
    assert any(m.entry == name and m.field == "sha256" for m in result.mismatches)


def test_a_tampered_score_is_caught_even_with_the_manifest_rewritten(tmp_path: Path) -> None:
    files = members(sukoharjo_bundle())
    name = "input/sukoharjo-2023/scores.csv"
    lines = files[name].decode().split("\n")
    assert lines[1] == "SKH-0001,penilaian,J001,ringkasan,77"
    lines[1] = "SKH-0001,penilaian,J001,ringkasan,99"
    files = with_manifest_updated({**files, name: "\n".join(lines).encode()})
    result = check(rezip(files), tmp_path)
    assert not result.ok
    found = {(m.entry, m.field): (m.recorded, m.recomputed) for m in result.mismatches}
    assert found[("SKH-0001", "stages[penilaian].score")] == ("76.87", "77.23")


def test_a_tampered_result_is_caught_with_entry_and_field(tmp_path: Path) -> None:
    files = members(sukoharjo_bundle())
    doc = json.loads(files["result.json"])
    sub = next(s for s in doc["submissions"] if s["id"] == "SKH-0001")
    sub["stages"][1]["rank"] = 1
    files = with_manifest_updated({**files, "result.json": json.dumps(doc).encode()})
    result = check(rezip(files), tmp_path)
    assert [(m.entry, m.field, m.recorded, m.recomputed) for m in result.mismatches] == [
        ("SKH-0001", "stages[penilaian].rank", "1", "13")
    ]


def test_a_tampered_ruleset_is_caught(tmp_path: Path) -> None:
    files = members(sukoharjo_bundle())
    text = files["ruleset.yaml"].decode()
    assert "top: {param: finalists}" in text or "finalists: 10" in text
    files = with_manifest_updated({**files, "ruleset.yaml": text.replace("finalists: 10", "finalists: 12").encode()})
    result = check(rezip(files), tmp_path)
    assert not result.ok
    assert any(m.field == "parameters.finalists" for m in result.mismatches)


def test_a_damaged_or_foreign_file_is_reported_not_raised(tmp_path: Path) -> None:
    assert not check(b"not a zip", tmp_path).ok
    assert [p.rule for p in check(rezip({"a.txt": b"x"}), tmp_path).problems] == ["required"]
    evil = members(sukoharjo_bundle())
    evil["input/../../escape.csv"] = b"x"
    result = check(rezip(with_manifest_updated(evil)), tmp_path)
    assert not result.ok
    assert not (tmp_path.parent / "escape.csv").exists()


# --------------------------------------------------------------------------- the command line


def test_evaluate_bundle_then_verify_on_the_command_line(tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["evaluate", "kipp-sukoharjo-2023", str(SUKOHARJO), "--no-plugins",
                               "--bundle", str(tmp_path / "b.zip")])
    assert out.exit_code == 0, out.output
    assert (tmp_path / "b.zip").read_bytes() == sukoharjo_bundle()
    ok = runner.invoke(main, ["verify", str(tmp_path / "b.zip")])
    assert ok.exit_code == 0
    assert ok.output.startswith("terverifikasi / verified\n")
    one = runner.invoke(main, ["verify", str(tmp_path / "b.zip"), "--submission", "SKH-0001", "--lang", "en"])
    assert one.exit_code == 0
    assert "rank 13, outside the 10 seats" in one.output
    assert "SKH-0001: terverifikasi / verified" in one.output
    files = members(sukoharjo_bundle())
    (tmp_path / "bad.zip").write_bytes(rezip({**files, "result.json": files["result.json"].replace(b'"rank": 13', b'"rank": 12', 1)}))
    bad = runner.invoke(main, ["verify", str(tmp_path / "bad.zip")])
    assert bad.exit_code == 1
    assert bad.output.startswith("TIDAK TERVERIFIKASI / NOT VERIFIED")


def test_verify_tells_an_entrys_story_with_the_rule_names_explain_uses(tmp_path: Path) -> None:
    # the bundle holds the ruleset: an auditor reads the same story as the organiser
    (tmp_path / "b.zip").write_bytes(sukoharjo_bundle())
    runner = CliRunner()
    story = runner.invoke(main, ["explain", "kipp-sukoharjo-2023", str(SUKOHARJO), "SKH-0001",
                                 "--no-plugins", "--lang", "en"])
    assert story.exit_code == 0, story.output
    verified = runner.invoke(main, ["verify", str(tmp_path / "b.zip"), "--submission", "SKH-0001", "--lang", "en"])
    assert verified.exit_code == 0, verified.output
    assert "✓ Kind of entrant: " in verified.output
    assert "entrant-kind" not in verified.output
    assert verified.output.startswith(story.output)

UJI = """\
schema_version: 1
id: uji-json
name: {id: Uji, en: Test}
level: regency
rubrics:
  - id: r
    criteria: [{id: c, weight: 100}]
stages:
  - id: nilai
    kind: assessment
    rubric: r
    advance: {top: 1}
"""
EDITION = {
    "edition": {"id": "uji-2025"},
    "submissions": [{"id": "A"}, {"id": "B"}],
    "scores": [
        {"submission_id": "A", "stage": "nilai", "judge_id": "J1", "criterion": "c", "score": 80},
        {"submission_id": "B", "stage": "nilai", "judge_id": "J1", "criterion": "c", "score": "85,5"},
    ],
}


def test_an_edition_as_json_on_standard_input_gives_the_file_result_and_bundles(tmp_path: Path) -> None:
    (tmp_path / "uji.yaml").write_text(UJI, encoding="utf-8")
    (tmp_path / "uji-2025.json").write_text(json.dumps(EDITION), encoding="utf-8")
    runner = CliRunner()
    args = ["evaluate", str(tmp_path / "uji.yaml"), "--format", "json", "--no-plugins"]
    from_file = runner.invoke(main, [*args, str(tmp_path / "uji-2025.json")])
    from_stdin = runner.invoke(main, [*args, "-", "--bundle", str(tmp_path / "b.zip")], input=json.dumps(EDITION))
    assert from_stdin.exit_code == 0, from_stdin.output
    assert from_stdin.output == from_file.output
    assert json.loads(from_stdin.output)["submissions"][1]["stages"][0]["score"] == "85.50"
    assert verify_bundle(tmp_path / "b.zip").ok


def test_refused_input_is_printed_as_json_problems_root_cause_first(tmp_path: Path) -> None:
    (tmp_path / "uji.yaml").write_text(UJI, encoding="utf-8")
    bad = {
        "submissions": [{"id": "A"}, {"id": "A"}],
        "scores": [{"submission_id": "Z", "stage": "nilai", "judge_id": "J1", "criterion": "c", "score": "x"}],
    }
    out = CliRunner().invoke(main, ["evaluate", str(tmp_path / "uji.yaml"), "-", "--format", "json"],
                             input=json.dumps(bad))
    assert out.exit_code == 1
    doc = json.loads(out.output)
    Draft202012Validator(schema("problems")).validate(doc)
    rules = [p["rule"] for p in doc["problems"]]
    assert (rules[0], rules[-1]) == ("duplicate", "unknown-reference")
    assert {p["file"] for p in doc["problems"]} == {"-"}
    assert {p["path"] for p in doc["problems"]} == {"submissions[1].id", "scores[0].score", "scores[0].submission_id"}


# --------------------------------------------------------------------------- after the objection period

OBJECTIONS = """\
id,objector,submission_id,stage,kind,claim,judge_id,criterion,value,decision,reason,decided_by,decided_at
S-01,Dinas,SKH-0001,penilaian,score,salah ketik,J001,ringkasan,99,ditolak,tidak terbukti,Panel,2024-01-05
"""


def test_a_final_bundle_reruns_the_objections_and_catches_a_changed_decision(tmp_path: Path) -> None:
    (tmp_path / "objections.csv").write_text(OBJECTIONS, encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(main, ["final", "kipp-sukoharjo-2023", str(SUKOHARJO), str(tmp_path / "objections.csv"),
                               "--no-plugins", "--bundle", str(tmp_path / "final.zip")])
    assert out.exit_code == 0, out.output
    assert "S-01  SKH-0001" in out.output
    good = verify_bundle(tmp_path / "final.zip")
    assert good.ok, good.report("en")
    files = members((tmp_path / "final.zip").read_bytes())
    assert {"objections/objections.csv", "provisional.json", "changes.json"} <= set(files)
    # the decision turned from rejected to upheld, digests recomputed: the re-run differs
    files["objections/objections.csv"] = files["objections/objections.csv"].replace(b"ditolak", b"diterima")
    bad = check(rezip(with_manifest_updated(files)), tmp_path)
    assert not bad.ok
    assert ("SKH-0001", "stages[penilaian].score", "76.87", "77.23") in {
        (m.entry, m.field, m.recorded, m.recomputed) for m in bad.mismatches
    }
    assert [p.file for p in bad.problems if p.rule == "mismatch"] == ["changes.json"]


def test_json_problems_of_a_csv_folder_name_file_row_and_column(tmp_path: Path) -> None:
    (tmp_path / "uji.yaml").write_text(UJI, encoding="utf-8")
    folder = tmp_path / "edisi"
    folder.mkdir()
    (folder / "submissions.csv").write_text("id,title\nA,satu\nA,dua\n", encoding="utf-8")
    (folder / "scores.csv").write_text(
        "submission_id,stage,judge_id,criterion,score\nA,nilai,J1,c,delapan\n", encoding="utf-8")
    out = CliRunner().invoke(main, ["evaluate", str(tmp_path / "uji.yaml"), str(folder), "--format", "json"])
    assert out.exit_code == 1
    problems = json.loads(out.output)["problems"]
    found = {(Path(p["file"]).name, p["row"], p["path"], p["rule"]) for p in problems}
    assert ("submissions.csv", 3, "id", "duplicate") in found
    assert ("scores.csv", 2, "score", "data") in found
    assert problems[0]["rule"] == "duplicate"


# --------------------------------------------------------------------------- a stranger's bundle


def _patched(data: bytes, keys: tuple[str, ...], value: object) -> bytes:
    """The bundle ``data`` with one manifest field (its keys from the top) set to ``value``."""
    files = members(data)
    manifest = json.loads(files[MANIFEST])
    holder = manifest
    for k in keys[:-1]:
        holder = holder.setdefault(k, {})
    holder[keys[-1]] = value
    return rezip({**files, MANIFEST: json.dumps(manifest).encode()})


@pytest.mark.parametrize(("keys", "value", "named"), [
    (("library",), "x", "library"),
    (("library",), [1], "library"),
    (("plugins",), ["a"], "plugins"),
    (("plugins",), "yes", "plugins"),
    (("plugins", "load_entrypoints"), "no", "plugins.load_entrypoints"),
    (("edition",), "x", "edition"),
    (("edition", "read_from"), ["a"], "edition.read_from"),
    (("edition", "given_as"), 3, "edition.given_as"),
    (("sha256", "result.json"), 123, "sha256"),
    (("objections",), {"file": ["x"]}, "objections.file"),
    (("objections",), {"file": "objections/o.csv", "announced": "2024-02-30"}, "objections.announced"),
])
def test_a_manifest_field_of_the_wrong_type_is_named_not_raised(
    keys: tuple[str, ...], value: object, named: str, tmp_path: Path
) -> None:
    result = check(_patched(sukoharjo_bundle(), keys, value), tmp_path)
    assert not result.ok
    (problem,) = [p for p in result.problems if p.level == "error"]
    assert problem.rule == "manifest"
    assert problem.path == named
    assert f"`{named}` must be" in problem.message
    assert f"`{named}` harus" in problem.message
    assert "Error" not in problem.message
    assert "attribute" not in problem.message


def test_a_manifest_without_the_library_version_is_named(tmp_path: Path) -> None:
    result = check(_patched(sukoharjo_bundle(), ("library",), {"name": "inovasi-rules"}), tmp_path)
    (problem,) = result.problems
    assert problem.path == "library.version"
    assert "lacks `library.version`" in problem.message
    assert "tanpa `library.version`" in problem.message


def _headers(data: bytes, member: str, fix) -> bytes:  # type: ignore[no-untyped-def]
    """``data`` with ``fix(buffer, offset_of_header, signature)`` applied to the local and
    central headers of ``member``."""
    b = bytearray(data)
    name = member.encode()
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        j = 0
        while (j := b.find(sig, j)) >= 0:
            start = 30 if sig == b"PK\x03\x04" else 46
            if b[j + start:j + start + len(name)] == name:
                fix(b, j, sig)
            j += 4
    return bytes(b)


def _deflated(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


def _damaged_deflate(data: bytes, member: str) -> bytes:
    b = bytearray(data)
    i = b.find(b"PK\x03\x04" + b"", 0)
    while i >= 0:
        name_len, extra_len = int.from_bytes(b[i + 26:i + 28], "little"), int.from_bytes(b[i + 28:i + 30], "little")
        if b[i + 30:i + 30 + name_len] == member.encode():
            body = i + 30 + name_len + extra_len
            b[body:body + 20] = b"\xff" * 20
            return bytes(b)
        i = b.find(b"PK\x03\x04", i + 4)
    raise AssertionError(member)


def _method(value: int):  # type: ignore[no-untyped-def]
    def fix(b: bytearray, j: int, sig: bytes) -> None:
        at = j + (8 if sig == b"PK\x03\x04" else 10)
        b[at:at + 2] = value.to_bytes(2, "little")
    return fix


def _encrypted(b: bytearray, j: int, sig: bytes) -> None:
    at = j + (6 if sig == b"PK\x03\x04" else 8)
    b[at:at + 2] = (int.from_bytes(b[at:at + 2], "little") | 1).to_bytes(2, "little")


SCORES = "input/sukoharjo-2023/scores.csv"


@pytest.mark.parametrize(("damage", "member", "why"), [
    (lambda d: _damaged_deflate(d, SCORES), SCORES, ""),
    (lambda d: _headers(d, SCORES, _method(99)), SCORES, "compression method 99 is not supported"),
    (lambda d: _headers(d, SCORES, _encrypted), SCORES, "it is encrypted"),
    (lambda d: _headers(d, MANIFEST, _encrypted), MANIFEST, "it is encrypted"),
])
def test_a_member_that_cannot_be_read_is_reported_as_damage(damage, member: str, why: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = check(damage(_deflated(members(sukoharjo_bundle()))), tmp_path)
    assert not result.ok
    (problem,) = [p for p in result.problems if p.rule == "damaged"]
    assert f"the bundle is damaged: member {member} cannot be read ({why}" in problem.message
    assert f"berkas bundel rusak: anggota {member} tidak dapat dibaca" in problem.message
    out = CliRunner().invoke(main, ["verify", str(tmp_path / "bundle.zip")])
    assert out.exit_code == 1
    assert out.exception is None or isinstance(out.exception, SystemExit)
    assert "berkas bundel rusak" in out.output


def test_verify_names_a_wrong_manifest_field_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "b.zip").write_bytes(_patched(sukoharjo_bundle(), ("edition",), "x"))
    out = CliRunner().invoke(main, ["verify", str(tmp_path / "b.zip")])
    assert out.exit_code == 1
    assert isinstance(out.exception, SystemExit)
    assert "`edition` must be an object" in out.output
    assert "AttributeError" not in out.output


def test_a_member_held_twice_is_refused_whichever_copy_is_read(tmp_path: Path) -> None:
    files = members(sukoharjo_bundle())
    doc = json.loads(files["result.json"])
    doc["edition"] = "other"
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
        with pytest.warns(UserWarning, match="Duplicate name"):
            z.writestr("result.json", json.dumps(doc))
    result = check(out.getvalue(), tmp_path)
    assert not result.ok
    (problem,) = result.problems
    assert problem.rule == "damaged"
    assert "holds result.json more than once" in problem.message
    assert "memuat result.json lebih dari sekali" in problem.message


def test_verify_of_a_path_that_is_not_a_file_says_so(tmp_path: Path) -> None:
    import os

    os.mkfifo(tmp_path / "pipe.zip")
    (problem,) = verify_bundle(tmp_path / "pipe.zip").problems
    assert "not a regular file" in problem.message
    assert "bukan berkas biasa" in problem.message
