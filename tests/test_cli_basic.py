"""The first commands: list, show, validate, schema (through click's CliRunner), and
the installed console script once, as a user runs it."""

from __future__ import annotations

import ast
import datetime
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import attrs
import click
import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from inovasi_rules.cli import _COMMANDS as COMMAND_MODULES
from inovasi_rules.cli import main
from inovasi_rules.cli.lazy import LazyCommands, LazyGroup
from inovasi_rules.ruleset import model as m
from inovasi_rules.ruleset.describe import describe_ruleset
from inovasi_rules.ruleset.loading import Registry, check_ruleset, load_ruleset, loads_ruleset

HERE = Path(__file__).parent
INVALID = HERE / "rulesets" / "invalid"
VALID = HERE / "rulesets" / "valid"
INHERIT = HERE / "rulesets" / "inherit"

BUNDLED = [
    "kipp-base",
    "kipp-2019",
    "kipp-2021",
    "kipp-regional",
    "kipp-sukoharjo-2023",
    "kovablik-jatim",
    "winner-2023",
]


@pytest.fixture
def runner(monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    # only the bundled rulesets, whatever plugins happen to be installed
    monkeypatch.setenv("INOVASI_RULES_DISABLE_PLUGIN_AUTOLOAD", "1")
    return CliRunner()


# --------------------------------------------------------------------------- list


@pytest.mark.parametrize("lang", ["id", "en"])
def test_list_shows_every_bundled_ruleset_with_its_title(runner: CliRunner, lang: str) -> None:
    result = runner.invoke(main, ["list", "--lang", lang])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    entries = {e.id: e for e in Registry(bundled=True).entries()}
    for rid in BUNDLED:
        (line,) = [x for x in lines if x.split()[0] == rid]
        assert entries[rid].name.text(lang) in line
    sukoharjo = next(x for x in lines if x.startswith("kipp-sukoharjo-2023 "))
    assert sukoharjo.endswith("<- kipp-regional")
    if lang == "en":
        assert "Sukoharjo Regency KIPP 2023" in sukoharjo


def test_list_shows_rulesets_from_extra_directories_with_their_origin(runner: CliRunner) -> None:
    result = runner.invoke(main, ["list", "--rulesets", str(INHERIT)])
    assert result.exit_code == 0, result.output
    (line,) = [x for x in result.stdout.splitlines() if x.startswith("anak-hapus ")]
    assert "Kompetisi Anak (tanpa syarat umur)" in line
    assert "<- induk" in line
    assert line.endswith("[directory]")
    assert any(x.startswith("kipp-2019 ") for x in result.stdout.splitlines())


# --------------------------------------------------------------------------- show


def show(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(main, ["show", *args])
    assert result.exit_code == 0, result.output
    return result.stdout


#: Lines the summary writes itself (not text copied from the ruleset): their words
#: must all be in the chosen language.
_GENERATED_ID = re.compile(
    r"^\s*(ketentuan|hanya berlaku untuk|juri|yang lolos|penentu seri|konflik kepentingan"
    r"|nilai akhir tahap|bonus|pengurangan|memeriksa|pengajuan tanpa|Tingkat|Pembulatan"
    r"|Gelombang pendaftaran|\d+\. )"
)
_GENERATED_EN = re.compile(
    r"^\s*(condition|applies only to|judges|who advances|tie-break|conflict of interest"
    r"|the stage's final score|bonus|penalty|checks|an entry without|Level|Rounding"
    r"|Registration waves|\d+\. )"
)
_ENGLISH = {
    "mean", "break", "rubric", "conflict", "group", "ties", "advance", "advances", "judges",
    "judge", "top", "seats", "true", "false", "none", "when", "only", "is", "of", "the",
    "and", "or", "at", "most", "least", "with", "score", "stage", "per entry", "flag",
    "screening", "assessment", "presentation", "verification", "trimmed", "half", "up",
}  # fmt: skip
_INDONESIAN = {
    "dan", "atau", "yang", "lolos", "juri", "kursi", "nilai", "sedikitnya", "paling",
    "bukan", "ya", "tidak", "terisi", "kolom", "ketentuan", "teratas", "dari", "salah",
    "satu", "tahap", "dengan", "bila", "pengajuan", "penilaian", "sama", "lama", "sampai",
}  # fmt: skip


def _words(line: str) -> set[str]:
    """The words of a generated line, without what the ruleset itself supplies: ids
    (with - or _), `columns`, (parameter names), names in brackets, and labels."""
    line = re.sub(r"`[^`]*`", " ", line)
    line = re.sub(r"\(parameter [^)]*\)", " ", line)
    line = re.sub(r"\([a-z0-9_.-]+\)", " ", line)  # "(proposal)" after a stage's name
    words = re.findall(r"[A-Za-z][A-Za-z_.-]*", line)
    return {w.lower() for w in words if not re.search(r"[-_.]", w)}


def _stage_and_item_names(ruleset_id: str, lang: str) -> set[str]:
    """Words of the ruleset's own labels (stage, rubric, category names ...), which the
    generated lines quote."""
    r = load_ruleset(ruleset_id)
    criteria = [c for rb in r.rubrics for c in rb.criteria]
    labels = [x.name for x in (*r.stages, *r.categories, *r.rubrics, *criteria)]
    out: set[str] = set()
    for label in labels:
        if label is not None:
            out |= {w.lower() for w in re.findall(r"[A-Za-z]+", label.text(lang))}
    return out


@pytest.mark.parametrize("ruleset_id", BUNDLED)
def test_show_reads_as_indonesian_and_as_english_for_every_bundled_ruleset(
    runner: CliRunner, ruleset_id: str
) -> None:
    text_id = show(runner, ruleset_id, "--lang", "id")
    text_en = show(runner, ruleset_id, "--lang", "en")
    assert text_id != text_en
    for text, pattern, foreign, lang in (
        (text_id, _GENERATED_ID, _ENGLISH, "id"),
        (text_en, _GENERATED_EN, _INDONESIAN, "en"),
    ):
        allowed = _stage_and_item_names(ruleset_id, lang)
        generated = [line for line in text.splitlines() if pattern.match(line)]
        assert len(generated) >= 5
        for line in generated:
            wrong = (_words(line) & foreign) - allowed
            assert not wrong, f"{ruleset_id} --lang {lang}: {sorted(wrong)} in\n{line}"
        # nothing printed as Python would
        for python in ("True", "False", "{'", "Decimal(", "datetime"):
            assert python not in text, python
        assert not re.search(r"\{[a-z_]+\}", text), "a parameter placeholder left unfilled"


def test_show_kipp_2019_in_indonesian(runner: CliRunner) -> None:
    text = show(runner, "kipp-2019", "--lang", "id")
    for phrase in [
        "KIPP Nasional 2019 (kipp-2019)",
        "Tingkat: nasional · Penyelenggara: Kementerian Pendayagunaan Aparatur Negara",
        "Turunan dari: kipp-base",
        "Pembulatan nilai: 2 angka di belakang koma, setengah ke atas",
        "  registration_closes = 21 April 2019",
        "ketentuan: lama dari tanggal mulai inovasi sampai 21 April 2019 "
        "(parameter registration_closes) sedikitnya 1 tahun (parameter min_years)",
        "ketentuan: kolom `proposal_complete` bernilai ya",
        "ketentuan: paling banyak 1 pengajuan per judul; bila lebih, yang diterima yang "
        "terdaftar paling awal",
        "ketentuan: banyaknya top-99 dalam daftar penghargaan inovasi sebelumnya paling banyak 1",
        "ketentuan: daftar penghargaan inovasi sebelumnya tidak memuat satu pun dari: "
        "top-9, top-25, top-35, top-40",
        "ketentuan: kolom `sdgs` terisi",
        "  1. Seleksi administrasi (administrasi): seleksi administrasi",
        "juri: rata-rata nilai para juri; sedikitnya 2 juri per pengajuan; bila kurang, "
        "pengajuan ditandai untuk panitia",
        "yang lolos: 99 teratas, kursinya dibagi sebanding banyaknya pengajuan per jenis "
        "peserta (metode sisa terbesar), sedikitnya 1 per jenis peserta",
        "  2. Penilaian proposal dan dokumentasi (proposal): penilaian, dengan rubrik proposal",
        "nilai akhir tahap = 0,4 × nilai tahap Penilaian proposal dan dokumentasi (proposal) "
        "+ 0,6 × nilai tahap ini",
        "penentu seri: nilai tahap Penilaian proposal dan dokumentasi (proposal), tertinggi "
        "dahulu; lalu nilai kriteria Bermanfaat (bermanfaat), tertinggi dahulu",
        "pengajuan tanpa hasil verifikasi: dianggap lolos",
        "dari yang lolos tahap Observasi lapangan (verifikasi): 45 teratas",
        # criterion descriptions, sources and assumptions are shown, in Indonesian
        "Ringkasan inovasi (maks. 200 kata)",
        "sumber: KepmenPANRB 47/2019 (ditetapkan sesudah masa sanggah",
        "asumsi: Dihitung mundur dari penutupan pendaftaran baru dinyatakan sejak 2021",
    ]:
        assert phrase in text, phrase


def test_show_kipp_2019_in_english(runner: CliRunner) -> None:
    text = show(runner, "kipp-2019", "--lang", "en")
    for phrase in [
        "National KIPP 2019 (kipp-2019)",
        "Level: national · Organiser: Ministry of Administrative and Bureaucratic Reform",
        "Rounding: 2 decimal places, half up",
        "  registration_closes = 21 April 2019",
        "condition: the time from the innovation's start date to 21 April 2019 "
        "(parameter registration_closes) is at least 1 year (parameter min_years)",
        "condition: the column `proposal_complete` is yes",
        "condition: at most 1 entry per title; when there are more, the earliest "
        "registered is accepted",
        "judges: the mean of the judges' totals; at least 2 judges per entry",
        "who advances: the top 99, seats shared in proportion to the entries per kind of "
        "entrant (largest remainder), at least 1 per kind of entrant",
        "the stage's final score = 0.4 × the score of stage Proposal and documentation "
        "assessment (proposal) + 0.6 × this stage's score",
        "tie-break: the score of criterion Significance (signifikansi), highest first; then "
        "the score of criterion Innovative idea (gagasan), highest first",
        "an entry without a verdict is confirmed",
        "of those who passed stage Field observation (verifikasi): the top 45",
        "Summary of the innovation (max. 200 words)",
        "source: KepmenPANRB 47/2019 (fixed after the objection period",
        "assumption: Counting back from the registration close is stated for 2021 onwards",
    ]:
        assert phrase in text, phrase


def test_show_dates_compared_with_a_parameter_read_as_dates(runner: CliRunner) -> None:
    text_id = show(runner, "kipp-sukoharjo-2023", "--lang", "id")
    text_en = show(runner, "kipp-sukoharjo-2023", "--lang", "en")
    assert (
        "ketentuan: tanggal pendaftaran paling lambat 31 Desember 2023 "
        "(parameter registration_closes)"
    ) in text_id
    assert (
        "condition: the registration date is on or before 31 December 2023 "
        "(parameter registration_closes)"
    ) in text_en
    assert "bonus running-bonus: +5 poin (parameter bonus_points) jika status inovasi" in text_id
    assert "konflik kepentingan: juri tidak menilai pengajuan bila instansi juri sama " in text_id
    assert "conflict of interest: a judge does not score an entry when the judge's agency" in (
        text_en
    )
    assert "juri: rata-rata setelah 1 nilai tertinggi dan 1 terendah dibuang" in text_id


def test_show_mapping_parameters_and_lookups(runner: CliRunner) -> None:
    text_id = show(runner, "winner-2023", "--lang", "id")
    text_en = show(runner, "winner-2023", "--lang", "en")
    assert "  focus:\n      sulsel → perkawinan-anak, kemiskinan, stunting, pendidikan, kesehatan\n" in text_id
    assert "ketentuan: kategori salah satu dari: isi tabel `focus` untuk provinsi peserta" in (
        text_id
    )
    assert "the entry of table `focus` for the entrant's province" in text_en
    assert "yang lolos: 3 teratas per provinsi peserta (parameter finalists_per_province)" in (
        text_id
    )
    assert "who advances: the top 3 per entrant's province (parameter finalists_per_province)" in (
        text_en
    )
    assert "Gelombang pendaftaran (menurut provinsi peserta)" in text_id
    assert "banten, ntt; dibuka 6 Februari 2023, ditutup 20 Februari 2023" in text_id
    assert "banten, ntt; opens 6 February 2023, closes 20 February 2023" in text_en
    # a message's {field} placeholders are named, since they differ per entry
    assert "Pendaftaran [nama gelombang] ditutup [tanggal tutup gelombang]" in text_id


def test_show_seats_and_group_conditions(runner: CliRunner) -> None:
    text_id = show(runner, "kipp-2021", "--lang", "id")
    assert (
        "yang lolos: kursi per kelompok: umum 99, replikasi 15, khusus 15 "
        "(parameter replikasi_finalists, khusus_finalists)"
    ) in text_id
    assert "hanya berlaku untuk: kelompok sama dengan umum" in text_id
    assert (
        "ketentuan: paling banyak 10 pengajuan per instansi peserta (parameter cap_umum)" in text_id
    )
    # a message's {parameter} placeholders are filled in
    assert "Instansi ini sudah mengajukan 10 proposal Umum" in text_id


def test_show_a_file_and_an_inherited_one(runner: CliRunner) -> None:
    text = show(runner, str(INHERIT / "child-merge.yaml"), "--lang", "en")
    assert text.startswith("Child competition (anak-gabung)\n")
    assert "Extends: induk" in text
    assert "Public health (kesehatan)" in text
    assert "Honourable mention (harapan)" in text


def test_show_yaml_prints_the_resolved_ruleset(runner: CliRunner) -> None:
    result = runner.invoke(main, ["show", "kipp-2021", "--yaml"])
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith("# ")
    data = yaml.safe_load(text)
    assert data["id"] == "kipp-2021"
    assert "extends" not in data
    again = loads_ruleset(text, registry=Registry(bundled=False))
    check = check_ruleset("kipp-2021")
    assert check.ruleset is not None
    assert again.stages == check.ruleset.stages
    assert again.eligibility == check.ruleset.eligibility


def test_show_an_unknown_ruleset_fails_with_did_you_mean(runner: CliRunner) -> None:
    result = runner.invoke(main, ["show", "kipp-2091"])
    assert result.exit_code == 1
    assert "no ruleset with id 'kipp-2091' and no such file / ruleset tidak ditemukan" in (
        result.output
    )
    assert "did you mean 'kipp-20" in result.output
    assert "'kipp-2019'" in result.output
    assert "'kipp-2021'" in result.output


def test_show_an_invalid_file_lists_the_problems(runner: CliRunner) -> None:
    path = INVALID / "enum-typo.yaml"
    result = runner.invoke(main, ["show", str(path)])
    assert result.exit_code == 1
    assert f"{path}:12:11: error: 'assesment' is not allowed here" in result.output


def test_show_rejects_an_unknown_language(runner: CliRunner) -> None:
    result = runner.invoke(main, ["show", "kipp-2019", "--lang", "fr"])
    assert result.exit_code == 2
    assert "'fr' is not one of 'id', 'en'" in result.output


# --------------------------------------------------------------------------- validate


def test_validate_a_valid_file(runner: CliRunner) -> None:
    path = VALID / "mini.yaml"
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{path}: sah (0 galat, 0 peringatan)\n"


def test_validate_bundled_ids(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", *BUNDLED])
    assert result.exit_code == 0, result.output
    assert result.stdout.count(": sah (0 galat") == len(BUNDLED)


def test_validate_an_invalid_file_prints_every_problem_located(runner: CliRunner) -> None:
    path = INVALID / "dangling-references.yaml"
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    located = [
        x for x in lines if re.match(rf"{re.escape(str(path))}:\d+:\d+: (error|warning): ", x)
    ]
    assert len(located) == 7
    assert (
        f"{path}:36:13: error: unknown rubric 'propsal' / rubrik 'propsal' tidak ada "
        "[stages[1].rubric] (dangling-reference)"
    ) in lines
    assert "    hint: did you mean 'proposal'? / maksud Anda 'proposal'?" in lines
    assert lines[-1] == f"{path}: TIDAK SAH (6 galat, 1 peringatan)"


@pytest.mark.parametrize(
    ("name", "lang", "counts"),
    [
        ("duplicate-key.yaml", "en", "INVALID (1 error, 0 warnings)"),
        ("dangling-references.yaml", "en", "INVALID (6 errors, 1 warning)"),
        ("duplicate-key.yaml", "id", "TIDAK SAH (1 galat, 0 peringatan)"),
    ],
)
def test_validate_counts_read_naturally(runner: CliRunner, name: str, lang: str, counts: str) -> None:
    path = INVALID / name
    result = runner.invoke(main, ["validate", "--lang", lang, str(path)])
    assert result.stdout.splitlines()[-1] == f"{path}: {counts}"


def test_validate_several_files_fails_if_one_fails(runner: CliRunner) -> None:
    good, bad = VALID / "mini.yaml", INVALID / "yaml-tab.yaml"
    result = runner.invoke(main, ["validate", str(good), str(bad)])
    assert result.exit_code == 1
    assert f"{good}: sah (0 galat, 0 peringatan)" in result.stdout
    assert f"{bad}:8:1: error: a tab character" in result.stdout
    assert f"{bad}: TIDAK SAH (1 galat, 0 peringatan)" in result.stdout


def test_validate_a_missing_file(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "nope.yaml"
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert f"{path}: error: no such file: {path} / berkas tidak ditemukan (not-found)" in (
        result.stdout
    )


def test_validate_json_gives_one_record_per_problem(runner: CliRunner) -> None:
    path = INVALID / "many-problems.yaml"
    result = runner.invoke(main, ["validate", "--format", "json", str(path)])
    assert result.exit_code == 1
    records = json.loads(result.stdout)
    check = check_ruleset(path)
    assert len(records) == len(check.problems) == 10
    assert records[0] == {
        "file": str(path),
        "line": 16,
        "column": 8,
        "path": "level",
        "level": "error",
        "rule": "schema",
        "message": "'regensi' is not allowed here / nilai tidak diizinkan",
        "hint": "did you mean 'regency'? / maksud Anda 'regency'?",
    }
    assert {r["level"] for r in records} == {"error", "warning"}
    assert all(set(r) == set(records[0]) for r in records)


_MISSPELT_KIND = """\
id: contoh
extends: mini
name: {id: Contoh, en: Example}
stages:
  - id: proposal
    kind: assesment
"""


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_validate_lists_the_root_cause_first(runner: CliRunner, tmp_path: Path, fmt: str) -> None:
    # A stage kind misspelt in a child makes the parent's use of that stage an error
    # too, located in the parent's file, which comes first by place (a/ before b/): the
    # misspelling is listed first all the same.
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(VALID / "mini.yaml", tmp_path / "a" / "mini.yaml")
    path = tmp_path / "b" / "contoh.yaml"
    path.write_text(_MISSPELT_KIND, encoding="utf-8")
    result = runner.invoke(main, ["validate", "--rulesets", str(tmp_path / "a"), "--format", fmt, str(path)])
    assert result.exit_code == 1
    if fmt == "json":
        found = [(r["file"], r["rule"]) for r in json.loads(result.stdout)]
    else:
        found = [(m[1], m[2]) for line in result.stdout.splitlines()
                 if (m := re.match(r"(.+?):\d+:\d+: error: .*\((.+)\)$", line))]
    assert found == [(str(path), "schema"), (str(tmp_path / "a" / "mini.yaml"), "stage-order")]


def test_validate_json_of_a_valid_file_is_an_empty_list(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate", "--format", "json", str(VALID / "mini.yaml")])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []


def test_strict_turns_warnings_into_failure(runner: CliRunner) -> None:
    path = str(INVALID / "warnings-only.yaml")
    relaxed = runner.invoke(main, ["validate", path])
    assert relaxed.exit_code == 0, relaxed.output
    assert relaxed.stdout.rstrip().endswith("sah (0 galat, 5 peringatan)")
    strict = runner.invoke(main, ["validate", "--strict", path])
    assert strict.exit_code == 1
    assert strict.stdout == relaxed.stdout
    clean = runner.invoke(main, ["validate", "--strict", str(VALID / "mini.yaml")])
    assert clean.exit_code == 0


def test_validate_needs_a_path(runner: CliRunner) -> None:
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 2
    assert "Missing argument 'PATHS...'" in result.output


# --------------------------------------------------------------------------- schema


def test_schema_prints_a_valid_json_schema(runner: CliRunner) -> None:
    result = runner.invoke(main, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert schema["properties"]["schema_version"] == {
        "description": schema["properties"]["schema_version"]["description"],
        "const": 1,
    }
    # the plain mini ruleset is valid against it (dates written as text, as an
    # editor's YAML plugin would read them)
    mini = yaml.safe_load((VALID / "mini.yaml").read_text(encoding="utf-8"))
    mini["parameters"]["reference_date"] = str(mini["parameters"]["reference_date"])
    Draft202012Validator(schema).validate(mini)


def test_help_and_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("list", "show", "validate", "schema"):
        assert re.search(rf"^\s+{command}\s", result.output, re.MULTILINE), command
    version = runner.invoke(main, ["--version"])
    assert version.exit_code == 0
    assert version.output.startswith("inovasi-rules, version ")


# --------------------------------------------------------------------------- console script


def test_the_installed_console_script_runs() -> None:
    script = shutil.which("inovasi-rules", path=str(Path(sys.executable).parent))
    assert script is not None, "the console script is not installed next to the interpreter"
    ok = subprocess.run(
        [script, "validate", str(VALID / "mini.yaml"), str(INVALID / "stage-order.yaml")],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )
    assert ok.returncode == 1, ok.stderr
    assert f"{VALID / 'mini.yaml'}: sah (0 galat, 0 peringatan)" in ok.stdout
    assert f"{INVALID / 'stage-order.yaml'}:12:28: error: verification stage" in ok.stdout
    assert ok.stderr == ""


# --------------------------------------------------------------------------- every form in words

DESCRIBE_ALL = VALID / "describe-all.yaml"


@pytest.fixture(scope="module")
def every_form() -> m.Ruleset:
    return load_ruleset(DESCRIBE_ALL, registry=Registry(bundled=False))


@pytest.mark.parametrize(
    ("lang", "phrases"),
    [
        (
            "id",
            [
                "Tingkat: kota · Tahun: 2024",
                "Pembulatan nilai: 1 angka di belakang koma, setengah ke bilangan genap",
                "  exempt = ya",
                "  late_penalty = -2",
                "ketentuan: kabupaten/kota peserta bukan bandung",
                "ketentuan: kolom `self_score` antara 1 dan 5",
                "ketentuan: lama dari tanggal mulai inovasi sampai 31 Maret 2024 (parameter "
                "closes) paling lama 36 bulan (parameter max_months)",
                "  - paling-lama: Paling lama 36 bulan",
                "ketentuan: banyaknya isi kolom `attachments` sedikitnya 1",
                "ketentuan: kolom `sanction` kosong",
                "ketentuan: tanggal pendaftaran setelah 1 Januari 2024",
                "ketentuan: kategori sama dengan umum atau kolom `exempt` sama dengan ya "
                "(parameter exempt)",
                "ketentuan: hasil fungsi plugin `lokal`(radius=5) bernilai benar",
                "  - Rubrik nilai (nilai): skala nilai 1–10, jumlah bobot 1",
                "         0,6  Mutu (mutu)\n              Mutu pelayanan\n        0,25      Cepat",
                "memeriksa syarat: bukan-kota-lain, skor-antara",
                "juri: rata-rata nilai yang dinormalkan per juri (juri yang menilai sedikitnya 4 "
                "pengajuan); sedikitnya 3 juri per pengajuan; bila kurang, pengajuan gugur",
                "ditandai bila selisih nilai antarjuri lebih dari 2,5",
                "pengurangan terlambat: −2 poin (parameter late_penalty) jika tanggal "
                "pendaftaran paling awal 31 Maret 2024 (parameter closes)",
                "jumlah bonus dan pengurangan paling banyak 3 poin",
                "penentu seri: tanggal pendaftaran, paling awal dahulu; lalu nilai kriteria "
                "Cepat (cepat), tertinggi dahulu",
                "yang lolos: nilai batas lulus 7, lalu 10 teratas (parameter min_score); yang "
                "nilainya sama dengan urutan terakhir ikut lolos",
                "juri: median nilai para juri; sedikitnya 1 juri per pengajuan",
                "yang lolos: semua dengan nilai sedikitnya 8; nilai sama di batas diputus",
                "pengajuan tanpa hasil verifikasi: gugur",
                "  - Terbaik (terbaik): dari yang lolos tahap wawancara: peringkat pertama; yang "
                "nilainya sama dengan urutan terakhir ikut menerima",
            ],
        ),
        (
            "en",
            [
                "Level: city · Year: 2024",
                "Rounding: 1 decimal place, half to even",
                "  exempt = yes",
                "condition: the entrant's regency or city is not bandung",
                "condition: the column `self_score` is between 1 and 5",
                "condition: the time from the innovation's start date to 31 March 2024 "
                "(parameter closes) is at most 36 months (parameter max_months)",
                "condition: the number of items in the column `attachments` is at least 1",
                "condition: the column `sanction` is empty",
                "condition: the registration date is after 1 January 2024",
                "condition: the plugin function `lokal`(radius=5) is true",
                "  - Scoring rubric (nilai): scores from 1 to 10, weights add up to 1",
                "checks the eligibility rules: bukan-kota-lain, skor-antara",
                "judges: the mean of totals normalised per judge (judges who scored at least 4 "
                "entries); at least 3 judges per entry; with fewer, the entry is out",
                "penalty terlambat: −2 points (parameter late_penalty) if the registration date "
                "is on or after 31 March 2024 (parameter closes)",
                "bonuses and penalties add up to at most 3 points",
                "tie-break: the registration date, earliest first; then the score of criterion "
                "Fast (cepat), highest first",
                "who advances: a pass mark of 7, then the top 10 (parameter min_score); "
                "entries tied with the last place all advance",
                "judges: the median of the judges' totals; at least 1 judge per entry",
                "who advances: everyone with a score of at least 8; ties at the cut-off",
                "an entry without a verdict is dropped",
                "  - Best (terbaik): of those who passed stage wawancara: first place; entries "
                "tied with the last place all receive it",
            ],
        ),
    ],
)
def test_every_condition_and_selection_form_in_words(
    every_form: m.Ruleset, lang: str, phrases: list[str]
) -> None:
    text = describe_ruleset(every_form, lang)
    for phrase in phrases:
        assert phrase in text, phrase


def test_negations_read_as_negations(every_form: m.Ruleset) -> None:
    field = m.Field("innovation.status")
    cases = {
        m.Not(m.Compare(field, "in", ("rintisan",))): (
            "status inovasi bukan salah satu dari: rintisan",
            "the innovation's status is none of: rintisan",
        ),
        m.Not(m.Compare(m.Field("registered"), "at_most", datetime.date(2024, 1, 31))): (
            "tanggal pendaftaran setelah 31 Januari 2024",
            "the registration date is after 31 January 2024",
        ),
        m.Not(m.Compare(field, "exists", True)): (
            "status inovasi kosong",
            "the innovation's status is empty",
        ),
        m.Not(m.AllOf((m.Compare(field, "equals", "a"), m.Compare(field, "equals", "b")))): (
            "tidak benar bahwa (status inovasi sama dengan a dan status inovasi sama dengan b)",
            "it is not the case that (the innovation's status is a and the innovation's status is b)",
        ),
    }
    for cond, (idn, en) in cases.items():
        rule = m.Eligibility("x", m.Label("x"), when=cond)
        ruleset = attrs.evolve(every_form, eligibility=(rule,), stages=(), awards=())
        assert f"ketentuan: {idn}\n" in describe_ruleset(ruleset, "id")
        assert f"condition: {en}\n" in describe_ruleset(ruleset, "en")


def test_required_plugins_are_listed(every_form: m.Ruleset) -> None:
    ruleset = attrs.evolve(every_form, plugins=(m.PluginRequirement("dana-insentif", "pkg"),))
    assert "\nPlugin yang diperlukan\n  - dana-insentif (pkg)\n" in describe_ruleset(ruleset, "id")
    assert "\nPlugins required\n  - dana-insentif (pkg)\n" in describe_ruleset(ruleset, "en")


def test_describe_refuses_an_unknown_language(every_form: m.Ruleset) -> None:
    with pytest.raises(ValueError, match="lang must be 'id' or 'en'"):
        describe_ruleset(every_form, "fr")


def test_every_command_in_its_own_module_is_found_by_name_and_listed() -> None:
    ctx = click.Context(main)
    assert isinstance(main, LazyGroup)
    for name in COMMAND_MODULES:
        command = main.get_command(ctx, name)
        assert isinstance(command, click.Command)
        assert command.name == name
    listed = main.list_commands(ctx)
    assert listed == sorted(listed)
    assert set(COMMAND_MODULES) | {"evaluate", "validate", "list", "show", "schema"} == set(listed)
    # what the generated command-line reference reads (mkdocs-click): every command
    assert sorted(c.name or "" for c in main.commands.values()) == listed


def test_a_lazy_command_is_imported_when_first_looked_up() -> None:
    commands = LazyCommands({"explain": ".explain:explain", "wrong": ".explain:explain"})
    assert "explain" in commands
    assert len(commands) == 2
    assert commands.pending() == ["explain", "wrong"]
    assert commands["explain"].name == "explain"
    assert commands.pending() == ["wrong"]
    with pytest.raises(TypeError, match="is not the command 'wrong'"):
        commands["wrong"]
    with pytest.raises(KeyError):
        commands["nothing"]


def test_evaluating_does_not_import_the_other_commands() -> None:
    # a host that calls `inovasi-rules evaluate` per request pays for each import
    script = (
        "import sys\n"
        "from inovasi_rules.cli import main\n"
        "try:\n"
        "    main(['evaluate', 'kipp-sukoharjo-2023', 'examples/sukoharjo-2023', '--format', 'csv'])\n"
        "except SystemExit as exc:\n"
        "    assert exc.code == 0, exc.code\n"
        "print(sorted(m for m in sys.modules if m.startswith(('inovasi_rules.cli.',"
        " 'inovasi_rules.cases', 'tqdm'))), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=HERE.parent, capture_output=True, text=True, check=True)
    assert done.stdout.startswith("submission_id,")
    imported = set(ast.literal_eval(done.stderr.strip().splitlines()[-1]))
    assert imported == {"inovasi_rules.cli.lazy", "inovasi_rules.cli.options",
                        "inovasi_rules.cli.output", "inovasi_rules.cli.usage"}


def test_evaluate_warns_when_the_edition_names_another_ruleset(runner: CliRunner) -> None:
    docs = HERE.parent / "docs" / "explanation"
    result = runner.invoke(
        main, ["evaluate", str(docs / "scoring-example-normalised.yaml"), str(docs / "scoring-example")]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "warning: edition.yaml names the ruleset 'kipp-contoh-2025', but "
        "'kipp-contoh-2025-normal' is evaluated"
    )
    assert "peringatan: edition.yaml menyebut ruleset 'kipp-contoh-2025'" in result.stderr
    assert "warning" not in result.stdout


def test_evaluate_does_not_warn_when_the_edition_names_the_ruleset_evaluated(runner: CliRunner) -> None:
    example = HERE.parent / "examples" / "sukoharjo-2023"
    result = runner.invoke(main, ["evaluate", "kipp-sukoharjo-2023", str(example)])
    assert result.exit_code == 0, result.output
    assert "edition.yaml" not in result.stderr


def test_explain_a_mistyped_id_suggests_the_same_number_first(runner: CliRunner) -> None:
    """``SKH-001`` typed for ``SKH-0001``: the id meant is offered first, in both halves."""
    result = runner.invoke(main, ["explain", "kipp-sukoharjo-2023", str(HERE.parent / "examples" / "sukoharjo-2023"),
                                  "SKH-001"])
    assert result.exit_code == 2
    message = " ".join(result.output.split())
    assert "did you mean SKH-0001," in message
    assert "maksud Anda SKH-0001," in message


def test_every_option_is_explained_in_both_languages() -> None:
    ctx = click.Context(main)
    one_language = []
    for name in main.list_commands(ctx):
        command = main.get_command(ctx, name)
        assert command is not None
        for param in command.params:
            text = getattr(param, "help", None)
            if isinstance(param, click.Option) and param.name not in ("help", "version") and " / " not in (text or ""):
                one_language.append(f"{name} {param.opts[-1]}: {text!r}")
    assert one_language == []
