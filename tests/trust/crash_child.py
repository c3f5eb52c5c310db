"""The victim of the crash test: intakes, moves and scan attaches in a loop until it is killed.

    python tests/trust/crash_child.py DATA_DIR ROUND

Prints one line per committed operation, after the service call returned (so after the commit):
``R <code>`` (received), ``M <code> <action>`` (moved), ``S <code> <sha256>`` (page attached). ``READY`` once
the database is open. The parent SIGKILLs it at a random moment and checks that every printed line holds.
"""

from __future__ import annotations

import hashlib
import io
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def _png(label: str) -> bytes:
    from PIL import Image, PngImagePlugin

    digest = hashlib.sha256(label.encode()).digest()
    info = PngImagePlugin.PngInfo()
    info.add_text("label", label)
    out = io.BytesIO()
    Image.new("RGB", (16, 16), tuple(digest[:3])).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def main() -> None:
    from desk_app.services.intake.applicants import ApplicantInput
    from desk_app.services.intake.receive import DocumentInput, IntakeRequest, receive
    from desk_app.store.db import open_database

    try:
        from desk_app.scanning.files import pages_from_bytes
        from desk_app.services.digitization import pages as digitization
    except ImportError:
        digitization = None  # type: ignore[assignment]
    try:
        from desk_app.services.lifecycle import moves as lifecycle
    except ImportError:
        lifecycle = None  # type: ignore[assignment]

    data_dir, round_no = Path(sys.argv[1]), int(sys.argv[2])
    db = open_database(data_dir)
    print("READY", flush=True)
    codes: list[str] = []
    n = 0
    while True:
        n += 1
        req = IntakeRequest(
            procedure_code="1.001193",
            applicant=ApplicantInput(full_name=f"Trần Văn Bình {round_no}-{n}", phone="0912345678"),
            documents=[DocumentInput(name="Tờ khai đăng ký khai sinh")],
            client_token=f"crash-{round_no}-{n}",
        )
        code = receive(db, req, actor="clerk").code
        assert code is not None
        codes.append(code)
        print(f"R {code}", flush=True)
        if digitization is not None:
            pages = pages_from_bytes(_png(f"{round_no}-{n}"), "scan.png")
            report = digitization.attach_pages(db, code, 1, pages, source="file", actor="clerk")
            print(f"S {code} {report.added[-1].sha256}", flush=True)
        if lifecycle is not None:
            lifecycle.act(db, code, "forward", to_whom="Công chức tư pháp - hộ tịch", actor="clerk")
            print(f"M {code} forward", flush=True)
            if len(codes) >= 2:
                earlier = codes[-2]
                lifecycle.act(db, earlier, "result-ready", actor="clerk")
                print(f"M {earlier} result-ready", flush=True)


if __name__ == "__main__":
    main()
