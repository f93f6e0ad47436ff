"""``lamtheobac bench``: generate a scale profile on a throw-away database and measure it.

The user's data is never touched: the default connection is pointed at a database made for
the run (a temporary SQLite file, or ``lamtheobac_bench`` on PostgreSQL) the way the test
runner does it, migrated, measured, and dropped at the end.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.test.utils import override_settings, setup_databases, teardown_databases
from tqdm import tqdm

from lamtheobac.bench.profiles import PROFILES, STAGES

SIZES = (30, 150)
PG_NAME = "lamtheobac_bench"


class Command(BaseCommand):
    help = "Sinh dữ liệu theo quy mô (docs/domain.md §7) trên cơ sở dữ liệu tạm và đo hiệu năng."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--profile",
            choices=(*PROFILES, "XL"),
            default="S",
            help="XL: chỉ đo bảng tình hình ở 52.000 tổ chức cơ sở (nên dùng PostgreSQL)",
        )
        parser.add_argument(
            "--matrix",
            action="store_true",
            help="chỉ đo bảng tình hình báo cáo ở 150 và 1.500 tổ chức cơ sở",
        )
        parser.add_argument(
            "--docx",
            action="store_true",
            help="chỉ đo báo cáo tổng hợp và công văn đôn đốc (.docx) ở 150 và 1.500 tổ chức cơ sở",
        )
        parser.add_argument(
            "--xl-units", type=int, default=52_000, help="số tổ chức cơ sở của quy mô XL"
        )
        parser.add_argument(
            "--units", type=int, default=150, help="số tổ chức cơ sở (ngoài 30 và 150)"
        )
        parser.add_argument("--renders", type=int, default=20, help="số lần hiển thị mỗi trang")
        parser.add_argument("--json", dest="json_file", help="ghi kết quả ra tệp JSON")
        parser.add_argument(
            "--nominees",
            type=int,
            default=10_000,
            help="số cá nhân được đề nghị khen thưởng khi đo xét tiêu chuẩn (0: bỏ qua)",
        )
        parser.add_argument(
            "--load",
            action="store_true",
            help="đo tải: dữ liệu mẫu trên gunicorn (2 tiến trình), nhiều người dùng cùng lúc",
        )
        parser.add_argument("--clients", type=int, default=10, help="số người dùng (--load)")
        parser.add_argument("--seconds", type=float, default=10.0, help="giây mỗi trang (--load)")
        parser.add_argument(
            "--dashboard", type=int, default=1, help="đo bảng điều hành ở quy mô L (0: bỏ qua)"
        )
        parser.add_argument(
            "--cascade",
            type=int,
            default=1,
            help="đo đợt báo cáo chuyển tiếp xuống chi bộ ở quy mô L (0: bỏ qua)",
        )
        parser.add_argument(
            "--cascade-only",
            action="store_true",
            help="chỉ đo đợt báo cáo chuyển tiếp (150 và 1.500 tổ chức cơ sở)",
        )
        parser.add_argument(
            "--roster",
            action="store_true",
            help="chỉ đo nhập danh sách tổ chức và đảng viên (quy mô L và 1/10)",
        )
        parser.add_argument(
            "--roster-people", type=int, default=150_000, help="số người khi đo --roster"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["load"]:
            return self._load(options)
        if options["roster"]:
            return self._roster(options["roster_people"])
        if options["docx"]:
            return self._docx([150, 1_500])
        if options["matrix"] or options["profile"] == "XL":
            sizes = [options["xl_units"]] if options["profile"] == "XL" else [150, 1_500]
            return self._matrix(sizes, renders=options["renders"])
        if options["cascade_only"]:
            return self._cascade_only(options["renders"])
        if options["units"] < 1 or options["renders"] < 1:
            raise CommandError("--units và --renders phải lớn hơn 0.")
        self.structure_results: list[dict[str, Any]] = []
        sizes = sorted({*SIZES, options["units"]})
        with self._throwaway_database():
            results = self._run(sizes, renders=options["renders"])
            commendations = self._commendations(options["nominees"])
            programme = self._programme(options["profile"])
            dashboard = self._dashboard(options["dashboard"], options["renders"])
            cascade = self._cascade(options["cascade"], options["renders"])
        from lamtheobac.bench.measure import query_growth, table

        vendor = connections["default"].vendor
        title = f"lamtheobac bench — profile {options['profile']} on {vendor}"
        self.stdout.write(table(results, title=title))
        if commendations is not None:
            from lamtheobac.bench.commendations import table as commendations_table

            self.stdout.write("\n" + commendations_table(commendations))
        from lamtheobac.programme.bench import table as programme_table

        self.stdout.write(programme_table(programme, vendor=vendor))
        from lamtheobac.structure.bench import table as structure_table

        self.stdout.write(structure_table(self.structure_results, vendor=vendor))
        if dashboard is not None:
            from lamtheobac.agenda.bench import table as dashboard_table

            self.stdout.write(dashboard_table(dashboard))
        if cascade is not None:
            from lamtheobac.reporting.bench import table as cascade_table

            self.stdout.write(cascade_table(cascade))
        self.stdout.write(_reader_figures())
        if options["json_file"]:
            growth = query_growth(results)
            payload = {
                "profile": options["profile"],
                "database": vendor,
                "results": results,
                "queries_grow": {k: v[2] for k, v in growth.items()},
                "commendations": commendations,
                "programme": programme,
                "dashboard": dashboard,
                "cascade": cascade,
            }
            Path(options["json_file"]).write_text(
                json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8"
            )
            self.stderr.write(f"Đã ghi {options['json_file']}")

    @contextmanager
    def _throwaway_database(self) -> Iterator[None]:
        """Point the default connection at a database made for this run, migrate it, apply the
        bench's settings, and drop it (with its temporary directory) at the end."""
        tmpdir, where = _point_at_throwaway_database()
        self.stderr.write(f"Cơ sở dữ liệu tạm: {where}")
        # Django only tests membership in ``aliases`` (documented as the aliases to set up); the
        # stubs type it as the runner's {alias: serialized} mapping.
        old_config = setup_databases(
            verbosity=0,
            interactive=False,
            aliases={"default"},  # type: ignore[arg-type]
            serialized_aliases=set(),
        )
        try:
            with _bench_settings(tmpdir):
                yield
        finally:
            teardown_databases(old_config, verbosity=0)
            shutil.rmtree(tmpdir, ignore_errors=True)

    def _roster(self, people: int) -> None:
        """Issue 11: the tree and roster imports at profile L and a tenth of it."""
        from lamtheobac.roster.bench import measure, table

        with self._throwaway_database():
            self.stderr.write(f"Danh sách đảng viên: sinh tệp {people:,} người…")
            results = measure(people)
        self.stdout.write(table(results, vendor=connections["default"].vendor))

    def _matrix(self, sizes: list[int], *, renders: int) -> None:
        """Issue 13 §5: the completeness matrix at each size, against its raw SQL aggregate."""
        from lamtheobac.bench.matrix import build_matrix_profile, matrix_table, measure_matrix

        results = []
        with self._throwaway_database():
            for n in sizes:
                self.stderr.write(f"Bảng tình hình: sinh {n:,} tổ chức cơ sở…")
                built = build_matrix_profile(n, tag=f"M{n}")
                self.stderr.write(f"  sinh dữ liệu {built.seconds:.1f} s; đo…")
                results.append(measure_matrix(built, renders=renders))
        self.stdout.write(matrix_table(results, vendor=connections["default"].vendor))

    def _docx(self, sizes: list[int]) -> None:
        """Issue 13 §5: the consolidated report .docx at each size, against raw python-docx."""
        from lamtheobac.bench.docx import docx_table, measure_docx
        from lamtheobac.bench.profiles import build_profile_s

        results = []
        with self._throwaway_database():
            for n in sizes:
                self.stderr.write(f"Báo cáo tổng hợp: sinh {n:,} tổ chức cơ sở…")
                built = build_profile_s(n, tag=f"D{n}")
                self.stderr.write(f"  sinh dữ liệu {built.seconds:.1f} s; đo…")
                results.append(measure_docx(built))
        self.stdout.write(docx_table(results, vendor=connections["default"].vendor))

    def _load(self, options: dict[str, Any]) -> None:
        from lamtheobac.bench.load import load_table, run_load

        for read_cache in (True, False):  # on an unchanged database, then as after a change
            self.stderr.write("Đo tải: tạo dữ liệu mẫu, chạy gunicorn…")
            results = run_load(
                clients=options["clients"], seconds=options["seconds"], read_cache=read_cache
            )
            table = load_table(
                results, workers=2, clients=options["clients"], read_cache=read_cache
            )
            self.stdout.write(table + "\n")

    def _commendations(self, nominees: int) -> dict[str, Any] | None:
        if nominees <= 0:
            return None
        from lamtheobac.bench.commendations import measure_commendations

        self.stderr.write(f"Khen thưởng: sinh {nominees} người được đề nghị…")
        return measure_commendations(nominees=nominees, small=min(1_000, nominees))

    def _programme(self, profile: str) -> list[dict[str, Any]]:
        """Issue 8: the committee's year page and .xlsx export at profile S, and at L
        (1,500 organisations, 150,000 people) with ``--profile L``."""
        from lamtheobac.programme.bench import build, measure

        results = []
        for name in ("S", "L") if profile == "L" else ("S",):
            self.stderr.write(f"Chương trình năm: sinh dữ liệu quy mô {name}…")
            built = build(name, tag=f"chương trình {name}")
            results.append(measure(built))
            from lamtheobac.structure.bench import measure_structure

            self.structure_results.append(measure_structure(built))  # issue 11 §2
        return results

    def _dashboard(self, enabled: int, renders: int) -> list[dict[str, Any]] | None:
        if not enabled:
            return None
        from lamtheobac.agenda.bench import measure_dashboard

        self.stderr.write("Bảng điều hành: sinh 1.500 tổ chức cơ sở, 8.000 chi bộ…")
        return measure_dashboard(renders=renders)

    def _cascade(self, enabled: int, renders: int) -> list[dict[str, Any]] | None:
        if not enabled:
            return None
        from lamtheobac.reporting.bench import measure_cascade

        self.stderr.write("Đợt báo cáo chuyển tiếp: sinh 1.500 đảng bộ cơ sở, 8.000 chi bộ…")
        return measure_cascade(renders=renders)

    def _cascade_only(self, renders: int) -> None:
        """``--cascade-only``: the cascading round's figures alone, on a throwaway database."""
        from lamtheobac.reporting.bench import table as cascade_table

        with self._throwaway_database():
            results = self._cascade(1, renders) or []
        vendor = connections["default"].vendor
        self.stdout.write(f"lamtheobac bench --cascade-only on {vendor}")
        self.stdout.write(cascade_table(results))

    def _run(self, sizes: list[int], *, renders: int) -> list[dict[str, Any]]:
        from lamtheobac.bench.measure import measure_profile
        from lamtheobac.bench.profiles import build_profile_s

        results = []
        with tqdm(total=STAGES * len(sizes), unit="bước", leave=False) as bar:
            for n in sizes:

                def step(label: str, n: int = n) -> None:
                    bar.set_description(f"N={n}: {label}")
                    bar.update()

                built = build_profile_s(n, step=step)
                tqdm.write(f"N={n}: sinh dữ liệu {built.seconds:.2f} s", file=self.stderr)
                results.append(measure_profile(built, renders=renders))
        return results


def _point_at_throwaway_database() -> tuple[str, str]:
    """Before anything touches the database, make the test-database name the bench's own:
    a file in a fresh temporary directory (SQLite) or ``lamtheobac_bench`` (PostgreSQL)."""
    tmpdir = tempfile.mkdtemp(prefix="lamtheobac-bench-")
    for alias in list(connections):
        connections[alias].close()
    db = connections.databases["default"]
    test = db.setdefault("TEST", {})
    if db["ENGINE"] == "django.db.backends.sqlite3":
        test["NAME"] = str(Path(tmpdir) / "bench.sqlite3")
        return tmpdir, test["NAME"]
    # Named after the configured database (``lamtheobac`` → ``lamtheobac_bench``), so two
    # checkouts benching on one server do not drop each other's database.
    name = f"{db.get('NAME') or 'lamtheobac'}_bench" if db.get("NAME") else PG_NAME
    test["NAME"] = name
    return (
        tmpdir,
        f"{db['ENGINE'].rsplit('.', 1)[-1]} database {name} on {db.get('HOST') or 'localhost'}",
    )


def _bench_settings(tmpdir: str) -> override_settings:
    """The test client's host is allowed, mail and uploads stay in the temporary directory."""
    return override_settings(
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"],
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        MEDIA_ROOT=str(Path(tmpdir) / "media"),
        AXES_ENABLED=False,
    )


def _reader_figures(seconds: float = 2.0) -> str:
    """Documents per second for the reader's corpus as text and as .docx (issue 3 targets:
    ≥ 50 text documents/s and ≥ 15 .docx/s on one core)."""
    from lamtheobac.reading.bench import CORPUS, TARGETS, rate

    lines = ["", "reader (lamtheobac/reading/corpus), one core"]
    for suffix, target in TARGETS.items():
        blobs = [p.read_bytes() for p in sorted(CORPUS.glob(f"*{suffix}"))]
        if not blobs:
            continue
        value = rate(blobs, seconds)
        verdict = "OK" if value >= target else "BELOW TARGET"
        lines.append(
            f"  {suffix:<6} {len(blobs):>3} files  {value:8.1f} documents/s  (target ≥ {target:.0f}: {verdict})"
        )
    from lamtheobac.reading.bench import long_line_lines, ocr_lines

    lines += [f"  {line}" for line in [*long_line_lines(), *ocr_lines()]]
    from lamtheobac.reading.bench import memory_lines, pathological_lines

    lines += [f"  {line}" for line in [*pathological_lines(), *memory_lines()]]
    return "\n".join(lines) + "\n"
