"""The web page for organisers and ruleset authors: plain server-rendered HTML,
Indonesian by default (``?lang=en`` for English), working offline.

Nothing is kept between requests: a result page carries everything it shows (the
stories of every entry, the result as JSON and CSV for download) in itself.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import UploadFile

from .api import MAX_FORM_PARTS, _entries, read_request_edition, service
from .jobs import (
    RulesetSource,
    ServiceError,
    compare_page,
    evaluate_job,
    show_ruleset,
    validate_ruleset,
)
from .uploads import request_folder, save_text, upload_name

__all__ = ["TEXTS", "pages"]

pages = APIRouter(include_in_schema=False)

#: Every text of the page: key -> (Bahasa Indonesia, English).
TEXTS: dict[str, tuple[str, str]] = {
    "title": ("Aturan kompetisi inovasi", "Innovation competition rules"),
    "tagline": ("Periksa ruleset, evaluasi edisi kompetisi, dan lihat alasan setiap keputusan.",
                "Check a ruleset, evaluate a competition edition, and see the reason for every decision."),
    "switch": ("English", "Bahasa Indonesia"),
    "home": ("Beranda", "Home"),
    "api_docs": ("Dokumentasi API", "API documentation"),
    "check_title": ("Periksa ruleset", "Check a ruleset"),
    "check_help": ("Tempel YAML ruleset Anda atau pilih berkasnya. `extends` hanya merujuk ruleset yang dikenal layanan ini.",
                   "Paste your ruleset's YAML or choose its file. `extends` refers only to the rulesets this service knows."),
    "yaml_label": ("YAML ruleset", "Ruleset YAML"),
    "file_label": ("atau berkas .yaml", "or a .yaml file"),
    "check_button": ("Periksa", "Check"),
    "evaluate_title": ("Evaluasi edisi", "Evaluate an edition"),
    "evaluate_help": ("Pilih berkas edisi: submissions.csv (wajib), scores.csv, judges.csv, verdicts.csv, edition.yaml; atau satu workbook .xlsx; atau satu berkas .json.",
                      "Choose the edition's files: submissions.csv (required), scores.csv, judges.csv, verdicts.csv, edition.yaml; or one .xlsx workbook; or one .json file."),
    "ruleset_label": ("Ruleset", "Ruleset"),
    "from_edition": ("sesuai edition.yaml", "as edition.yaml says"),
    "own_ruleset": ("atau ruleset sendiri (.yaml, opsional)", "or a ruleset of your own (.yaml, optional)"),
    "files_label": ("Berkas edisi", "Edition files"),
    "evaluate_button": ("Evaluasi", "Evaluate"),
    "compare_title": ("Bandingkan aturan pada edisi lalu (what-if)", "Compare rules on a past edition (what-if)"),
    "compare_help": ("Unggah edisi lalu beserta outcomes.csv (hasil resmi). Laporan HTML akan diunduh.",
                     "Upload a past edition with its outcomes.csv (the published outcome). The HTML report is downloaded."),
    "old_label": ("Aturan lama", "Old rules"),
    "new_label": ("Aturan baru", "New rules"),
    "new_own": ("atau aturan baru sendiri (.yaml)", "or new rules of your own (.yaml)"),
    "compare_button": ("Buat laporan", "Make the report"),
    "rulesets_title": ("Ruleset yang dikenal", "Known rulesets"),
    "extends": ("mewarisi", "extends"),
    "valid": ("Ruleset SAH", "The ruleset is VALID"),
    "invalid": ("Ruleset TIDAK SAH", "The ruleset is NOT VALID"),
    "errors": ("kesalahan", "errors"),
    "warnings": ("peringatan", "warnings"),
    "problems": ("Masalah", "Problems"),
    "line": ("baris", "line"),
    "column": ("kolom", "column"),
    "row": ("baris data", "row"),
    "hint": ("saran", "hint"),
    "summary": ("Ringkasan dalam kalimat", "Summary in words"),
    "your_yaml": ("YAML Anda", "Your YAML"),
    "result_title": ("Hasil evaluasi", "Evaluation result"),
    "submissions": ("pengajuan", "submissions"),
    "funnel": ("Corong seleksi", "Selection funnel"),
    "stage": ("Tahap", "Stage"),
    "entered": ("Masuk", "Entered"),
    "passed": ("Lolos", "Passed"),
    "winners": ("Pemenang", "Winners"),
    "rank": ("Peringkat", "Rank"),
    "id": ("ID", "ID"),
    "entry_title": ("Judul", "Title"),
    "agency": ("Instansi", "Agency"),
    "score": ("Nilai", "Score"),
    "amount": ("Jumlah", "Amount"),
    "no_winners": ("tidak ada pemenang", "no winners"),
    "rejected": ("Alasan tidak lolos", "Why entries were rejected"),
    "rule": ("Aturan", "Rule"),
    "count": ("Jumlah", "Count"),
    "message": ("Keterangan", "Message"),
    "entries_ids": ("Pengajuan", "Entries"),
    "none_rejected": ("Tidak ada pengajuan yang gugur karena syarat.", "No entry was rejected by a rule."),
    "all_entries": ("Semua pengajuan", "All entries"),
    "status": ("Status", "Status"),
    "reached": ("Tahap terakhir", "Last stage"),
    "why": ("Alasan", "Why"),
    "awards": ("Penghargaan", "Awards"),
    "story": ("cerita", "story"),
    "stories": ("Cerita setiap pengajuan", "Each entry's story"),
    "downloads": ("Unduh hasil", "Download the result"),
    "download_json": ("JSON (hasil lengkap)", "JSON (the full result)"),
    "download_csv": ("CSV (satu baris per tahap)", "CSV (one row per stage)"),
    "download_xlsx": ("Excel (.xlsx)", "Excel (.xlsx)"),
    "findings": ("Catatan data", "Data findings"),
    "error_title": ("Permintaan tidak dapat diproses", "The request could not be processed"),
    "back": ("Kembali", "Back"),
    "switch_note": ("Hasil ini dalam satu bahasa; untuk bahasa lain, kirim ulang dari beranda.",
                    "This result is in one language; for the other, send it again from the home page."),
    "description": ("Uraian", "Description"),
}


def _lang(value: Any) -> str:
    return "en" if value == "en" else "id"


def _render(request: Request, template: str, lang: str, status: int = 200, **context: Any) -> HTMLResponse:
    templates = request.app.state.templates
    other = "id" if lang == "en" else "en"

    def t(key: str) -> str:
        return TEXTS[key][0 if lang == "id" else 1]

    return templates.TemplateResponse(  # type: ignore[no-any-return]
        request, template, {"lang": lang, "other": other, "t": t, **context}, status_code=status)


def _error(request: Request, exc: ServiceError, lang: str) -> HTMLResponse:
    return _render(request, "error.html", lang, exc.status, error=exc)


@pages.get("/", response_class=HTMLResponse)
async def index(request: Request, lang: str = "id") -> HTMLResponse:
    lang = _lang(lang)
    svc = service(request)
    try:
        entries = await svc.run(_entries, svc.config)
    except ServiceError as exc:
        return _error(request, exc, lang)
    return _render(request, "index.html", lang, rulesets=entries, path="/")


@pages.get("/rulesets/{ruleset_id}", response_class=HTMLResponse)
async def ruleset_page(request: Request, ruleset_id: str, lang: str = "id") -> HTMLResponse:
    lang = _lang(lang)
    svc = service(request)
    try:
        shown = await svc.run(show_ruleset, svc.config, ruleset_id)
    except ServiceError as exc:
        return _error(request, exc, lang)
    return _render(request, "ruleset.html", lang, ruleset=shown, path=f"/rulesets/{ruleset_id}")


@pages.post("/check", response_class=HTMLResponse)
async def check_page(request: Request) -> HTMLResponse:
    svc = service(request)
    lang = "id"
    try:
        with request_folder() as folder:
            async with request.form(max_files=MAX_FORM_PARTS, max_fields=MAX_FORM_PARTS) as form:
                lang = _lang(form.get("lang"))
                text = form.get("yaml")
                upload = form.get("ruleset_file")
                name = "ruleset.yaml"
                if isinstance(upload, UploadFile) and upload_name(upload.filename):
                    name = upload_name(upload.filename)
                    data = await upload.read(svc.settings.max_upload_bytes + 1)
                else:
                    data = (text if isinstance(text, str) else "").encode()
            if not name.endswith((".yaml", ".yml")):
                name += ".yaml"
            path = save_text(data, folder / "ruleset", name, svc.settings)
            checked = await svc.run(validate_ruleset, svc.config, str(path))
    except ServiceError as exc:
        return _error(request, exc, lang)
    source = data.decode("utf-8", "replace").splitlines()
    marks: dict[int, list[dict[str, Any]]] = {}
    for p in checked["problems"]:
        if p["file"] == name and p["line"]:
            marks.setdefault(p["line"], []).append(p)
    return _render(request, "check.html", lang, checked=checked, name=name, source=source, marks=marks)


@pages.post("/evaluate", response_class=HTMLResponse)
async def evaluate_page(request: Request) -> HTMLResponse:
    svc = service(request)
    lang = "id"
    try:
        with request_folder() as folder:
            source, path = await read_request_edition(request, folder, None)
            async with request.form() as form:  # already parsed: the cached form
                lang = _lang(form.get("lang"))
            view = await svc.run(evaluate_job, svc.config, source, path, "page", lang)
    except ServiceError as exc:
        return _error(request, exc, lang)
    return _render(request, "result.html", lang, view=view)


@pages.post("/compare")
async def compare_download(request: Request) -> Response:
    svc = service(request)
    lang = "id"
    try:
        with request_folder() as folder:
            source, path = await read_request_edition(request, folder, None)
            async with request.form() as form:
                lang = _lang(form.get("lang"))
                old = form.get("old")
                new = form.get("new")
            if source.text is None:
                source = RulesetSource(new if isinstance(new, str) and new else None)
            html = await svc.run(compare_page, svc.config,
                                 RulesetSource(old if isinstance(old, str) and old else "@edition"),
                                 source, path, lang)
    except ServiceError as exc:
        return _error(request, exc, lang)
    return HTMLResponse(html, headers={
        "Content-Disposition": 'attachment; filename="laporan-what-if.html"' if lang == "id"
        else 'attachment; filename="what-if-report.html"'})
