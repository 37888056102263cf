"""``inovasi-rules serve``: the HTTP API and the web page (the ``serve`` extra)."""

from __future__ import annotations

from pathlib import Path

import click

from .options import NO_PLUGINS, RULESET_DIRS

__all__ = ["serve"]

MB = 1024 * 1024


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0 for every interface; put TLS and the host's "
                   "authentication in front). / Alamat yang didengarkan (0.0.0.0 untuk semua "
                   "antarmuka; pasang TLS dan autentikasi di depannya).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="Port to listen on. / Port yang didengarkan.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 256),
              help="Worker processes computing requests (requests computed at once). / Proses "
                   "pekerja yang menghitung permintaan (jumlah permintaan yang dihitung "
                   "sekaligus).")
@click.option("--timeout", "timeout_seconds", default=60.0, show_default=True,
              type=click.FloatRange(min=0.1),
              help="Seconds one request may compute before it is stopped. / Detik hitung satu "
                   "permintaan sebelum dihentikan.")
@click.option("--queue-timeout", "queue_seconds", default=120.0, show_default=True,
              type=click.FloatRange(min=0.1),
              help="Seconds a request may wait for a free worker. / Detik tunggu permintaan untuk"
                   " pekerja yang bebas.")
@click.option("--max-request-mb", default=40.0, show_default=True, type=click.FloatRange(min=0.001),
              help="Largest request body, in MiB. / Isi permintaan terbesar, dalam MiB.")
@click.option("--max-upload-mb", default=20.0, show_default=True, type=click.FloatRange(min=0.001),
              help="Largest single uploaded file, in MiB. / Berkas unggahan terbesar, dalam MiB.")
@click.option("--max-unpacked-mb", default=200.0, show_default=True, type=click.FloatRange(min=0.001),
              help="Largest size an uploaded .xlsx may unpack to, in MiB. / Ukuran terbesar .xlsx"
                   " unggahan setelah dibuka, dalam MiB.")
@click.option("--max-rows", default=500_000, show_default=True, type=click.IntRange(min=1),
              help="Most table rows (submissions, scores, judges, verdicts, outcomes) per "
                   "request. / Baris tabel terbanyak (pengajuan, nilai, juri, verdik, hasil) per "
                   "permintaan.")
@click.option("--token", envvar="INOVASI_RULES_TOKEN", default=None, show_envvar=True,
              help="Require this shared token (Authorization: Bearer TOKEN, or as the password a "
                   "browser asks for). Prefer the environment variable to the command line. / "
                   "Wajibkan token bersama ini (Authorization: Bearer TOKEN, atau sebagai kata "
                   "sandi yang diminta peramban). Lebih baik lewat variabel lingkungan daripada "
                   "baris perintah.")
@RULESET_DIRS
@NO_PLUGINS
def serve(host: str, port: int, workers: int, timeout_seconds: float, queue_seconds: float,
          max_request_mb: float, max_upload_mb: float, max_unpacked_mb: float, max_rows: int,
          token: str | None, ruleset_dirs: tuple[Path, ...], no_plugins: bool) -> None:
    """Serve the HTTP API (/api/v1, documented at /docs) and the web page (/).
    / Jalankan layanan HTTP dan halaman web.

    \b
    Example / contoh:
      inovasi-rules serve --port 8000
      curl -F edition=@examples/sukoharjo-2023/submissions.csv ... localhost:8000/api/v1/evaluate
    """
    try:
        import uvicorn

        from ..service import Settings, create_app
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise click.ClickException(
            f"the service needs the `serve` extra: pip install 'inovasi-rules[serve]' "
            f"/ pasang dulu ekstra `serve` ({exc.name} is missing)") from None
    settings = Settings(
        max_request_bytes=int(max_request_mb * MB), max_upload_bytes=int(max_upload_mb * MB),
        max_unpacked_bytes=int(max_unpacked_mb * MB), max_rows=max_rows,
        timeout_seconds=timeout_seconds, queue_seconds=queue_seconds, workers=workers,
        token=token or None, ruleset_dirs=ruleset_dirs, load_plugins=not no_plugins)
    click.echo(f"inovasi-rules: http://{host}:{port}/ (API docs /docs)", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="info",
                server_header=False, proxy_headers=True)
