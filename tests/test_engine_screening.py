"""The engine's screening (eligibility, missing data, caps per group, counts over
history, dates, waves), verification verdicts and withdrawn submissions."""

from __future__ import annotations

from typing import Any

import pytest

from engine_helpers import edition, outcome, reasons, ruleset, run, shuffled
from inovasi_rules import explain

ELIGIBILITY = """\
parameters:
  reference_date: 2023-12-31
  min_years: 2
eligibility:
  - id: jenis
    when: {field: participant.kind, in: [perangkat_daerah, upt]}
    message: {id: "Peserta harus perangkat daerah atau UPT", en: "Entrant must be an agency or a technical unit"}
  - id: umur
    when: {years_since: innovation.started, as_of: {param: reference_date}, at_least: {param: min_years}}
    message: {id: "Inovasi harus sudah berjalan {min_years} tahun", en: "The innovation must have run {min_years} years"}
  - id: top99
    when: {count: {field: innovation.previous_awards, equals: top-99}, at_most: 1}
    message: {id: "Sudah dua kali masuk Top 99", en: "Already in the Top 99 twice"}
stages:
  - {id: administrasi, kind: screening}
"""


def _screen(subs: list[dict[str, Any]], body: str = ELIGIBILITY) -> Any:
    return run(ruleset(body), edition(subs))


def test_admit_and_reject_with_bilingual_messages() -> None:
    res = _screen(
        [
            {"id": "OK", "participant.kind": "upt", "innovation.started": "2020-01-01"},
            {"id": "BUMD", "participant.kind": "bumd", "innovation.started": "2020-01-01"},
        ]
    )
    ok = outcome(res, "OK", "administrasi")
    assert ok.status == "advanced"
    assert [(r.rule, r.passed) for r in ok.reasons] == [
        ("jenis", True),
        ("umur", True),
        ("top99", True),
    ]
    bad = outcome(res, "BUMD", "administrasi")
    assert bad.status == "ineligible"
    (jenis,) = reasons(bad, "jenis")
    assert jenis.passed is False
    assert jenis.kind == "eligibility"
    assert jenis.message.text("id") == "Peserta harus perangkat daerah atau UPT"
    assert jenis.message.text("en") == "Entrant must be an agency or a technical unit"
    assert jenis.detail is not None
    assert (
        jenis.detail.text("en") == "participant.kind = bumd, is not one of [perangkat_daerah, upt]"
    )
    assert (
        jenis.detail.text("id") == "participant.kind = bumd, tidak termasuk [perangkat_daerah, upt]"
    )
    # the other rules are still checked and reported
    assert [r.rule for r in bad.reasons] == ["jenis", "umur", "top99"]
    # placeholders in a message are filled from the parameters
    (umur,) = reasons(ok, "umur")
    assert umur.message.text("id") == "Inovasi harus sudah berjalan 2 tahun"
    assert umur.message.text("en") == "The innovation must have run 2 years"


def test_date_arithmetic_is_explained() -> None:
    res = _screen([{"id": "X", "participant.kind": "upt", "innovation.started": "2022-03-01"}])
    (umur,) = reasons(outcome(res, "X", "administrasi"), "umur")
    assert umur.passed is False
    # 2022-03-01 to 2023-12-31: 1 year and 9 whole months (March to December)
    assert umur.detail is not None
    assert umur.detail.text("id") == (
        "innovation.started 1 Maret 2022: 1 tahun 9 bulan sebelum 31 Desember 2023, kurang dari 2 tahun"
    )
    assert umur.detail.text("en") == (
        "innovation.started 1 March 2022: 1 year 9 months before 31 December 2023, less than 2 years"
    )
    assert "1 tahun 9 bulan" in explain(res, "X", "id")


@pytest.mark.parametrize(
    ("started", "passed"),
    [
        ("2021-12-31", True),  # exactly 2 years
        ("2022-01-01", False),  # 1 year 11 months 30 days
        ("2021-12-30", True),
    ],
)
def test_whole_years_at_the_boundary(started: str, passed: bool) -> None:
    res = _screen([{"id": "X", "participant.kind": "upt", "innovation.started": started}])
    assert reasons(outcome(res, "X", "administrasi"), "umur")[0].passed is passed


def test_missing_data_is_a_finding_naming_the_field_never_false() -> None:
    res = _screen([{"id": "X", "participant.kind": "upt"}])
    o = outcome(res, "X", "administrasi")
    assert o.status == "ineligible"
    (umur,) = reasons(o, "umur")
    assert umur.passed is None  # neither true nor false
    assert umur.missing == ("innovation.started",)
    assert (
        umur.message.text("id")
        == "Inovasi harus sudah berjalan 2 tahun (data tidak ada: innovation.started)"
    )
    assert (
        umur.message.text("en")
        == "The innovation must have run 2 years (data missing: innovation.started)"
    )
    # it turned the entry down: a failure, its missing data said once
    assert "   ✗ umur: The innovation must have run 2 years (data missing: innovation.started)\n" in explain(
        res, "X", "en")


def test_the_summary_counts_a_rule_once_whether_its_data_was_missing_or_failed() -> None:
    from inovasi_rules.summary import rejections

    res = _screen([
        {"id": "X", "participant.kind": "upt"},
        {"id": "Y", "participant.kind": "upt", "innovation.started": "2023-06-01"},
    ])
    assert [(rule, ids) for rule, _, ids in rejections(res, "en") if rule == "umur"] == [("umur", ["X", "Y"])]


def test_missing_data_does_not_matter_when_the_outcome_is_decided_anyway() -> None:
    body = """\
        eligibility:
          - id: salah-satu
            when:
              any:
                - {field: participant.kind, equals: upt}
                - {field: budget, at_least: 100}
            message: {id: "UPT atau anggaran 100", en: "A technical unit or a budget of 100"}
          - id: keduanya
            when:
              all:
                - {field: participant.kind, equals: upt}
                - {field: budget, at_least: 100}
            message: {id: "UPT dan anggaran 100", en: "A technical unit and a budget of 100"}
        stages:
          - {id: administrasi, kind: screening, rules: [salah-satu]}
          - {id: administrasi-2, kind: screening, rules: [keduanya]}
        """
    res = _screen(
        [{"id": "U", "participant.kind": "upt"}, {"id": "B", "participant.kind": "bumd"}], body
    )
    # U: any -> true (the first part is true, budget is not needed)
    assert outcome(res, "U", "administrasi").status == "advanced"
    # U: all -> missing (the first part is true, the second cannot be known)
    k = reasons(outcome(res, "U", "administrasi-2"), "keduanya")[0]
    assert (k.passed, k.missing) == (None, ("budget",))
    # B: any -> missing (first part false, second unknown)
    s = reasons(outcome(res, "B", "administrasi"), "salah-satu")[0]
    assert (s.passed, s.missing) == (None, ("budget",))
    # only the rules a stage names are checked there
    assert [r.rule for r in outcome(res, "U", "administrasi").reasons] == ["salah-satu"]


def test_counts_over_history() -> None:
    res = _screen(
        [
            {
                "id": "DUA",
                "participant.kind": "upt",
                "innovation.started": "2020-01-01",
                "innovation.previous_awards": "top-99;top-45;top-99",
            },
            {
                "id": "SATU",
                "participant.kind": "upt",
                "innovation.started": "2020-01-01",
                "innovation.previous_awards": "top-99;top-45",
            },
            {"id": "NOL", "participant.kind": "upt", "innovation.started": "2020-01-01"},
        ]
    )
    dua = reasons(outcome(res, "DUA", "administrasi"), "top99")[0]
    assert dua.passed is False
    assert dua.detail is not None
    assert dua.detail.text("en") == "innovation.previous_awards holds top-99 2 times, more than 1"
    assert dua.detail.text("id") == "innovation.previous_awards memuat top-99 2 kali, lebih dari 1"
    assert reasons(outcome(res, "SATU", "administrasi"), "top99")[0].passed is True
    # no previous awards is zero of them, not missing data
    nol = reasons(outcome(res, "NOL", "administrasi"), "top99")[0]
    assert nol.passed is True
    assert nol.missing == ()


# ----------------------------------------------------------------------------- caps


CAP = """\
groups: [{id: umum}, {id: replikasi}]
eligibility:
  - id: status
    when: {not: {field: innovation.status, equals: rintisan}}
    where: {field: innovation.status, exists: true}
    message: {id: "Bukan rintisan", en: "Not a pilot"}
  - id: kuota-instansi
    cap: {per: participant.agency, max: 2, keep: KEEP, where: {field: group, equals: umum}}
    message: {id: "Paling banyak 2 per instansi", en: "At most 2 per agency"}
stages:
  - {id: administrasi, kind: screening}
"""

CAP_SUBS = [
    # listed X3, X1, X2: neither the id order nor the registration order
    {"id": "X3", "participant.agency": "Dinkes", "group": "umum", "registered": "2023-11-02"},
    {"id": "X1", "participant.agency": "dinkes", "group": "umum", "registered": "2023-11-03"},
    {"id": "X2", "participant.agency": "dinkes", "group": "umum", "registered": "2023-11-01"},
    {"id": "X4", "participant.agency": "dinkes", "group": "umum"},
    # a pilot: ineligible by another rule, so it does not take a place
    {
        "id": "X5",
        "participant.agency": "dinkes",
        "group": "umum",
        "registered": "2023-10-01",
        "innovation.status": "rintisan",
    },
    # replikasi is outside the cap
    {"id": "X6", "participant.agency": "dinkes", "group": "replikasi", "registered": "2023-10-01"},
    {"id": "Y1", "participant.agency": "disdik", "group": "umum", "registered": "2023-12-01"},
]


def test_a_cap_of_none_keeps_no_entry_alone_in_its_group_or_not() -> None:
    """``max: 0`` (a group closed this year) turns down every entry under the cap: Y1,
    alone in its agency, as well as the four of dinkes."""
    res = _screen(CAP_SUBS, CAP.replace("max: 2", "max: 0").replace("KEEP", "earliest_registered"))
    for sid, group in (("Y1", "disdik: 1 entry"), ("X1", "dinkes: 4 entries"), ("X4", "dinkes: 4 entries")):
        o = outcome(res, sid, "administrasi")
        (cap,) = reasons(o, "kuota-instansi")
        assert o.status == "ineligible", sid
        assert cap.passed is False
        assert cap.detail is not None
        assert f"participant.agency = {group}, at most 0," in cap.detail.text("en")
        assert "; kept: none;" in cap.detail.text("en")
        assert "; diterima: tidak ada;" in cap.detail.text("id")
    assert outcome(res, "X6", "administrasi").status == "advanced"  # (replikasi: outside the cap)


@pytest.mark.parametrize(
    ("keep", "kept"),
    [
        # registration order: X2 (11-01), X3 (11-02), X1 (11-03), X4 (no date, last)
        ("earliest_registered", {"X2", "X3"}),
        # latest first: X1 (11-03), X3 (11-02), X2, X4 (no date, last)
        ("latest_registered", {"X1", "X3"}),
        # the order of the input: X3, X1
        ("listed_order", {"X3", "X1"}),
    ],
)
def test_cap_per_agency_with_each_keep_order(keep: str, kept: set[str]) -> None:
    ranked = {"earliest_registered": ["X2", "X3", "X1", "X4"],
              "latest_registered": ["X1", "X3", "X2", "X4"],
              "listed_order": ["X3", "X1", "X2", "X4"]}
    res = _screen(CAP_SUBS, CAP.replace("KEEP", keep))
    dinkes_umum = {"X1", "X2", "X3", "X4"}
    for sid in dinkes_umum:
        o = outcome(res, sid, "administrasi")
        (cap,) = reasons(o, "kuota-instansi")
        assert o.status == ("advanced" if sid in kept else "ineligible"), sid
        assert cap.passed is (sid in kept)
        assert cap.detail is not None
        en, idn = cap.detail.text("en"), cap.detail.text("id")
        assert "4 entries, at most 2" in en
        # the order used, the entries kept (in that order) and where this one stood
        order = {"earliest_registered": "registration date, earliest first",
                 "latest_registered": "registration date, latest first",
                 "listed_order": "the order of the input"}[keep]
        assert f"ordered by {order}" in en
        assert f"kept: {', '.join(sorted(kept, key=ranked[keep].index))};" in en
        assert f"this entry is number {ranked[keep].index(sid) + 1}" in en
        assert f"pengajuan ini urutan ke-{ranked[keep].index(sid) + 1}" in idn
        # X4 has no registration date: ordered last, and the trace says why
        no_date = "no registration date, ordered last" in cap.detail.text("en")
        assert no_date is (sid == "X4" and keep != "listed_order"), sid
    x4 = reasons(outcome(res, "X4", "administrasi"), "kuota-instansi")[0]
    assert x4.detail is not None
    if keep != "listed_order":
        assert "tanggal pendaftaran tidak ada" in x4.detail.text("id")
    assert outcome(res, "X5", "administrasi").status == "ineligible"
    assert reasons(outcome(res, "X5", "administrasi"), "kuota-instansi") == []
    assert outcome(res, "X6", "administrasi").status == "advanced"
    assert outcome(res, "Y1", "administrasi").status == "advanced"


def test_cap_order_does_not_depend_on_the_input_order() -> None:
    subs = [
        {"id": f"Z{i}", "participant.agency": "dinkes", "group": "umum", "registered": "2023-11-01"}
        for i in range(5)
    ]
    rs = ruleset(CAP.replace("KEEP", "earliest_registered"))
    ed = edition(subs)
    first = run(rs, ed)
    # all registered on the same day: the ids decide (Z0, Z1)
    assert first.passed("administrasi") == ["Z0", "Z1"]
    for seed in range(5):
        assert run(rs, shuffled(ed, seed)).to_json() == first.to_json()


def test_cap_group_field_missing_is_data_missing() -> None:
    res = _screen([{"id": "N", "group": "umum"}], CAP.replace("KEEP", "earliest_registered"))
    o = outcome(res, "N", "administrasi")
    assert o.status == "ineligible"
    (cap,) = reasons(o, "kuota-instansi")
    assert cap.passed is None
    assert cap.missing == ("participant.agency",)


# ----------------------------------------------------------------------------- waves


WAVES = """\
waves:
  - {id: gelombang-1, regions: [banten, ntt], closes: 2023-02-20}
  - {id: gelombang-2, regions: [jatim, sulsel], closes: 2023-06-11}
eligibility:
  - id: tepat-waktu
    when: {field: registered, at_most: {field: wave.closes}}
    message: {id: "Terdaftar sebelum gelombang {wave} ditutup", en: "Registered before wave {wave} closed"}
stages:
  - {id: administrasi, kind: screening}
"""


def test_wave_follows_from_the_province_and_late_entries_are_out() -> None:
    res = _screen(
        [
            {"id": "B", "participant.province": "Banten", "registered": "2023-02-20"},
            {"id": "L", "participant.province": "banten", "registered": "2023-02-21"},
            {"id": "J", "participant.province": "jatim", "registered": "2023-06-01"},
            {"id": "Q", "participant.province": "papua", "registered": "2023-06-01"},
        ],
        WAVES,
    )
    assert res.passed("administrasi") == ["B", "J"]
    late = reasons(outcome(res, "L", "administrasi"), "tepat-waktu")[0]
    assert late.passed is False
    assert late.message.text("en") == "Registered before wave gelombang-1 closed"
    assert late.detail is not None
    assert late.detail.text("en") == "registered = 21 February 2023, after 20 February 2023"
    # a province in no wave: the wave's closing date is missing data, named
    q = reasons(outcome(res, "Q", "administrasi"), "tepat-waktu")[0]
    assert (q.passed, q.missing) == (None, ("wave.closes",))
    assert res.submission("J").fields["wave"] == "gelombang-2"


def test_a_cap_per_wave_orders_each_wave_by_registration() -> None:
    # a submission in a wave is read with the fields the wave gives it; the cap orders
    # by the submission's own registration all the same
    body = WAVES.replace(
        "  - id: tepat-waktu\n"
        "    when: {field: registered, at_most: {field: wave.closes}}\n"
        "    message: {id: \"Terdaftar sebelum gelombang {wave} ditutup\", en: \"Registered before wave {wave} closed\"}\n",
        "  - id: satu-per-gelombang\n"
        "    cap: {per: wave, max: 1, keep: earliest_registered}\n"
        "    message: {id: \"Satu per gelombang\", en: \"One per wave\"}\n",
    )
    assert "satu-per-gelombang" in body
    res = _screen(
        [
            {"id": "B1", "participant.province": "banten", "registered": "2023-02-03"},
            {"id": "B2", "participant.province": "ntt", "registered": "2023-02-02"},
            {"id": "J1", "participant.province": "jatim", "registered": "2023-06-01"},
            {"id": "Q", "participant.province": "papua", "registered": "2023-01-01"},
        ],
        body,
    )
    # (the earlier registration, not the first id)
    assert res.passed("administrasi") == ["B2", "J1"]
    late = reasons(outcome(res, "B1", "administrasi"), "satu-per-gelombang")[0]
    assert late.passed is False
    assert late.detail is not None
    assert "kept: B2" in late.detail.text("en")
    assert "this entry is number 2" in late.detail.text("en")
    # no wave: the cap's field is missing data, named
    q = reasons(outcome(res, "Q", "administrasi"), "satu-per-gelombang")[0]
    assert (q.passed, q.missing) == (None, ("wave",))


# ----------------------------------------------------------------------------- verification


VERIFY = """\
rubrics:
  - {id: r, criteria: [{id: c, weight: 100}]}
stages:
  - {id: nilai, kind: assessment, rubric: r}
  - {id: observasi, kind: verification, missing_verdict: MISSING}
"""


def _verify(missing: str, verdicts: list[dict[str, str]]) -> Any:
    from engine_helpers import rows

    table = {s: {"J1": 80} for s in ("A", "B", "C")}
    return run(
        ruleset(VERIFY.replace("MISSING", missing)),
        edition(list(table), rows("nilai", table), verdicts=verdicts),
    )


VERDICTS = [
    {"submission_id": "A", "stage": "observasi", "verdict": "terverifikasi", "note": "sesuai"},
    {"submission_id": "B", "stage": "observasi", "verdict": "gugur", "note": "tidak ditemukan"},
]


@pytest.mark.parametrize(
    ("missing", "c_status", "c_passed"),
    [("confirm", "advanced", True), ("drop", "dropped", False), ("flag", "advanced", None)],
)
def test_verdicts_confirm_drop_and_missing(
    missing: str, c_status: str, c_passed: bool | None
) -> None:
    res = _verify(missing, VERDICTS)
    a = outcome(res, "A", "observasi")
    assert a.status == "advanced"
    (v,) = reasons(a, "verdict")
    assert v.passed is True
    assert v.message.text("en") == "confirmed in the field (sesuai)"
    b = outcome(res, "B", "observasi")
    assert b.status == "dropped"
    (v,) = reasons(b, "verdict")
    assert v.passed is False
    assert v.message.text("id") == "tidak terverifikasi di lapangan (tidak ditemukan)"
    c = outcome(res, "C", "observasi")
    assert c.status == c_status
    (v,) = reasons(c, "verdict")
    assert v.passed is c_passed
    assert "no verdict recorded" in v.message.text("en")
    assert "tidak ada hasil verifikasi" in v.message.text("id")
    if missing == "flag":
        assert v.kind == "finding"


def test_verdict_for_a_stage_not_reached_is_reported() -> None:
    body = VERIFY.replace("MISSING", "confirm").replace(
        "{id: nilai, kind: assessment, rubric: r}",
        "{id: nilai, kind: assessment, rubric: r, advance: {top: 1}}",
    )
    from engine_helpers import rows

    table = {"A": {"J1": 90}, "B": {"J1": 80}}
    verdicts = [{"submission_id": "B", "stage": "observasi", "verdict": "terverifikasi"}]
    res = run(ruleset(body), edition(list(table), rows("nilai", table), verdicts=verdicts))
    assert res.submission("B").reached == "nilai"
    (f,) = [p for p in res.findings if p.rule == "verdict-unreached"]
    assert "B" in f.message
    assert f.level == "warning"


# ----------------------------------------------------------------------------- withdrawn


def test_withdrawn_submissions_stop_at_the_first_stage() -> None:
    res = _screen(
        [
            {
                "id": "W",
                "participant.kind": "upt",
                "innovation.started": "2020-01-01",
                "withdrawn": "ya",
            },
            {"id": "S", "participant.kind": "upt", "innovation.started": "2020-01-01"},
        ]
    )
    w = res.submission("W")
    assert [(o.stage, o.status) for o in w.stages] == [("administrasi", "withdrawn")]
    (why,) = w.stages[0].reasons
    assert why.message.text("en") == "withdrawn by the participant"
    assert why.message.text("id") == "mengundurkan diri"
    # no eligibility rule was checked for it
    assert reasons(w.stages[0], "jenis") == []
    assert "MENGUNDURKAN DIRI" in explain(res, "W", "id")
    assert "WITHDRAWN" in explain(res, "W", "en")
    (row,) = res.funnel()
    assert (row.entered, row.passed, dict(row.by_status)) == (2, 1, {"withdrawn": 1, "advanced": 1})
