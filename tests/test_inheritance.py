"""`extends`: what a child inherits, how it overrides, and where errors point.

The rulesets are in tests/rulesets/inherit; `induk` (parent.yaml) is the parent of
most of them.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from inovasi_rules import hookimpl
from inovasi_rules.errors import RulesetError
from inovasi_rules.ruleset import model as m
from inovasi_rules.ruleset.loading import Registry, check_ruleset, load_ruleset, loads_ruleset

INHERIT = Path(__file__).parent / "rulesets" / "inherit"
PARENT = str(INHERIT / "parent.yaml")


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry(directories=[INHERIT], bundled=False)


@pytest.fixture(scope="module")
def parent(registry: Registry) -> m.Ruleset:
    return load_ruleset("induk", registry=registry)


@pytest.fixture(scope="module")
def child(registry: Registry) -> m.Ruleset:
    return load_ruleset(INHERIT / "child-merge.yaml", registry=registry)


def ids(items: tuple[object, ...]) -> list[str]:
    return [item.id for item in items]  # type: ignore[attr-defined]


# --------------------------------------------------------------------------- merging


def test_the_child_keeps_its_own_identity(child: m.Ruleset) -> None:
    assert child.id == "anak-gabung"
    assert child.extends == "induk"
    assert child.name == m.Label("Kompetisi Anak", "Child competition")
    assert child.level == "regency"


def test_what_the_child_does_not_mention_is_inherited(child: m.Ruleset, parent: m.Ruleset) -> None:
    assert child.year == 2023
    assert child.organiser == parent.organiser
    assert child.rubric("proposal").scale == parent.rubric("proposal").scale
    assert child.stage("administrasi") == parent.stage("administrasi")


def test_mappings_merge_key_by_key(child: m.Ruleset) -> None:
    # rounding: {places: 3} changes places and keeps the parent's mode
    assert child.rounding == m.Rounding(places=3, mode="half_up")
    # judges: {min: 3} changes min and keeps the parent's aggregate
    judges = child.stage("proposal").judges
    assert (judges.min, judges.aggregate) == (3, "mean")


def test_parameters_override_by_name(child: m.Ruleset, parent: m.Ruleset) -> None:
    assert parent.parameters["bonus_points"] == 5
    assert child.parameters["bonus_points"] == 10
    assert str(child.parameters["reference_date"]) == "2024-06-30"
    assert child.parameters["min_years"] == 1  # not mentioned: inherited
    assert list(child.parameters) == ["reference_date", "min_years", "bonus_points"]


def test_id_lists_change_items_in_place_and_add_new_ones_at_the_end(
    child: m.Ruleset,
) -> None:
    assert ids(child.categories) == ["kesehatan", "pendidikan", "lingkungan"]
    kesehatan = child.categories[0]
    assert kesehatan.name == m.Label("Kesehatan masyarakat", "Public health")
    assert ids(child.awards) == ["juara", "harapan"]


def test_an_item_changed_by_id_keeps_the_keys_the_child_does_not_give(
    child: m.Ruleset, parent: m.Ruleset
) -> None:
    rule = child.eligibility[0]
    assert rule.id == "kategori"
    assert rule.message == parent.eligibility[0].message  # inherited
    assert isinstance(rule.when, m.Compare)
    assert rule.when.value == ("kesehatan", "pendidikan", "lingkungan")  # replaced
    assert ids(child.eligibility) == ["kategori", "umur"]


def test_nested_id_lists_merge_too(child: m.Ruleset) -> None:
    criteria = child.rubric("proposal").criteria
    assert [(c.id, c.weight) for c in criteria] == [
        ("kebaruan", Decimal(30)),
        ("manfaat", Decimal(60)),
        ("dampak", Decimal(10)),
    ]
    assert criteria[0].name == m.Label("Kebaruan", "Novelty")  # kept from the parent


def test_a_selection_is_replaced_whole_not_merged(child: m.Ruleset, parent: m.Ruleset) -> None:
    parent_advance = parent.stage("proposal").advance
    assert parent_advance is not None
    assert parent_advance.ties == "include_all"
    advance = child.stage("proposal").advance
    # the child wrote {top: 5}: the parent's `ties: include_all` does not linger
    assert advance == m.Selection(top=5)
    # the stage's other parts are still the parent's
    assert ids(child.stage("proposal").adjustments) == ["bonus"]


def test_remove_true_removes_an_inherited_item(registry: Registry) -> None:
    ruleset = load_ruleset(INHERIT / "child-remove.yaml", registry=registry)
    assert ids(ruleset.eligibility) == ["kategori"]


def test_replace_takes_the_childs_sections_whole(registry: Registry) -> None:
    check = check_ruleset(INHERIT / "child-replace.yaml", registry=registry)
    assert check.ruleset is not None
    assert ids(check.ruleset.categories) == ["ekonomi"]
    assert ids(check.ruleset.eligibility) == ["kategori-ekonomi"]
    # sections not named in `replace` still merge
    assert ids(check.ruleset.stages) == ["administrasi", "proposal"]
    # the parent's `min_years` was used only by the replaced `umur` rule: the warning
    # points at the parent's file, where the parameter is written
    (warning,) = check.warnings
    assert (warning.rule, warning.file, warning.line, warning.column) == (
        "unused-parameter",
        PARENT,
        11,
        14,
    )


def test_three_generations(registry: Registry) -> None:
    ruleset = load_ruleset(INHERIT / "grandchild.yaml", registry=registry)
    assert ruleset.extends == "anak-hapus"
    assert ruleset.year == 2024
    assert ids(ruleset.categories) == ["kesehatan", "pendidikan", "lingkungan"]
    # the removal in the middle generation stays removed
    assert ids(ruleset.eligibility) == ["kategori"]
    assert ruleset.rounding == m.Rounding(places=2, mode="half_up")


def test_a_child_is_checked_after_merging(registry: Registry) -> None:
    """Weights that the child's change makes wrong are an error of the merged ruleset."""
    text = (
        "schema_version: 1\nid: berat\nextends: induk\nname: Bobot\n"
        "rubrics:\n  - id: proposal\n    criteria:\n      - {id: kebaruan, weight: 50}\n"
    )
    with pytest.raises(RulesetError) as info:
        loads_ruleset(text, file="berat.yaml", registry=registry)
    (problem,) = info.value.errors
    assert problem.rule == "weights"
    assert "110" in problem.message


# --------------------------------------------------------------------------- errors


def test_an_error_inherited_from_the_parent_points_at_the_parent(registry: Registry) -> None:
    check = check_ruleset(INHERIT / "child-of-invalid.yaml", registry=registry)
    located = sorted((p.file, p.line, p.column, p.rule, p.path) for p in check.errors)
    assert located == sorted(
        [
            # the misspelt kind is written in the parent: the parent's file and line
            (str(INHERIT / "parent-invalid.yaml"), 10, 26, "schema", "stages[1].kind"),
            # the child's own mistake is in the child
            (
                str(INHERIT / "child-of-invalid.yaml"),
                7,
                24,
                "dangling-reference",
                "awards[0].stage",
            ),
        ]
    )


def test_a_parent_value_the_child_breaks_points_at_the_parent(registry: Registry) -> None:
    """The child removes a category; the parent's rule that still names it is where
    the dangling value is written."""
    check = check_ruleset(INHERIT / "child-breaks-parent.yaml", registry=registry)
    (problem,) = check.problems
    assert (problem.file, problem.line, problem.column) == (PARENT, 18, 45)
    assert problem.rule == "dangling-reference"
    assert problem.path == "eligibility[0].when.in[1]"
    assert "'pendidikan'" in problem.message


@pytest.mark.parametrize(
    ("case", "where", "chain"),
    [
        ("cycle-a.yaml", "cycle-b.yaml", "siklus-a -> siklus-b -> siklus-a"),
        ("cycle-b.yaml", "cycle-a.yaml", "siklus-b -> siklus-a -> siklus-b"),
        ("cycle-self.yaml", "cycle-self.yaml", "siklus-sendiri -> siklus-sendiri"),
    ],
)
def test_a_cycle_is_a_located_error(registry: Registry, case: str, where: str, chain: str) -> None:
    check = check_ruleset(INHERIT / case, registry=registry)
    (problem,) = check.problems
    assert problem.rule == "extends-cycle"
    # located at the `extends` that closes the cycle, naming the whole chain
    assert (problem.file, problem.line, problem.column) == (str(INHERIT / where), 3, 10)
    assert problem.path == "extends"
    assert chain in problem.message
    assert " / pewarisan melingkar" in problem.message


def test_an_unknown_parent_is_located_with_did_you_mean(registry: Registry) -> None:
    check = check_ruleset(INHERIT / "unknown-parent.yaml", registry=registry)
    (problem,) = check.problems
    assert problem.rule == "extends-unknown"
    assert (problem.file, problem.line, problem.column, problem.path) == (
        str(INHERIT / "unknown-parent.yaml"),
        3,
        10,
        "extends",
    )
    assert "'indk'" in problem.message
    assert problem.hint == "did you mean 'induk'? / maksud Anda 'induk'?"


def test_an_unknown_parent_without_a_close_id_points_to_the_list(registry: Registry) -> None:
    with pytest.raises(RulesetError) as info:
        loads_ruleset(
            "schema_version: 1\nid: x\nextends: zzzzzz\nname: X\n", file="x.yaml", registry=registry
        )
    (problem,) = info.value.problems
    assert problem.rule == "extends-unknown"
    assert problem.hint is not None
    assert "inovasi-rules list" in problem.hint


def test_removing_an_item_the_parent_does_not_have_is_located(registry: Registry) -> None:
    check = check_ruleset(INHERIT / "remove-unknown.yaml", registry=registry)
    (problem,) = check.problems
    assert problem.rule == "remove-unknown"
    assert (problem.line, problem.column, problem.path) == (6, 16, "eligibility[2].remove")
    assert problem.hint is not None
    assert "kategori, umur" in problem.hint


def test_a_misspelt_removal_gets_did_you_mean(registry: Registry) -> None:
    text = (
        "schema_version: 1\nid: x\nextends: induk\nname: X\n"
        "eligibility:\n  - {id: umr, remove: true}\n"
    )
    with pytest.raises(RulesetError) as info:
        loads_ruleset(text, file="x.yaml", registry=registry)
    (problem,) = info.value.problems
    assert problem.rule == "remove-unknown"
    assert problem.hint is not None
    assert problem.hint.startswith("did you mean 'umur'?")


# --------------------------------------------------------------------------- the registry only


def test_extends_with_a_path_is_rejected_and_the_file_is_not_read(
    registry: Registry, tmp_path: Path
) -> None:
    check = check_ruleset(INHERIT / "path-extends.yaml", registry=registry)
    (problem,) = check.problems
    assert problem.rule == "extends-path"
    assert (problem.line, problem.column, problem.path) == (3, 10, "extends")
    assert problem.hint == (
        "write `extends: induk` (the id written in that file) / tulis `extends: induk` (id yang tertulis di berkas itu)"
    )

    # a path outside every registry directory: refused, never opened
    secret = tmp_path / "secret.yaml"
    secret.write_text("schema_version: 1\nid: secret\nname: Rahasia\n", encoding="utf-8")
    for ref in (str(secret), "../secret.yaml", "C:\\rulesets\\secret.yml"):
        text = f"schema_version: 1\nid: x\nextends: {ref!r}\nname: X\n"
        with pytest.raises(RulesetError) as info:
            loads_ruleset(text, file="upload.yaml", registry=registry)
        (problem,) = info.value.problems
        assert problem.rule == "extends-path", ref
        assert problem.file == "upload.yaml"


def test_extends_finds_a_ruleset_only_in_the_registry(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "induk.yaml").write_text(
        (INHERIT / "parent.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    text = (INHERIT / "child-remove.yaml").read_text(encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        loads_ruleset(text, file="child.yaml", registry=Registry(bundled=False))
    assert info.value.problems[0].rule == "extends-unknown"
    ruleset = loads_ruleset(text, file="child.yaml", registry=Registry([elsewhere], bundled=False))
    assert ids(ruleset.eligibility) == ["kategori"]


def test_a_file_extends_rulesets_beside_it(tmp_path: Path) -> None:
    """Loading a file adds its own folder to the registry."""
    for name in ("parent.yaml", "child-remove.yaml"):
        (tmp_path / name).write_text((INHERIT / name).read_text(encoding="utf-8"), encoding="utf-8")
    ruleset = load_ruleset(tmp_path / "child-remove.yaml", registry=Registry(bundled=False))
    assert ruleset.extends == "induk"


def _contributed_parent(tmp_path: Path) -> Path:
    package = tmp_path / "plugin_rulesets"
    package.mkdir()
    (package / "template.yaml").write_text(
        "schema_version: 1\n"
        "id: templat-plugin\n"
        "name: {id: Templat dari plugin, en: Template from a plugin}\n"
        "categories:\n"
        "  - {id: kesehatan, name: Kesehatan}\n"
        "  - {id: pendidikan, name: Pendidikan}\n",
        encoding="utf-8",
    )
    return package


CHILD_OF_PLUGIN = (
    "schema_version: 1\n"
    "id: anak-plugin\n"
    "extends: templat-plugin\n"
    "name: Anak dari templat plugin\n"
    "categories:\n"
    "  - {id: pendidikan, remove: true}\n"
)


def test_extends_finds_a_ruleset_contributed_to_the_registry(tmp_path: Path) -> None:
    package = _contributed_parent(tmp_path)
    registry = Registry(bundled=False, contributed=[("plugin:demo", package)])
    entry = registry.index["templat-plugin"]
    assert entry.origin == "plugin:demo"
    ruleset = loads_ruleset(CHILD_OF_PLUGIN, file="anak.yaml", registry=registry)
    assert ids(ruleset.categories) == ["kesehatan"]


def test_extends_finds_a_ruleset_from_a_plugins_hook(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INOVASI_RULES_DISABLE_PLUGIN_AUTOLOAD", "1")
    package = _contributed_parent(tmp_path)

    class TemplatePlugin:
        name = "templates"

        @hookimpl
        def inovasi_rules_rulesets(self) -> list[Path]:
            return [package]

    with pytest.raises(RulesetError):
        loads_ruleset(CHILD_OF_PLUGIN, file="anak.yaml")
    ruleset = loads_ruleset(CHILD_OF_PLUGIN, file="anak.yaml", plugins=[TemplatePlugin()])
    assert ids(ruleset.categories) == ["kesehatan"]


def test_a_contributed_ruleset_cannot_replace_a_bundled_one(tmp_path: Path) -> None:
    package = tmp_path / "clash"
    package.mkdir()
    (package / "kipp-base.yaml").write_text(
        "schema_version: 1\nid: kipp-base\nname: Bukan yang asli\n", encoding="utf-8"
    )
    registry = Registry(contributed=[("plugin:clash", package)])
    assert registry.index["kipp-base"].origin == "bundled"
    assert [p.rule for p in registry.problems] == ["duplicate-ruleset"]
    assert registry.problems[0].file == str(package / "kipp-base.yaml")


def test_bundled_rulesets_inherit(registry: Registry) -> None:
    sukoharjo = load_ruleset("kipp-sukoharjo-2023")
    assert sukoharjo.extends == "kipp-regional"
    assert len(sukoharjo.categories) == 11
    assert load_ruleset("kipp-2021").extends == "kipp-2019"


def test_a_registry_finds_a_ruleset_whose_body_has_a_problem_and_loading_it_says_where(
    tmp_path: Path,
) -> None:
    # the registry reads each file's heading only; the rest is checked when it is loaded
    (tmp_path / "rusak.yaml").write_text(
        "schema_version: 1\nid: rusak\nname: Rusak\nstages:\n  - {id: a, id: b}\n", encoding="utf-8"
    )
    registry = Registry().with_directories(tmp_path)
    assert registry.path_of("rusak") == tmp_path / "rusak.yaml"
    assert registry.problems == []
    check = check_ruleset("rusak", registry=registry)
    assert [(p.rule, p.line) for p in check.problems if p.rule == "duplicate-key"] == [
        ("duplicate-key", 5)
    ]
