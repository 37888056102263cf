from hypothesis import given, settings

from inovasi_rules import evaluate, load_ruleset
from inovasi_rules.testing import editions

# Ruleset bawaan Kabupaten Sukoharjo 2023: hanya peserta dari kabupaten itu.
# Sukoharjo Regency's bundled 2023 ruleset: only entrants from the regency.
RULESET = load_ruleset("kipp-sukoharjo-2023")


@settings(max_examples=50, deadline=None)
@given(edition=editions(RULESET, max_submissions=15))
def test_no_entry_from_outside_sukoharjo_ever_wins(edition):
    result = evaluate(RULESET, edition)
    for award, _name in result.awards:
        for winner in result.winners(award):
            entry = edition.submission_by_id()[winner]
            assert entry.participant.regency == "sukoharjo"


@settings(max_examples=50, deadline=None)
@given(edition=editions(RULESET, max_submissions=15))
def test_every_winner_passed_the_administrative_selection(edition):
    result = evaluate(RULESET, edition)
    for award, _name in result.awards:
        for winner in result.winners(award):
            assert "administrasi" in result.submission(winner).passed
