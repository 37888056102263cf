"""Uploaded file names are a stranger's text: whatever they are, the files land inside
the request's own folder, or the request is refused with problem details."""

from __future__ import annotations

import asyncio
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from inovasi_rules.errors import ServiceError
from inovasi_rules.service import Settings
from inovasi_rules.service.uploads import request_folder, save_edition, upload_name


class FakeUpload:
    """What save_edition reads of Starlette's UploadFile."""

    def __init__(self, filename: str, data: bytes) -> None:
        self.filename = filename
        self._data = data

    async def read(self, size: int = -1) -> bytes:
        chunk, self._data = (self._data, b"") if size < 0 else (self._data[:size], self._data[size:])
        return chunk


NAMES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["submissions.csv", "../submissions.csv", "..\\..\\scores.csv", "/etc/passwd",
                     "a/b/judges.csv", "edition.xlsx", "../../x.json", ".", "..", "SUBMISSIONS.CSV"]),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(NAMES, min_size=1, max_size=4))
def test_uploads_stay_inside_the_request_folder(names: list[str]) -> None:
    with request_folder() as folder:
        uploads = [FakeUpload(n, b"id\nA\n") for n in names]
        refused: ServiceError | None = None
        path = folder
        try:
            path = asyncio.run(save_edition(uploads, folder, Settings()))
        except ServiceError as exc:
            refused = exc
        if refused is not None:
            assert refused.status in (413, 422)
            assert refused.problems
        assert path.resolve().is_relative_to(folder.resolve())
        for written in folder.rglob("*"):
            assert written.resolve().is_relative_to(folder.resolve())
    assert not folder.exists()


@given(st.text(max_size=60))
def test_an_upload_name_is_never_a_path(raw: str) -> None:
    name = upload_name(raw)
    assert "/" not in name
    assert "\\" not in name
    assert Path(name).name == name or name in ("", ".", "..")
