"""Tests of inovasi_rules.whatif (what_if, Markdown and HTML) and the compare/replay commands."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from inovasi_rules import Ruleset
from inovasi_rules.cli import main
from inovasi_rules.whatif import (
    RuleChange,
    diff_rulesets,
    parse_values,
    render_html,
    render_markdown,
    summarize,
    what_if,
)
from inovasi_rules.whatif.history import PastEdition, read_history
from test_history import RULESET, edition, history_folder, ruleset, run

ROOT = Path(__file__).resolve().parents[1]

BONUS_ITEM = """\
      - id: bonus-kota
        when: {field: participant.kind, equals: kota}
        add: 1
        message: {id: "Tambahan untuk kota", en: "City bonus"}
"""


@pytest.fixture
def past(tmp_path: Path) -> PastEdition:
    """The test edition on disk with the outcome the test ruleset gives."""
    return read_history(history_folder(tmp_path))


def test_what_if_with_the_same_rules_changes_nothing(past: PastEdition) -> None:
    rs = ruleset()
    report = what_if(rs, rs, [past])
    (ed,) = report.editions
    assert not report.changed
    assert ed.reproduction is not None
    assert ed.reproduction.reproduced
    assert ed.comparison.tau == {"proposal": 1.0}
    assert report.changes == ()
    assert ed.why == {}
    md = render_markdown(report, "en")
    assert "Nobody enters or leaves" in md
    assert "The rules do not differ." in md


def test_what_if_with_a_bonus_reports_who_enters_and_why(past: PastEdition) -> None:
    rs = ruleset()
    messages: list[str] = []
    report = what_if(rs, rs, [past], parameters={"bonus_points": 2}, progress=messages.append)
    (ed,) = report.editions
    (award,) = ed.comparison.awards
    assert (award.gained, award.lost) == (("S4",), ("S3",))
    assert report.changes == (RuleChange("parameters.bonus_points", "0", "2"),)
    assert ed.why["S4"].text("en") == (
        "Proposal assessment: #4 (79.00) → #3 (81.00); bonus-kabupaten +0 → +2; B: rank 3, within the 3 seats")
    assert ed.why["S3"].text("id") == (
        "Penilaian proposal: #3 (80,00) → #4 (80,00); B: peringkat 4, di luar 3 kursi; batas 81,00")
    assert ed.award_stages == {"juara": "proposal"}
    assert [s.stage for s in ed.scores] == ["proposal"]
    assert (str(ed.scores[0].cut_a), str(ed.scores[0].cut_b)) == ("80.00", "81.00")
    assert messages == ["[1/2] uji-2023: A (uji)", "[2/2] uji-2023: B (uji)"]


def test_parameters_set_on_b_win_over_the_edition_parameters(tmp_path: Path) -> None:
    folder = history_folder(tmp_path)
    (folder / "edition.yaml").write_text(
        (folder / "edition.yaml").read_text(encoding="utf-8") + "parameters:\n  bonus_points: 0\n",
        encoding="utf-8")
    past = read_history(folder)
    assert dict(past.edition.parameters) == {"bonus_points": 0}
    rs = ruleset()
    report = what_if(rs, rs, [past], parameters={"bonus_points": 2})
    assert report.editions[0].comparison.awards[0].gained == ("S4",)


def test_sweep_reports_how_the_winners_change(past: PastEdition) -> None:
    rs = ruleset()
    report = what_if(rs, rs, [past], sweep=("bonus_points", [0, 2, 12, 17]))
    got = [(p.value, p.awards["uji-2023"][0].gained, p.awards["uji-2023"][0].lost) for p in report.sweep]
    assert got == [
        (0, (), ()),
        (2, ("S4",), ("S3",)),
        (12, ("S4",), ("S3",)),
        (17, ("S4", "S5"), ("S2", "S3")),
    ]
    md = render_markdown(report, "en")
    assert "| bonus_points = | 0 | 2 | 12 | 17 |" in md
    assert "| Winner | 3 (+0 / −0) | 3 (+1 / −1) | 3 (+1 / −1) | 3 (+2 / −2) |" in md
    text = summarize(report, "en")
    assert "Parameter sweep bonus_points = 0, 2, 12, 17:\n  Winner: 3 (+0 / −0); 3 (+1 / −1); 3 (+1 / −1); 3 (+2 / −2)" in text


def test_unknown_parameter_is_refused_before_any_evaluation(past: PastEdition) -> None:
    rs = ruleset()
    messages: list[str] = []
    with pytest.raises(KeyError, match="bonus_poins"):
        what_if(rs, rs, [past], parameters={"bonus_poins": 2}, progress=messages.append)
    with pytest.raises(KeyError, match="nope"):
        what_if(rs, rs, [past], sweep=("nope", [1]))
    assert messages == []


def test_a_note_when_a_is_not_the_recorded_ruleset(past: PastEdition) -> None:
    other = ruleset(RULESET.replace("id: uji\n", "id: uji-lain\n"))
    report = what_if(other, other, [past])
    (note,) = report.editions[0].notes
    assert "uji-lain" in note.text("en")
    assert "recorded as run under uji" in note.text("en")


def test_rulesets_per_edition(past: PastEdition) -> None:
    rs = ruleset()
    report = what_if({"uji-2023": rs}, {"uji-2023": rs}, [past], parameters={"bonus_points": 2})
    assert (report.ruleset_a, report.ruleset_b) == ("@edition", "@edition")
    assert report.editions[0].ruleset_a == "uji"
    assert report.editions[0].comparison.awards[0].gained == ("S4",)


def test_diff_rulesets_reports_an_added_item_once() -> None:
    a = ruleset()
    b = ruleset(RULESET.replace("        message: {id: \"Tambahan untuk kabupaten\", en: \"Regency bonus\"}\n",
                                "        message: {id: \"Tambahan untuk kabupaten\", en: \"Regency bonus\"}\n"
                                + BONUS_ITEM).replace("{top: 3}", "{top: 2}"))
    changes = diff_rulesets(a, b)
    assert [c.path for c in changes] == [
        "stages[proposal].advance.top",
        "stages[proposal].adjustments[bonus-kota]",
    ]
    assert (changes[0].a, changes[0].b) == ("3", "2")
    assert changes[1].a is None
    assert changes[1].b is not None
    assert "add: 1" in changes[1].b
    assert set(diff_rulesets(b, a)) == {
        RuleChange("stages[proposal].advance.top", "2", "3"),
        RuleChange("stages[proposal].adjustments[bonus-kota]", changes[1].b, None),
    }


def test_parse_values() -> None:
    assert parse_values("0, 2,17") == [0, 2, 17]
    assert [str(v) for v in parse_values("0.5,1")] == ["0.5", "1"]
    assert parse_values("2019-04-21,x") == [__import__("datetime").date(2019, 4, 21), "x"]


# --------------------------------------------------------------------------- rendering


def test_markdown_has_tables_in_both_languages(past: PastEdition) -> None:
    rs = ruleset()
    md = render_markdown(what_if(rs, rs, [past], parameters={"bonus_points": 2}), "id")
    assert md.startswith("# Laporan perbandingan aturan / Rule-change report\n")
    assert "### Corong seleksi / Selection funnel" in md
    assert "| Tahap / Stage | A masuk tahap | A lolos | B masuk tahap | B lolos | masuk | keluar |" in md
    assert "| Seleksi administrasi / Administrative selection | 6 | 5 | 6 | 5 | 0 | 0 |" in md
    assert "| Juara / Winner | 3 | 3 | 1 | 1 |" in md
    assert "| S4 | Inovasi S4 | Kabupaten | Jawa Timur | Pendidikan | 4 | 3 |" in md  # a region by name
    assert "| Kabupaten | 0 | 1 | +1 |" in md
    assert "| Parameter bonus_points (`parameters.bonus_points`) | 0 | 2 |" in md
    # every table row has as many cells as its header
    for block in re.findall(r"((?:^\|.*\|\n)+)", md, flags=re.M):
        widths = {line.count(" | ") for line in block.splitlines() if not line.startswith("|---")}
        assert len(widths) == 1, block


def test_markdown_in_english_puts_english_first(past: PastEdition) -> None:
    rs = ruleset()
    md = render_markdown(what_if(rs, rs, [past]), "en")
    assert "### Selection funnel / Corong seleksi" in md
    assert "| Administrative selection / Seleksi administrasi |" in md


def test_html_is_self_contained_with_charts_and_both_languages(past: PastEdition) -> None:
    rs = ruleset()
    report = what_if(rs, rs, [past], parameters={"bonus_points": 2}, sweep=("bonus_points", [0, 2, 17]),
                     command="inovasi-rules compare uji uji x --set bonus_points=2")
    page = render_html(report, "id")
    assert page.startswith("<!doctype html>")
    # charts: rank changes, scores, composition, sweep; inline SVG drawn by matplotlib
    assert page.count("<svg") == 4
    assert "Matplotlib" in page
    assert "Perubahan peringkat / Rank changes" in page
    # labels in both languages
    for pair in (("Corong seleksi", "Selection funnel"), ("Ringkasan", "Summary"),
                 ("Komposisi pemenang", "Composition of winners"), ("Sapuan parameter", "Parameter sweep")):
        assert all(label in page for label in pair)
    assert "tereproduksi" in page
    assert "reproduced: all 6 recorded outcomes match" in page
    # nothing is fetched from a network
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "<script" not in page
    assert "<link" not in page
    assert "@import" not in page
    assert "<style>" in page
    assert "&#34;" not in page.split("<style>")[1].split("</style>")[0]
    assert "S4" in page
    assert "bonus-kabupaten +0 → +2" in page
    assert "inovasi-rules compare uji uji x --set bonus_points=2" in page


def test_html_charts_do_not_share_ids_and_are_reproducible(past: PastEdition) -> None:
    rs = ruleset()
    report = what_if(rs, rs, [past], parameters={"bonus_points": 2})
    page = render_html(report, "en")
    ids = re.findall(r'<clipPath id="([^"]+)"', page)
    assert ids
    assert len(ids) == len(set(ids))
    assert render_html(report, "en") == page


def test_html_of_an_edition_without_outcomes(tmp_path: Path) -> None:
    from inovasi_rules import write_edition

    write_edition(edition(), tmp_path / "e")
    rs = ruleset()
    report = what_if(rs, rs, [read_history(tmp_path / "e")])
    assert report.editions[0].reproduction is None
    page = render_html(report, "en")
    assert "no outcomes.csv: reproduction not checked" in page


def test_html_lists_reproduction_mismatches(tmp_path: Path) -> None:
    folder = history_folder(tmp_path, result=run(bonus_points=2))  # the record came from other rules
    rs = ruleset()
    report = what_if(rs, rs, [read_history(folder)])
    rep = report.editions[0].reproduction
    assert rep is not None
    assert [m.submission for m in rep.mismatches] == ["S3", "S4"]
    page = render_html(report, "en")
    assert "NOT reproduced: 2 of 6 outcomes differ" in page
    assert "outside the 3 seats" in page


# --------------------------------------------------------------------------- command line


def write_ruleset(root: Path) -> Path:
    """The test ruleset as a file in its own folder (for --rulesets)."""
    folder = root / "rules"
    folder.mkdir()
    path = folder / "uji.yaml"
    path.write_text(RULESET, encoding="utf-8")
    return path


def test_cli_compare_end_to_end_with_set_and_sweep(tmp_path: Path) -> None:
    folder = history_folder(tmp_path)
    rules = write_ruleset(tmp_path)
    out, md = tmp_path / "out" / "report.html", tmp_path / "report.md"
    result = CliRunner().invoke(main, [
        "compare", str(rules), str(rules), str(folder), "--set", "bonus_points=2",
        "--sweep", "bonus_points=0,2,17", "--out", str(out), "--md", str(md), "--lang", "en",
    ])
    assert result.exit_code == 0, result.output
    assert "✔ reproduced: all 6 recorded outcomes match" in result.stdout
    assert "Winner: A 3, B 3; +1 enter, −1 leave" in result.stdout
    assert "Entering (only under B): S4" in result.stdout
    assert "Leaving (only under A): S3" in result.stdout
    assert "  Winner: 3 (+0 / −0); 3 (+1 / −1); 3 (+2 / −2)" in result.stdout
    assert f"report written to {out}" in result.stdout
    assert "[5/5] uji-2023: bonus_points=17 (uji)" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert page.count("<svg") == 4
    assert "--set bonus_points=2 --sweep bonus_points=0,2,17" in page
    assert "| S4 | Inovasi S4 |" in md.read_text(encoding="utf-8")


def test_cli_compare_recorded_rulesets_and_quiet(tmp_path: Path) -> None:
    folder = history_folder(tmp_path)
    rules = write_ruleset(tmp_path)
    result = CliRunner().invoke(main, [
        "compare", "@edition", "@edition", str(folder), "--rulesets", str(rules.parent),
        "--set", "bonus_points=2", "-q",
    ])
    assert result.exit_code == 0, result.output
    assert "Masuk (hanya dengan B): S4" in result.stdout
    assert result.stderr == ""


def test_cli_compare_refuses_an_unknown_parameter(tmp_path: Path) -> None:
    folder = history_folder(tmp_path)
    rules = write_ruleset(tmp_path)
    result = CliRunner().invoke(main, ["compare", str(rules), str(rules), str(folder),
                                       "--set", "bonus=2", "-q"])
    assert result.exit_code == 2
    assert "no parameter 'bonus'" in result.stderr
    assert "bonus_points" in result.stderr


def test_cli_compare_bad_sweep(tmp_path: Path) -> None:
    folder = history_folder(tmp_path)
    rules = write_ruleset(tmp_path)
    result = CliRunner().invoke(main, ["compare", str(rules), str(rules), str(folder), "--sweep", "bonus_points"])
    assert result.exit_code == 2
    assert "NAME=V1,V2" in result.stderr


def test_cli_compare_reports_a_malformed_outcomes_file_with_its_place(tmp_path: Path) -> None:
    folder = history_folder(tmp_path)
    rules = write_ruleset(tmp_path)
    text = (folder / "outcomes.csv").read_text(encoding="utf-8")
    (folder / "outcomes.csv").write_text(text.replace("S2,proposal,advanced", "S2,proposal,menang"),
                                         encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(rules), str(rules), str(folder), "-q"])
    assert result.exit_code == 1
    assert f"{folder / 'outcomes.csv'}: row 3" in result.stderr
    assert "unknown status 'menang'" in result.stderr


def test_cli_compare_without_recorded_ruleset_for_at_edition(tmp_path: Path) -> None:
    from inovasi_rules import Edition, write_edition

    ed = edition()
    bare = Edition.from_records(id=ed.id, submissions=ed.submissions, scores=ed.scores)
    write_edition(bare, tmp_path / "bare")
    result = CliRunner().invoke(main, ["compare", "@edition", "@edition", str(tmp_path / "bare"), "-q"])
    assert result.exit_code == 2
    assert "names no ruleset" in result.stderr


def test_cli_replay(tmp_path: Path) -> None:
    folder = history_folder(tmp_path)
    rules = write_ruleset(tmp_path)
    ok = CliRunner().invoke(main, ["replay", str(folder), "--rulesets", str(rules.parent), "-q", "--lang", "en"])
    assert ok.exit_code == 0, ok.output
    assert "✔ uji-2023 (uji): all 6 recorded outcomes reproduced" in ok.stdout
    changed = CliRunner().invoke(main, ["replay", str(folder), "--ruleset", str(rules),
                                        "--set", "bonus_points=2", "-q", "--lang", "en"])
    assert changed.exit_code == 1
    assert "✘ uji-2023 (uji): 2 of 6 recorded outcomes NOT reproduced" in changed.stdout
    assert "S4 (outcomes.csv row 5): status not_advanced ≠ advanced" in changed.stdout
    assert "within the 3 seats" in changed.stdout


TWO_STAGES = RULESET.replace(
    "    advance: {top: 3}\n",
    "    advance: {top: 3}\n"
    "  - id: presentasi\n"
    "    name: {id: Presentasi, en: Presentation}\n"
    "    kind: presentation\n"
    "    rubric: proposal\n"
    "    judges: {min: 1, aggregate: mean}\n"
    "    advance: {top: 2}\n",
).replace("stage: proposal}", "stage: presentasi}")


def test_entries_reaching_a_stage_they_were_never_scored_at_are_flagged(tmp_path: Path) -> None:
    from inovasi_rules import Edition, evaluate

    base = edition()
    # presentation scores exist only for the three historical finalists
    scores = [*base.scores, *(
        {"submission_id": sid, "stage": "presentasi", "judge_id": "J1", "criterion": "mutu", "score": v}
        for sid, v in (("S1", 70), ("S2", 90), ("S3", 80))
    )]
    ed = Edition.from_records(id=base.id, ruleset="uji", submissions=base.submissions, scores=scores)
    rs = ruleset(TWO_STAGES)
    folder = history_folder(tmp_path, evaluate(rs, ed, load_entrypoints=False), ed)
    report = what_if(rs, rs, [read_history(folder)], parameters={"bonus_points": 2},
                     sweep=("bonus_points", [0, 2]))
    (rep,) = report.editions
    assert rep.unscored == {"presentasi": ("S4",)}
    assert [p.unscored for p in report.sweep] == [{"uji-2023": 0}, {"uji-2023": 1}]
    md = render_markdown(report, "en")
    assert "> ⚠ 1 submissions reach Presentation under B but were never scored there" in md
    assert "| bonus_points = | 0 | 2 |" in md
    # S4 displaces S3 among the finalists, then has no presentation score: S1 wins instead
    assert "| Winner | 2 (+0 / −0) | 2 (+1 / −1) |" in md
    assert "| unscored | 0 | 1 |" in md
    assert "⚠ 1 unscored: presentasi" in summarize(report, "en")
    assert "tidak pernah dinilai di tahap itu" in render_html(report, "en")


def test_the_examples_in_the_docstrings() -> None:
    import doctest
    import importlib
    import pkgutil

    from inovasi_rules import whatif as report

    modules = [report] + [
        importlib.import_module(f"{report.__name__}.{m.name}") for m in pkgutil.iter_modules(report.__path__)
    ]
    tried = 0
    for module in modules:
        failures, count = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert failures == 0, module.__name__
        tried += count
    assert tried >= 6


def test_a_mapping_of_rulesets_must_cover_every_edition(past: PastEdition) -> None:
    rs = ruleset()
    with pytest.raises(ValueError, match="uji-2023"):
        what_if({"other": rs}, rs, [past])


def test_cli_compare_refuses_the_same_edition_twice(tmp_path: Path) -> None:
    folder = history_folder(tmp_path)
    rules = write_ruleset(tmp_path)
    result = CliRunner().invoke(main, ["compare", str(rules), str(rules), str(folder), str(folder), "-q"])
    assert result.exit_code == 2
    assert "two editions with the id 'uji-2023'" in result.stderr


def test_a_rule_change_reads_in_words_with_names_from_the_rulesets() -> None:
    """A meeting reads "Bobot kriteria Kebaruan pada Presentasi dan wawancara: 20 → 10",
    not the path in the ruleset; numbers in the reader's form."""
    from inovasi_rules import load_ruleset
    from inovasi_rules.whatif import diff_rulesets

    a = load_ruleset("kipp-2019")
    b = load_ruleset(str(ROOT / "examples" / "what-if" / "kipp-2019-bobot-replikasi.yaml"))
    changes = {c.path: c for c in diff_rulesets(a, b)}
    novelty = changes["rubrics[presentasi].criteria[kebaruan].weight"]
    assert novelty.sentence("id") == "Bobot kriteria Kebaruan pada Presentasi dan wawancara: 20 → 10"
    assert novelty.sentence("en") == (
        "Weight of the criterion Novelty in Presentation and interview: 20 → 10"
    )
    combined = diff_rulesets(a, a.with_parameters(min_years=2))
    assert [c.sentence("id") for c in combined] == ["Parameter min_years: 1 → 2"]


def test_a_sweep_headline_is_true_of_the_sweep() -> None:
    """B equal to A changes nothing, but the sweep does: the summary must not open with
    "the outcome is the same"."""
    from inovasi_rules import load_ruleset
    from inovasi_rules.whatif import summarize, what_if
    from inovasi_rules.whatif.history import read_history

    kipp = load_ruleset("kipp-2019")
    past = read_history(ROOT / "examples" / "history" / "kipp-2019")
    report = what_if(kipp, kipp, [past], sweep=("min_years", [1, 3]), load_entrypoints=False)
    text = summarize(report, "id")
    first = text.splitlines()[0]
    assert first.startswith("Sapuan min_years: hasil berubah pada 1 dari 2 nilai (3)")
    assert "hasilnya sama" not in text
    assert "tanpa sapuan" in text
    short = [a for p in report.sweep for aw in p.awards.values() for a in aw if a.winners_b < a.winners_a]
    assert short  # at min_years 3, the bundled history leaves seats of the Top 45 empty
    worst = max(short, key=lambda a: a.winners_a - a.winners_b)
    assert f"hanya {worst.winners_b} dari {worst.winners_a} kursi terisi" in text.splitlines()[1]


def _noise_case() -> tuple[PastEdition, Ruleset, Ruleset, Ruleset]:
    """Four entries scored by two judges: A clear at the top, D clear at the bottom, B
    and C tied on average but ordered differently by each judge. Top 1 against Top 2
    moves one of B and C (within noise); Top 1 against Top 3 moves both, and both are
    clear under each rule (beyond noise)."""
    from engine_helpers import edition as make_edition
    from engine_helpers import rows, single_criterion

    def top(k: int) -> Ruleset:
        return single_criterion(f"judges: {{min: 1}}\nadvance: {{top: {k}, ties: break}}")

    table = {"A": {"J1": 90, "J2": 90}, "B": {"J1": 60, "J2": 80}, "C": {"J1": 80, "J2": 60},
             "D": {"J1": 10, "J2": 10}}
    ed = make_edition(list(table), rows("nilai", table))
    return PastEdition(ed, None, "uji"), top(1), top(2), top(3)


def test_what_if_says_which_changes_are_within_judge_noise() -> None:
    past, one, two, three = _noise_case()
    within = what_if(one, two, [past], load_entrypoints=False, noise_replicates=60, noise_seed=4)
    (check,) = within.editions[0].noise or ()
    assert len(check.changed) == 1
    assert check.changed[0] in ("B", "C")
    assert check.within_noise == check.changed
    text = summarize(within)
    assert "Derau juri (60 replikasi, seed 4):" in text
    assert "1 pengajuan berpindah; 1 di antaranya berada dalam zona tak terbedakan" in text
    assert "Semua perpindahan berada dalam derau juri" in text
    assert "Every change is within judge noise" in render_markdown(within, "id")
    page = render_html(within, "en")
    assert "Judge noise (60 replicates, seed 4)" in page
    assert "Every change is within judge noise" in page

    beyond = what_if(one, three, [past], load_entrypoints=False, noise_replicates=60, noise_seed=4)
    (check,) = beyond.editions[0].noise or ()
    assert check.changed == ("B", "C")
    assert check.within_noise == ()
    text = summarize(beyond, "en")
    assert "2 entries change places; 0 of them are within judge noise" in text
    assert "2 entries change places beyond judge noise (clear under both A and B): B, C" in text
    assert "Semua perpindahan" not in render_markdown(beyond, "id")


def test_what_if_without_noise_replicates_has_no_noise_section(past: PastEdition) -> None:
    report = what_if(ruleset(), ruleset(), [past], load_entrypoints=False)
    assert report.editions[0].noise is None
    assert "Derau juri" not in summarize(report) + render_markdown(report) + render_html(report)
    same = what_if(ruleset(), ruleset(), [past], load_entrypoints=False, noise_replicates=5)
    assert "Tidak ada pengajuan yang berpindah di batas mana pun." in summarize(same)
    with pytest.raises(ValueError, match="noise_replicates"):
        what_if(ruleset(), ruleset(), [past], noise_replicates=-1)


def test_cli_compare_noise_replicates(tmp_path: Path) -> None:
    folder = history_folder(tmp_path)
    rules = write_ruleset(tmp_path)
    out = tmp_path / "report.html"
    args = ["compare", str(rules), str(rules), str(folder), "--set", "bonus_points=2",
            "--noise-replicates", "30", "--seed", "3", "--out", str(out)]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "Derau juri (30 replikasi, seed 3):" in first.stdout
    assert "Juara: 2 pengajuan berpindah;" in first.stdout
    assert "--noise-replicates 30 --seed 3" in out.read_text(encoding="utf-8")
    assert "judge noise A" in first.stderr
    again = CliRunner().invoke(main, [*args[:-2], "-q"])
    assert again.exit_code == 0, again.output
    assert again.stdout.splitlines() == [
        x for x in first.stdout.splitlines() if not x.startswith("laporan ditulis")]
    bad = CliRunner().invoke(main, [*args[:6], "--noise-replicates", "-1"])
    assert bad.exit_code == 2
    assert "--noise-replicates" in bad.output
