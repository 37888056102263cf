"""Audit bundles: one file from which anyone can re-derive a published result.

``inovasi-rules evaluate RULESET DATA --bundle hasil.zip`` (or :func:`write_bundle`)
writes a zip::

    manifest.json      format, library version, Python version, ruleset and edition
                       ids, parameters, lottery seeds, plugins, and the SHA-256 of
                       every other file
    ruleset.yaml       the ruleset as loaded: `extends` resolved, --set applied
    input/...          the edition's input files, as they were read
    result.json        Result.to_json()

``inovasi-rules verify hasil.zip`` (or :func:`verify_bundle`) checks every digest,
evaluates the ruleset and inputs again, and reports ``terverifikasi / verified`` or
every mismatch (entry, field, recorded and recomputed value). The SHA-256 of
``manifest.json`` is the bundle's fingerprint: an organiser publishes it beside the
result, so a participant knows the bundle is the one behind the announcement.
"""

from .bundle import BUNDLE_FORMAT, MANIFEST, bundle_bytes, final_bundle_bytes, write_bundle
from .verify import MAX_BUNDLE_BYTES, Mismatch, Verification, result_mismatches, verify_bundle

__all__ = [
    "BUNDLE_FORMAT",
    "MANIFEST",
    "MAX_BUNDLE_BYTES",
    "Mismatch",
    "Verification",
    "bundle_bytes",
    "final_bundle_bytes",
    "result_mismatches",
    "verify_bundle",
    "write_bundle",
]
