from hypothesis import given, settings

from inovasi_rules import evaluate, loads_ruleset
from inovasi_rules.testing import editions

# Aturan daerah: hanya peserta dari Kabupaten Sukoharjo.
# The region's rule: only entrants from Sukoharjo Regency.
RULESET = loads_ruleset('''
schema_version: 1
id: kipp-sukoharjo-contoh
extends: kipp-sukoharjo-2023
name: {id: "KIPP Sukoharjo (contoh)", en: "Sukoharjo KIPP (example)"}
eligibility:
  - id: dalam-kabupaten
    name: {id: "Wilayah", en: "Area"}
    when: {field: participant.regency, equals: sukoharjo}
    message:
      id: "Peserta harus dari Kabupaten Sukoharjo"
      en: "The entrant must be from Sukoharjo Regency"
''')


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
