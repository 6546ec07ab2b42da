"""Build a deterministic benchmark data set: a province's ASN and their learning.

``python manage.py bench_data --scale province`` fills a migrated, empty
PostgreSQL database with 50,000 ASN in 10 instansi and 400 unit kerja,
200 courses of 8 modules, 500,000 enrolments, 3,000,000 module-progress rows,
300,000 quiz attempts with their answers, 200,000 questionnaires, the JP
ledger and certificates of every completion, webinars with registrations,
and a plain Wagtail page as the reference for load tests. ``small`` is the
same shape at about 1/100, ``tiny`` is what the test suite builds.

Learner records are written in bulk (PostgreSQL ``COPY``; ``bulk_create``
on SQLite) with every unique constraint of ``learning.models`` respected by
construction, not by retrying. Pages go through Wagtail's tree API (only
about 1,800 of them). The same seed and anchor date give the same data.
Every bench row is recognisable (usernames and codes start with ``bench``,
page slugs with ``bench-``), so ``--wipe`` removes exactly those.
"""

import base64
import bisect
import contextlib
import datetime
import itertools
import json
import random
import time
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.models.signals import post_save
from django.utils import timezone
from taggit.models import Tag
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backends
from wagtail.search.signal_handlers import post_save_signal_handler

from courses.models import (
    CompetencyType,
    CourseIndexPage,
    CoursePage,
    CourseTag,
    ManagerialCompetency,
    ModulePage,
    WebinarIndexPage,
    WebinarPage,
)
from learning import quiz
from learning.models import (
    Assignment,
    Certificate,
    Enrolment,
    JPLedgerEntry,
    ModuleFeedback,
    ModuleProgress,
    QuizAnswer,
    QuizAttempt,
    WebinarRegistration,
)
from people import roles
from people.models import Instansi, UnitKerja, User

# Every bench account shares this password (benchmarks log in by session,
# not through the login form); it is never used outside a bench database.
BENCH_PASSWORD = "bench-only-password"  # noqa: S105
PREFIX = "bench"
MODULES_PER_COURSE = 8
QUIZ_MODULE = MODULES_PER_COURSE - 1  # the last module holds the quiz
QUIZ_PASS_MARK = 70
BARE_PAGE_SLUG = "bench-halaman-polos"


@dataclass(frozen=True)
class Scale:
    instansi: int
    top_units: int  # per instansi
    sub_units: int  # per top unit
    people: int
    courses: int
    enrolments: int
    progress: int
    attempts: int
    feedback: int
    webinars: int
    registrations: int
    manual_jp: int
    trainers: int

    @property
    def units(self):
        return self.instansi * self.top_units * (1 + self.sub_units)


SCALES = {
    "province": Scale(
        instansi=10,
        top_units=8,
        sub_units=4,
        people=50_000,
        courses=200,
        enrolments=500_000,
        progress=3_000_000,
        attempts=300_000,
        feedback=200_000,
        webinars=20,
        registrations=20_000,
        manual_jp=10_000,
        trainers=20,
    ),
    "small": Scale(
        instansi=5,
        top_units=2,
        sub_units=3,
        people=500,
        courses=20,
        enrolments=5_000,
        progress=30_000,
        attempts=3_000,
        feedback=2_000,
        webinars=4,
        registrations=200,
        manual_jp=100,
        trainers=4,
    ),
    "tiny": Scale(
        instansi=2,
        top_units=2,
        sub_units=1,
        people=60,
        courses=6,
        enrolments=240,
        progress=1_440,
        attempts=150,
        feedback=100,
        webinars=2,
        registrations=30,
        manual_jp=12,
        trainers=2,
    ),
}

REGIONS = [
    "Provinsi Nusa Tenggara Timur",
    "Kota Kupang",
    "Kabupaten Kupang",
    "Kabupaten Timor Tengah Selatan",
    "Kabupaten Timor Tengah Utara",
    "Kabupaten Belu",
    "Kabupaten Alor",
    "Kabupaten Flores Timur",
    "Kabupaten Sikka",
    "Kabupaten Ende",
    "Kabupaten Manggarai",
    "Kabupaten Sumba Timur",
]
TOP_UNITS = [
    "Badan Kepegawaian dan Pengembangan SDM",
    "Badan Perencanaan Pembangunan Daerah",
    "Dinas Kesehatan",
    "Dinas Pekerjaan Umum",
    "Dinas Pendidikan",
    "Dinas Sosial",
    "Inspektorat",
    "Sekretariat Daerah",
]
SUB_UNITS = [
    "Bidang Pelayanan",
    "Bidang Perencanaan",
    "Bidang Program",
    "Sekretariat",
]
FIRST_NAMES = [
    "Agustinus",
    "Ahmad",
    "Anselmus",
    "Budi",
    "Dewi",
    "Dominikus",
    "Elisabeth",
    "Fransiska",
    "Katarina",
    "Made",
    "Margaretha",
    "Maria",
    "Markus",
    "Nikolaus",
    "Nur",
    "Paulus",
    "Petrus",
    "Putu",
    "Rina",
    "Rosalia",
    "Ruth",
    "Siti",
    "Stefanus",
    "Theresia",
    "Veronika",
    "Wayan",
    "Yohanes",
    "Yosef",
]
FAMILY_NAMES = [
    "Bani",
    "Bria",
    "Dethan",
    "Fanggidae",
    "Kana",
    "Lake",
    "Lay",
    "Manek",
    "Mooy",
    "Nalle",
    "Ndun",
    "Nope",
    "Pah",
    "Ratu",
    "Riwu",
    "Seran",
    "Tallo",
    "Taek",
    "Tefa",
    "Wenda",
]
DEGREES = ["", "", "S.Pd.", "S.Kep.", "S.E.", "S.Sos.", "S.T.", "A.Md.", "M.Si."]
JABATAN = [  # (type, weight, golongan choices, jabatan title)
    ("pelaksana", 45, ["II/a", "II/b", "II/c", "II/d", "III/a"], "Pengadministrasi"),
    ("fungsional", 40, ["III/a", "III/b", "III/c", "III/d", "IV/a"], "Analis"),
    ("pengawas", 9, ["III/c", "III/d", "IV/a"], "Kepala Seksi"),
    ("administrator", 5, ["IV/a", "IV/b"], "Kepala Bidang"),
    ("jpt_pratama", 1, ["IV/c", "IV/d"], "Kepala Dinas"),
]
TOPICS = [
    "Literasi Digital ASN",
    "Pelayanan Publik Prima",
    "Manajemen Kinerja",
    "Penyusunan SKP",
    "Etika dan Integritas ASN",
    "Pengelolaan Keuangan Daerah",
    "Pengadaan Barang dan Jasa",
    "Kearsipan Digital",
    "Komunikasi Efektif",
    "Kepemimpinan Pengawas",
    "Analisis Kebijakan",
    "Perencanaan Pembangunan Daerah",
    "Manajemen Risiko",
    "Keamanan Informasi",
    "Penulisan Naskah Dinas",
    "Pengelolaan Data Statistik",
    "Inovasi Pelayanan",
    "Manajemen Perubahan",
    "Pengambilan Keputusan",
    "Kerja Sama Tim",
    "Coaching dan Mentoring",
    "Penanganan Pengaduan",
    "Survei Kepuasan Masyarakat",
    "Moderasi Beragama",
    "Wawasan Kebangsaan",
]
VARIANTS = [
    "Tingkat Dasar",
    "Tingkat Lanjut",
    "untuk Pengawas",
    "untuk Fungsional",
    "untuk Pelaksana",
    "di Daerah 3T",
    "Studi Kasus",
    "Praktik Baik",
]
TAGS = [
    "digital",
    "pelayanan",
    "kinerja",
    "keuangan",
    "integritas",
    "kepemimpinan",
    "kebijakan",
    "data",
    "komunikasi",
    "perencanaan",
    "kesehatan",
    "pendidikan",
    "pengadaan",
    "arsip",
    "inovasi",
    "risiko",
    "keamanan",
    "kebangsaan",
    "mentoring",
    "pengaduan",
]
PARAGRAPHS = [
    "Aparatur sipil negara melayani masyarakat setiap hari. Modul ini "
    "menjelaskan langkah kerja yang dapat langsung dipakai di kantor, dengan "
    "contoh dari dinas kabupaten dan provinsi.",
    "Bacalah setiap bagian dengan tenang. Catat hal yang relevan dengan "
    "tugas Anda, lalu diskusikan dengan atasan langsung atau rekan satu tim "
    "pada rapat berikutnya.",
    "Contoh kasus: sebuah puskesmas di daerah terpencil menerima keluhan "
    "tentang antrean yang panjang. Tim menyusun jadwal layanan baru, "
    "mengumumkannya lewat papan informasi desa, dan memantau hasilnya.",
    "Ingat bahwa setiap keputusan harus dapat dipertanggungjawabkan. "
    "Simpan bukti kerja, dokumentasikan alasan keputusan, dan gunakan data "
    "yang tersedia sebelum menarik kesimpulan.",
    "Kompetensi berkembang lewat praktik. Setelah modul ini, pilih satu "
    "kebiasaan kecil yang akan Anda ubah selama sebulan dan catat "
    "kemajuannya.",
    "Gunakan sumber resmi: peraturan perundang-undangan, surat edaran, dan "
    "pedoman teknis dari instansi pembina. Hindari informasi yang tidak "
    "jelas asal-usulnya.",
]


@contextlib.contextmanager
def search_index_deferred(page_models):
    """Skip per-page search indexing; the caller indexes in bulk afterwards.

    The database search backend recomputes a norm over every index entry
    after each insert, which makes creating pages one by one quadratic.
    """
    muted = [
        model
        for model in page_models
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        yield
    finally:
        for model in muted:
            post_save.connect(post_save_signal_handler, sender=model)


def index_in_bulk(pages):
    """Add pages to every auto-updated search backend, one call per type."""
    by_model = {}
    for page in pages:
        by_model.setdefault(type(page), []).append(page)
    for backend in get_search_backends(with_auto_update=True):
        for model, items in by_model.items():
            backend.add_bulk(model, items)


class RawJSON(str):
    """JSON already serialised once (quiz snapshots), written as is."""


def _fmt(seconds):
    return f"{seconds:7.1f}s"


class Sink:
    """Writes rows of one model fast: COPY on PostgreSQL, bulk_create elsewhere.

    Rows are tuples in the order of ``columns`` (field attnames). Concrete
    fields not named get their model default (``auto_now_add`` fields get
    the anchor time), so a field added later with a default keeps working.
    """

    def __init__(self, using, anchor):
        self.using = using
        self.connection = connections[using]
        self.postgres = self.connection.vendor == "postgresql"
        self.anchor = anchor

    def _completed(self, model, columns):
        opts = model._meta
        named = {opts.get_field(name).attname for name in columns}
        extra_names, extra_values = [], []
        for field in opts.concrete_fields:
            if field.attname in named or field.primary_key:
                continue
            if getattr(field, "auto_now_add", False) or getattr(
                field, "auto_now", False
            ):
                value = self.anchor
            elif field.has_default():
                value = field.get_default()
            elif field.null:
                value = None
            else:
                value = field.get_default()
                if value is None:
                    raise CommandError(
                        f"bench_data gives no value for {opts.label}.{field.name}"
                    )
            extra_names.append(field.attname)
            extra_values.append(value)
        return [*columns, *extra_names], tuple(extra_values)

    def write(self, model, columns, rows):
        """Insert every row; return how many."""
        columns, extra = self._completed(model, columns)
        fields = [model._meta.get_field(name) for name in columns]
        json_at = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]
        count = 0
        if self.postgres:
            quote = self.connection.ops.quote_name
            sql = "COPY {} ({}) FROM STDIN".format(
                quote(model._meta.db_table),
                ", ".join(quote(f.column) for f in fields),
            )
            with self.connection.cursor() as cursor, cursor.copy(sql) as copy:
                for row in rows:
                    row = row + extra
                    if json_at:
                        row = list(row)
                        for i in json_at:
                            if not isinstance(row[i], RawJSON):
                                row[i] = json.dumps(row[i])
                    copy.write_row(row)
                    count += 1
            if "id" in columns:
                # Explicit ids: move the sequence past them for later inserts.
                with self.connection.cursor() as cursor:
                    for sql in self.connection.ops.sequence_reset_sql(
                        no_style(), [model]
                    ):
                        cursor.execute(sql)
            return count
        batch = []
        for row in rows:
            row = row + extra
            values = dict(zip(columns, row, strict=True))
            for i in json_at:
                if isinstance(row[i], RawJSON):
                    values[columns[i]] = json.loads(row[i])
            batch.append(model(**values))
            if len(batch) >= 2000:
                model.objects.using(self.using).bulk_create(batch)
                count += len(batch)
                batch = []
        if batch:
            model.objects.using(self.using).bulk_create(batch)
            count += len(batch)
        return count


def next_id(model, using):
    last = model.objects.using(using).aggregate(m=models.Max("pk"))["m"]
    return (last or 0) + 1


def nip_for(index, rng):
    """An 18-digit NIP of the right shape, unique per index."""
    birth = datetime.date(1966, 1, 1) + datetime.timedelta(days=(index // 1000) * 7)
    start_year = birth.year + rng.randint(22, 30)
    return (
        f"{birth:%Y%m%d}{start_year:04d}{rng.randint(1, 12):02d}"
        f"{rng.choice('12')}{index % 1000:03d}"
    )


def token(rng):
    """A 22-character URL-safe code (128 random bits), like a certificate's."""
    raw = rng.getrandbits(128).to_bytes(16, "big")
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def block_id(rng):
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def quiz_blocks(rng):
    """A four-question quiz (one per type) and the ids to answer it."""
    ids = {name: block_id(rng) for name in ("single", "multi", "tf", "text")}
    opts = {f"s{i}": block_id(rng) for i in range(3)} | {
        f"m{i}": block_id(rng) for i in range(3)
    }

    def option(key, text, correct=False):
        return {
            "type": "item",
            "id": opts[key],
            "value": {"text": text, "correct": correct},
        }

    blocks = [
        {
            "type": "single_choice",
            "id": ids["single"],
            "value": {
                "question": "<p>Berapa JP minimal PNS dalam setahun?</p>",
                "explanation": "<p>Minimal 20 JP setahun.</p>",
                "points": 1,
                "options": [
                    option("s0", "10 JP"),
                    option("s1", "20 JP", True),
                    option("s2", "40 JP"),
                ],
            },
        },
        {
            "type": "multiple_choice",
            "id": ids["multi"],
            "value": {
                "question": "<p>Mana yang termasuk jalur nonklasikal?</p>",
                "explanation": "<p>E-learning dan coaching.</p>",
                "points": 1,
                "scoring": "all_or_nothing",
                "options": [
                    option("m0", "E-learning", True),
                    option("m1", "Seminar tatap muka"),
                    option("m2", "Coaching", True),
                ],
            },
        },
        {
            "type": "true_false",
            "id": ids["tf"],
            "value": {
                "question": "<p>PPPK juga wajib mengembangkan kompetensi.</p>",
                "explanation": "<p>Benar.</p>",
                "points": 1,
                "correct_answer": "true",
            },
        },
        {
            "type": "short_text",
            "id": ids["text"],
            "value": {
                "question": "<p>Kepanjangan JP?</p>",
                "explanation": "<p>Jam Pelajaran.</p>",
                "points": 1,
                "accepted_answers": ["Jam Pelajaran"],
            },
        },
    ]
    # (question id, right answer, wrong answer) in question order.
    key = [
        (ids["single"], opts["s1"], opts["s0"]),
        (ids["multi"], [opts["m0"], opts["m2"]], [opts["m1"]]),
        (ids["tf"], "true", "false"),
        (ids["text"], "jam pelajaran", "jam pelatihan"),
    ]
    return blocks, key


@dataclass
class Plan:
    """One enrolment and what its learner did, decided before any row is written."""

    id: int
    user: int  # index into people
    course: int  # index into courses
    enrolled_at: datetime.datetime
    source: str = Enrolment.Source.SELF
    assignment_id: int | None = None
    deadline: datetime.date | None = None
    started: int = 0  # modules with a progress row
    completed: int = 0  # of which completed (in order)
    end: datetime.datetime | None = None  # last activity
    fails: int = 0  # failed quiz attempts
    passed: bool = False  # quiz passed (the course's last module)

    @property
    def is_completed(self):
        return self.completed == MODULES_PER_COURSE


class Command(BaseCommand):
    help = "Build a deterministic benchmark data set (tiny, small or province)."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), default="small")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument(
            "--anchor",
            type=datetime.date.fromisoformat,
            default=None,
            help="Date the data's timeline ends on (default: today). Same seed "
            "and anchor give the same data.",
        )
        parser.add_argument(
            "--wipe",
            action="store_true",
            help="Delete the bench rows (accounts, pages, learner records) first.",
        )
        parser.add_argument(
            "--no-vacuum",
            action="store_true",
            help="Skip VACUUM ANALYZE at the end (PostgreSQL).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    # Orchestration ---------------------------------------------------------

    def handle(self, *args, **options):
        self.using = options["database"]
        connection = connections[self.using]
        self.scale_name = options["scale"]
        self.scale = SCALES[self.scale_name]
        if self.scale_name == "province" and connection.vendor != "postgresql":
            raise CommandError("The province scale needs PostgreSQL (DATABASE_URL).")
        self.rng = random.Random(options["seed"])
        anchor_day = options["anchor"] or timezone.localdate()
        self.anchor = timezone.make_aware(
            datetime.datetime.combine(anchor_day, datetime.time(12, 0))
        )
        self.sink = Sink(self.using, self.anchor)
        self.started = time.monotonic()
        self.timings = {}

        if options["wipe"]:
            self.step("wipe bench rows", self.wipe)
        if User.objects.using(self.using).filter(username__startswith=PREFIX).exists():
            raise CommandError(
                "Bench data is already in this database; run with --wipe to rebuild."
            )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # Bulk load: no waiting for each commit to reach the disk.
                cursor.execute("SET synchronous_commit TO OFF")
                cursor.execute("SET maintenance_work_mem TO '256MB'")
        with transaction.atomic(using=self.using):
            self.step("organisation", self.build_organisation)
            self.step("people", self.build_people)
            self.step("pages (tree API)", self.build_pages)
            self.step("plan enrolments", self.plan_enrolments)
            self.step("assignments + enrolments", self.write_enrolments)
            self.step("module progress", self.write_progress)
            self.step("quiz attempts + answers", self.write_attempts)
            self.step("questionnaires", self.write_feedback)
            self.step("certificates + JP", self.write_completions)
            self.step("webinar registrations", self.write_webinars)
            self.step("manual JP", self.write_manual_jp)
            self.step("sequences", self.reset_sequences)
        if connection.vendor == "postgresql":
            self.step("vacuum analyze", self.vacuum, not options["no_vacuum"])
        self.report()

    def step(self, name, function, *args):
        start = time.monotonic()
        function(*args)
        elapsed = time.monotonic() - start
        self.timings[name] = round(elapsed, 2)
        self.stdout.write(f"  {_fmt(elapsed)}  {name}")

    def report(self):
        total = time.monotonic() - self.started
        self.stdout.write(
            self.style.SUCCESS(f"Bench data ({self.scale_name}) built in {total:.1f}s.")
        )
        for model in (
            Instansi,
            UnitKerja,
            User,
            CoursePage,
            ModulePage,
            Assignment,
            Enrolment,
            ModuleProgress,
            QuizAttempt,
            QuizAnswer,
            ModuleFeedback,
            JPLedgerEntry,
            Certificate,
            WebinarRegistration,
        ):
            count = model.objects.using(self.using).count()
            self.stdout.write(f"  {model._meta.label:28} {count:>10,}")

    # Wiping ------------------------------------------------------------------

    def wipe(self):
        """Delete every bench row, big tables first with plain DELETEs."""
        using = self.using
        with transaction.atomic(using=using):
            users = User.objects.using(using).filter(username__startswith=PREFIX)
            user_ids = users.values("pk")
            QuizAnswer.objects.using(using).filter(
                attempt__user_id__in=user_ids
            )._raw_delete(using)
            for model in (
                QuizAttempt,
                ModuleFeedback,
                ModuleProgress,
                Certificate,
                JPLedgerEntry,
                WebinarRegistration,
            ):
                model.objects.using(using).filter(user_id__in=user_ids)._raw_delete(
                    using
                )
            Enrolment.objects.using(using).filter(user_id__in=user_ids)._raw_delete(
                using
            )
            Assignment.objects.using(using).filter(
                course__slug__startswith=f"{PREFIX}-"
            ).delete()
            # Courses (with their modules), webinars and the bare page.
            for page in Page.objects.using(using).filter(slug__startswith=f"{PREFIX}-"):
                page.delete()
            users.delete()
            UnitKerja.objects.using(using).filter(
                code__startswith=f"{PREFIX}-"
            ).delete()
            Instansi.objects.using(using).filter(code__startswith=f"{PREFIX}-").delete()

    # Organisation and people -----------------------------------------------

    def build_organisation(self):
        scale, using = self.scale, self.using
        self.instansi = []
        for index in range(scale.instansi):
            region = REGIONS[index % len(REGIONS)]
            suffix = f" {index // len(REGIONS) + 1}" if index >= len(REGIONS) else ""
            self.instansi.append(
                Instansi(
                    name=f"Pemerintah {region}{suffix} (bench)",
                    code=f"{PREFIX}-{index:02d}",
                    kind=Instansi.Kind.DAERAH,
                )
            )
        Instansi.objects.using(using).bulk_create(self.instansi)
        self.instansi = list(
            Instansi.objects.using(using)
            .filter(code__startswith=f"{PREFIX}-")
            .order_by("code")
        )
        # Tree paths computed here (node_order_by is "name": siblings are
        # created in name order so the paths agree with it).
        existing_roots = UnitKerja.get_root_nodes().using(using).count()
        roots = sorted(
            (
                f"{TOP_UNITS[t % len(TOP_UNITS)]}"
                f"{'' if t < len(TOP_UNITS) else f' {t // len(TOP_UNITS) + 1}'}"
                f" — {inst.name}",
                i,
                t,
            )
            for i, inst in enumerate(self.instansi)
            for t in range(scale.top_units)
        )
        units = []
        self.top_units = {}  # (instansi index, top index) -> unit
        for position, (name, i, t) in enumerate(roots, start=existing_roots + 1):
            path = UnitKerja._get_path(None, 1, position)
            unit = UnitKerja(
                path=path,
                depth=1,
                numchild=scale.sub_units,
                instansi=self.instansi[i],
                name=name[:200],
                code=f"{PREFIX}-{i:02d}-{t:02d}",
            )
            units.append(unit)
            self.top_units[i, t] = unit
            for s in range(scale.sub_units):
                label = SUB_UNITS[s % len(SUB_UNITS)]
                if s >= len(SUB_UNITS):
                    label = f"{label} {s // len(SUB_UNITS) + 1}"
                units.append(
                    UnitKerja(
                        path=UnitKerja._get_path(path, 2, s + 1),
                        depth=2,
                        numchild=0,
                        instansi=self.instansi[i],
                        name=label,
                        code=f"{PREFIX}-{i:02d}-{t:02d}-{s:02d}",
                    )
                )
        UnitKerja.objects.using(using).bulk_create(units, batch_size=1000)
        by_code = {
            u.code: u
            for u in UnitKerja.objects.using(using).filter(
                code__startswith=f"{PREFIX}-"
            )
        }
        # Every unit of an instansi, top units first: people are spread over
        # all of them.
        self.units_of = {}
        for i in range(scale.instansi):
            listed = []
            for t in range(scale.top_units):
                top = by_code[f"{PREFIX}-{i:02d}-{t:02d}"]
                self.top_units[i, t] = top
                listed.append((top, t))
                for s in range(scale.sub_units):
                    listed.append((by_code[f"{PREFIX}-{i:02d}-{t:02d}-{s:02d}"], t))
            self.units_of[i] = listed

    def build_people(self):
        scale, rng, using = self.scale, self.rng, self.using
        password = make_password(BENCH_PASSWORD)
        first_id = next_id(User, using)
        jabatan_cum = list(itertools.accumulate(w for _t, w, _g, _j in JABATAN))
        self.people = []  # (id, instansi index, top index, display name, nip)
        self.unit_of_person = []
        rows = []
        for index in range(scale.people):
            i = index % scale.instansi
            unit, top = self.units_of[i][rng.randrange(len(self.units_of[i]))]
            jt, _w, golongan, title = JABATAN[
                bisect.bisect_right(jabatan_cum, rng.randrange(jabatan_cum[-1]))
            ]
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(FAMILY_NAMES)}"
            degree = rng.choice(DEGREES)
            nip = nip_for(index, rng)
            pppk = rng.random() < 0.15
            zone = rng.random()
            tz = (
                "Asia/Makassar"
                if zone < 0.9
                else ("Asia/Jakarta" if zone < 0.95 else "Asia/Jayapura")
            )
            user_id = first_id + index
            display = f"{name}, {degree}" if degree else name
            self.people.append((user_id, i, top, display, nip))
            self.unit_of_person.append(unit.pk)
            rows.append(
                (
                    user_id,
                    password,
                    False,
                    f"{PREFIX}{index:06d}",
                    "",
                    "",
                    f"asn{index:06d}@bench.belajar.test",
                    False,
                    True,
                    self.anchor - datetime.timedelta(days=600),
                    nip,
                    name,
                    "",
                    degree,
                    "",
                    "PPPK" if pppk else "PNS",
                    self.instansi[i].pk,
                    unit.pk,
                    f"{title} {rng.choice(['Ahli Pertama', 'Ahli Muda', 'Terampil'])}"
                    if jt == "fungsional"
                    else title,
                    jt,
                    rng.choice(golongan),
                    tz,
                )
            )
        columns = [
            "id",
            "password",
            "is_superuser",
            "username",
            "first_name",
            "last_name",
            "email",
            "is_staff",
            "is_active",
            "date_joined",
            "nip",
            "full_name",
            "title_prefix",
            "title_suffix",
            "phone",
            "employment_status",
            "instansi_id",
            "unit_kerja_id",
            "jabatan",
            "jabatan_type",
            "golongan",
            "time_zone",
        ]
        self.sink.write(User, columns, iter(rows))

        # Staff accounts: a superuser, one Admin instansi per instansi,
        # trainers, and a supervisor for every top unit (an ASN already).
        staff = [
            User(
                username=f"{PREFIX}-admin",
                full_name="Administrator Bench",
                email="admin@bench.belajar.test",
                is_superuser=True,
                is_staff=True,
                password=password,
            )
        ]
        for i, inst in enumerate(self.instansi):
            staff.append(
                User(
                    username=f"{PREFIX}-admin-{i:02d}",
                    full_name=f"Admin {inst.name}",
                    email=f"admin{i:02d}@bench.belajar.test",
                    is_staff=True,
                    instansi=inst,
                    unit_kerja=self.top_units[i, 0],
                    password=password,
                )
            )
        for t in range(scale.trainers):
            staff.append(
                User(
                    username=f"{PREFIX}-pelatih-{t:02d}",
                    full_name=f"Pelatih {t + 1}",
                    email=f"pelatih{t:02d}@bench.belajar.test",
                    is_staff=True,
                    password=password,
                )
            )
        User.objects.using(using).bulk_create(staff)
        self.admin = User.objects.using(using).get(username=f"{PREFIX}-admin")
        self.admins = list(
            User.objects.using(using)
            .filter(username__startswith=f"{PREFIX}-admin-")
            .order_by("username")
        )
        self.trainers = list(
            User.objects.using(using)
            .filter(username__startswith=f"{PREFIX}-pelatih-")
            .order_by("username")
        )
        roles.setup_role_groups(using)
        groups = {g.name: g for g in Group.objects.using(using).all()}
        through = User.groups.through
        memberships = [
            through(user_id=u.pk, group_id=groups[roles.ADMIN_INSTANSI].pk)
            for u in self.admins
        ] + [
            through(user_id=u.pk, group_id=groups[roles.PELATIH].pk)
            for u in self.trainers
        ]
        supervised = set()
        for user_id, i, top, _d, _n in self.people:
            if (i, top) not in supervised:
                supervised.add((i, top))
                memberships.append(
                    through(user_id=user_id, group_id=groups[roles.SUPERVISOR].pk)
                )
        through.objects.using(using).bulk_create(memberships)

    # Pages -------------------------------------------------------------------

    PAGE_MODELS = (
        Page,
        CourseIndexPage,
        CoursePage,
        ModulePage,
        WebinarIndexPage,
        WebinarPage,
    )

    def build_pages(self):
        with search_index_deferred(self.PAGE_MODELS):
            created = self._build_pages()
        index_in_bulk(created)

    def _build_pages(self):
        from courses.permissions import setup_trainer_group

        created = []
        rng, using, scale = self.rng, self.using, self.scale
        site = Site.objects.using(using).get(is_default_site=True)
        home = site.root_page.specific
        published = self.anchor - datetime.timedelta(days=400)

        def add(parent, page):
            page.first_published_at = page.last_published_at = published
            parent.add_child(instance=page)
            created.append(page)
            return page

        catalogue = CourseIndexPage.objects.using(using).first() or add(
            home, CourseIndexPage(title="Kursus", slug="kursus")
        )
        webinar_index = WebinarIndexPage.objects.using(using).first() or add(
            home, WebinarIndexPage(title="Webinar", slug="webinar")
        )
        # The load tests' reference: a plain Wagtail page, no LMS logic,
        # rendered by Wagtail's own wagtailcore/page.html.
        add(home, Page(title="Halaman polos", slug=BARE_PAGE_SLUG))

        tags = [
            Tag.objects.using(using).get_or_create(name=name, defaults={"slug": name})[
                0
            ]
            for name in TAGS
        ]
        competencies = list(CompetencyType.values)
        managerial = list(ManagerialCompetency.values)
        self.courses = []  # (page, jp, quiz module or None)
        self.modules = []  # per course: list of module pages
        self.quiz_keys = {}  # module id -> answer key
        self.snapshots = {}  # module id -> RawJSON
        course_tags, prerequisites, course_trainers = [], [], []
        for c in range(scale.courses):
            topic = TOPICS[c % len(TOPICS)]
            variant = VARIANTS[(c // len(TOPICS)) % len(VARIANTS)]
            title = f"{topic}: {variant}"
            if c >= len(TOPICS) * len(VARIANTS):
                title = f"{title} ({c // (len(TOPICS) * len(VARIANTS)) + 1})"
            competency = competencies[c % len(competencies)]
            has_quiz = c % 4 != 0
            course = add(
                catalogue,
                CoursePage(
                    title=title,
                    slug=f"{PREFIX}-kursus-{c:03d}",
                    summary=f"{topic} bagi ASN: {PARAGRAPHS[c % len(PARAGRAPHS)]}",
                    learning_objectives="<ul><li>Memahami konsep dasar</li>"
                    "<li>Menerapkan di unit kerja</li></ul>",
                    competency_type=competency,
                    managerial_competency=(
                        managerial[c % len(managerial)]
                        if competency == CompetencyType.MANAJERIAL
                        else ""
                    ),
                    level=1 + c % 5,
                    target_jabatan="Semua ASN",
                    jp_credit=Decimal(2 * (1 + c % 6)),
                    estimated_minutes=45 * (1 + c % 6) * 2,
                ),
            )
            for tag in rng.sample(tags, 1 + c % 3):
                course_tags.append(CourseTag(content_object_id=course.pk, tag=tag))
            course_trainers.append(self.trainers[c % len(self.trainers)].pk)
            modules, quiz_module = [], None
            for m in range(MODULES_PER_COURSE):
                body = [
                    {"type": "heading", "value": f"Bagian {m + 1}", "id": block_id(rng)}
                ]
                for p in range(3):
                    text = PARAGRAPHS[(c + m + p) % len(PARAGRAPHS)]
                    body.append(
                        {
                            "type": "paragraph",
                            "value": f"<p>{text}</p>",
                            "id": block_id(rng),
                        }
                    )
                key = None
                if has_quiz and m == QUIZ_MODULE:
                    questions, key = quiz_blocks(rng)
                    body += questions
                module = add(
                    course,
                    ModulePage(
                        title=f"Modul {m + 1}: {topic}",
                        slug=f"modul-{m + 1}",
                        intro=f"Bagian {m + 1} dari {MODULES_PER_COURSE}.",
                        body=body,
                        estimated_minutes=20 + 5 * (m % 4),
                        quiz_max_attempts=3,
                        quiz_shuffle_options=False,
                    ),
                )
                modules.append(module)
                if key:
                    quiz_module = module
                    self.quiz_keys[module.pk] = key
                    self.snapshots[module.pk] = RawJSON(
                        json.dumps(quiz.build_snapshot(module))
                    )
            self.courses.append((course, course.jp_credit, quiz_module))
            self.modules.append(modules)
            if c % 10 == 9:
                prerequisites.append((course.pk, self.courses[c - 1][0].pk))
        CourseTag.objects.using(using).bulk_create(course_tags)
        trainers_through = CoursePage.trainers.through
        trainers_through.objects.using(using).bulk_create(
            trainers_through(coursepage_id=course.pk, user_id=user_id)
            for (course, _jp, _q), user_id in zip(
                self.courses, course_trainers, strict=True
            )
        )
        prereq_through = CoursePage.prerequisites.through
        prereq_through.objects.using(using).bulk_create(
            prereq_through(from_coursepage_id=a, to_coursepage_id=b)
            for a, b in prerequisites
        )

        self.webinars = []
        for w in range(scale.webinars):
            past = w % 2 == 0
            offset = datetime.timedelta(days=(w // 2) * 7 + 3, hours=1)
            start = (self.anchor - offset) if past else (self.anchor + offset)
            start = start.replace(hour=2, minute=0)  # 09.00 WIB
            self.webinars.append(
                add(
                    webinar_index,
                    WebinarPage(
                        title=f"Webinar {TOPICS[w % len(TOPICS)]}",
                        slug=f"{PREFIX}-webinar-{w:02d}",
                        start_at=start,
                        end_at=start + datetime.timedelta(hours=2),
                        description="<p>Diskusi bersama narasumber.</p>",
                        join_url="https://meet.example.go.id/bench",
                        jp_credit=Decimal("2"),
                    ),
                )
            )
        setup_trainer_group()
        return created

    # Learner records ---------------------------------------------------------

    def plan_enrolments(self):
        """Decide every enrolment and its outcome before writing a row.

        Per enrolment: completed (all 8 modules), in progress (the first
        ``started`` modules have a row, all but maybe the last completed), or
        not started. The shares are set so the totals hit the scale's
        progress and attempt targets exactly.
        """
        scale, rng = self.scale, self.rng
        n_courses = len(self.courses)
        per_person = scale.enrolments // scale.people
        if per_person > n_courses:
            raise CommandError("More enrolments per person than courses.")
        counts = [per_person] * scale.people
        for index in range(scale.enrolments - per_person * scale.people):
            counts[index] += 1
        for index in range(0, scale.people - 1, 2):  # vary, keep the total
            spread = min(counts[index] - 1, n_courses - counts[index + 1], 5)
            delta = rng.randint(0, max(0, spread))
            counts[index] -= delta
            counts[index + 1] += delta
        weights = list(itertools.accumulate(1 / (c + 10) for c in range(n_courses)))
        first_id = next_id(Enrolment, self.using)
        self.plans = []
        for person, count in enumerate(counts):
            chosen = []
            seen = set()
            for course in rng.choices(
                range(n_courses), cum_weights=weights, k=count * 2
            ):
                if course not in seen:
                    seen.add(course)
                    chosen.append(course)
                    if len(chosen) == count:
                        break
            if len(chosen) < count:
                rest = [c for c in range(n_courses) if c not in seen]
                chosen += rng.sample(rest, count - len(chosen))
            for course in chosen:
                days = rng.uniform(2, 500)
                self.plans.append(
                    Plan(
                        id=first_id + len(self.plans),
                        user=person,
                        course=course,
                        enrolled_at=self.anchor - datetime.timedelta(days=days),
                    )
                )

        # Outcomes: not started 5%, completed share c, in progress the rest,
        # with c chosen so rows per enrolment average progress/enrolments.
        target_rows = scale.progress
        ratio = target_rows / len(self.plans)
        in_progress_avg = (1 + MODULES_PER_COURSE) / 2
        share_completed = (ratio - in_progress_avg * 0.95) / (
            MODULES_PER_COURSE - in_progress_avg
        )
        in_progress = []
        for plan in self.plans:
            draw = rng.random()
            if draw < 0.05:
                continue
            if draw < 0.05 + share_completed:
                plan.started = plan.completed = MODULES_PER_COURSE
            else:
                plan.started = rng.randint(1, MODULES_PER_COURSE)
                in_progress.append(plan)
        # Hit the row target exactly by nudging in-progress learners.
        rows = sum(p.started for p in self.plans)
        while rows != target_rows and in_progress:
            plan = in_progress[rng.randrange(len(in_progress))]
            if rows < target_rows and plan.started < MODULES_PER_COURSE:
                plan.started += 1
                rows += 1
            elif rows > target_rows and plan.started > 1:
                plan.started -= 1
                rows -= 1
        for plan in in_progress:
            last_done = plan.started < MODULES_PER_COURSE and rng.random() < 0.5
            plan.completed = plan.started if last_done else plan.started - 1

        # Quiz attempts on the last module: a pass for each completion there,
        # a fail for each learner stuck on it, then more fails (3 at most).
        takers = []
        for plan in self.plans:
            if self.courses[plan.course][2] is None:
                continue
            if plan.is_completed:
                plan.passed = True
                takers.append(plan)
            elif plan.started == MODULES_PER_COURSE:
                plan.fails = 1
                takers.append(plan)
        attempts = len(takers)
        room = [p for p in takers if p.fails + p.passed < 3]
        while attempts < scale.attempts and room:
            position = rng.randrange(len(room))
            plan = room[position]
            plan.fails += 1
            attempts += 1
            if plan.fails + plan.passed >= 3:
                room[position] = room[-1]
                room.pop()
        # Timeline, assignment and deadline of each enrolment.
        for plan in self.plans:
            span = self.anchor - plan.enrolled_at
            plan.end = plan.enrolled_at + span * rng.uniform(0.2, 0.95)
        self.assignments = {}
        self.assignment_rows = []
        first_assignment = next_id(Assignment, self.using)
        for plan in self.plans:
            if rng.random() >= 0.3:
                continue
            _uid, i, top, _d, _n = self.people[plan.user]
            key = (plan.course, i, top)
            if key not in self.assignments:
                deadline = (plan.enrolled_at + datetime.timedelta(days=90)).date()
                self.assignments[key] = (
                    first_assignment + len(self.assignments),
                    deadline,
                )
                self.assignment_rows.append(
                    [
                        self.assignments[key][0],
                        self.courses[plan.course][0].pk,
                        Assignment.Target.UNIT,
                        self.top_units[i, top].pk,
                        "",
                        "Wajib bagi seluruh ASN di unit ini (bench)",
                        deadline,
                        self.admins[i].pk,
                        plan.enrolled_at,
                        0,
                    ]
                )
            plan.source = Enrolment.Source.ASSIGNMENT
            plan.assignment_id, plan.deadline = self.assignments[key]
            self.assignment_rows[plan.assignment_id - first_assignment][9] += 1

    def write_enrolments(self):
        self.sink.write(
            Assignment,
            [
                "id",
                "course_id",
                "target",
                "unit_kerja_id",
                "jabatan_type",
                "reason",
                "deadline",
                "assigned_by_id",
                "created_at",
                "people_count",
            ],
            (tuple(row) for row in self.assignment_rows),
        )
        courses, people = self.courses, self.people
        self.sink.write(
            Enrolment,
            [
                "id",
                "user_id",
                "course_id",
                "source",
                "assignment_id",
                "deadline",
                "enrolled_at",
                "completed_at",
            ],
            (
                (
                    p.id,
                    people[p.user][0],
                    courses[p.course][0].pk,
                    p.source,
                    p.assignment_id,
                    p.deadline,
                    p.enrolled_at,
                    p.end if p.is_completed else None,
                )
                for p in self.plans
            ),
        )

    def _module_times(self, plan, index):
        """(started, finished) of a plan's module: evenly along its timeline."""
        span = (plan.end - plan.enrolled_at) / plan.started
        finished = plan.enrolled_at + span * (index + 1)
        spent = 300 + (plan.id * 7919 + index * 104729) % 2400
        return finished - datetime.timedelta(seconds=spent), finished, spent

    def write_progress(self):
        people, modules, courses = self.people, self.modules, self.courses
        completed_rows = sum(p.completed for p in self.plans)
        picks = self.scale.feedback
        self.feedback_rows = set(
            self.rng.sample(range(completed_rows), min(picks, completed_rows))
        )
        self.feedback_plan = []  # (plan, module index) in write order

        def rows():
            position = 0
            for plan in self.plans:
                user_id = people[plan.user][0]
                quiz_module = courses[plan.course][2]
                for index in range(plan.started):
                    module = modules[plan.course][index]
                    started, finished, spent = self._module_times(plan, index)
                    done = index < plan.completed
                    by = ""
                    if done:
                        if quiz_module is not None and module.pk == quiz_module.pk:
                            by = ModuleProgress.CompletedBy.QUIZ
                        else:
                            by = ModuleProgress.CompletedBy.LEARNER
                        if position in self.feedback_rows:
                            self.feedback_plan.append((plan, index))
                        position += 1
                    yield (
                        user_id,
                        plan.id,
                        module.pk,
                        started,
                        finished,
                        spent,
                        finished if done else None,
                        by,
                    )

        self.sink.write(
            ModuleProgress,
            [
                "user_id",
                "enrolment_id",
                "module_id",
                "started_at",
                "last_seen_at",
                "seconds_spent",
                "completed_at",
                "completed_by",
            ],
            rows(),
        )

    def write_attempts(self):
        people, courses = self.people, self.courses
        first_id = next_id(QuizAttempt, self.using)
        answers = []  # (attempt id, correct count, key, saved_at) per attempt
        rng = self.rng

        def attempt_rows():
            attempt_id = first_id
            for plan in self.plans:
                total = plan.fails + plan.passed
                if not total:
                    continue
                module = courses[plan.course][2]
                started, finished, _spent = self._module_times(plan, QUIZ_MODULE)
                step = (finished - started) / total
                for number in range(1, total + 1):
                    passed = plan.passed and number == total
                    correct = rng.choice((3, 4)) if passed else rng.randint(0, 2)
                    opened = started + step * (number - 1)
                    submitted = opened + step * 0.8
                    answers.append((attempt_id, correct, module.pk, submitted))
                    yield (
                        attempt_id,
                        people[plan.user][0],
                        plan.id,
                        module.pk,
                        number,
                        opened,
                        None,
                        submitted,
                        Decimal(correct * 25),
                        passed,
                        QUIZ_PASS_MARK,
                        False,
                        self.snapshots[module.pk],
                        None,
                    )
                    attempt_id += 1

        self.sink.write(
            QuizAttempt,
            [
                "id",
                "user_id",
                "enrolment_id",
                "module_id",
                "number",
                "started_at",
                "deadline_at",
                "submitted_at",
                "score",
                "passed",
                "pass_mark",
                "expired",
                "snapshot",
                "client_id",
            ],
            attempt_rows(),
        )
        one, zero = Decimal("1.00"), Decimal("0.00")

        def answer_rows():
            for attempt_id, correct, module_id, saved in answers:
                key = self.quiz_keys[module_id]
                right = set(rng.sample(range(len(key)), correct))
                for position, (question_id, good, bad) in enumerate(key):
                    ok = position in right
                    yield (
                        attempt_id,
                        question_id,
                        good if ok else bad,
                        saved,
                        ok,
                        one if ok else zero,
                    )

        self.sink.write(
            QuizAnswer,
            ["attempt_id", "question_id", "value", "saved_at", "is_correct", "points"],
            answer_rows(),
        )

    def write_feedback(self):
        people, modules, rng = self.people, self.modules, self.rng
        comments = [
            "",
            "",
            "",
            "Materinya jelas dan bisa langsung dipakai.",
            "Video sulit dibuka dengan sinyal lemah.",
            "Contoh kasus dari daerah sangat membantu.",
        ]

        def rows():
            for plan, index in self.feedback_plan:
                _started, finished, _spent = self._module_times(plan, index)
                base = rng.choice((3, 4, 4, 5, 5))
                ratings = [
                    max(1, min(5, base + rng.choice((-1, 0, 0, 1)))) for _ in range(4)
                ]
                yield (
                    people[plan.user][0],
                    plan.id,
                    modules[plan.course][index].pk,
                    *ratings,
                    rng.choice(comments),
                    finished,
                    finished,
                    None,
                )

        self.sink.write(
            ModuleFeedback,
            [
                "user_id",
                "enrolment_id",
                "module_id",
                "rating_material",
                "rating_delivery",
                "rating_practical",
                "rating_overall",
                "comment",
                "created_at",
                "updated_at",
                "client_id",
            ],
            rows(),
        )

    def write_completions(self):
        """A certificate and a JP entry for every completed enrolment, as the
        completion receiver writes them."""
        people, courses, rng = self.people, self.courses, self.rng
        instansi_names = [inst.name for inst in self.instansi]
        labels = dict(CompetencyType.choices)
        first_id = next_id(Certificate, self.using)
        codes = []

        def certificate_rows():
            for plan in self.plans:
                if not plan.is_completed:
                    continue
                user_id, i, _top, display, nip = people[plan.user]
                course, jp, _q = courses[plan.course]
                certificate_id = first_id + len(codes)
                code = token(rng)
                codes.append(code)
                local = timezone.localtime(plan.end)
                yield (
                    certificate_id,
                    user_id,
                    plan.id,
                    course.pk,
                    f"SERT/{local.year}/{certificate_id:06d}",
                    code,
                    plan.end,
                    local.date(),
                    display,
                    nip,
                    course.title,
                    str(labels[course.competency_type]),
                    jp,
                    instansi_names[i],
                    None,
                    "",
                    None,
                    None,
                )

        self.sink.write(
            Certificate,
            [
                "id",
                "user_id",
                "enrolment_id",
                "course_id",
                "number",
                "code",
                "issued_at",
                "completed_on",
                "holder_name",
                "holder_nip",
                "course_title",
                "competency_type",
                "jp",
                "issuer",
                "revoked_at",
                "revoked_reason",
                "revoked_by_id",
                "replaces_id",
            ],
            certificate_rows(),
        )

        def ledger_rows():
            completed = (p for p in self.plans if p.is_completed)
            for plan, code in zip(completed, codes, strict=True):
                course, jp, _q = courses[plan.course]
                yield (
                    people[plan.user][0],
                    JPLedgerEntry.Source.COURSE,
                    str(plan.id),
                    course.title,
                    JPLedgerEntry.Path.NONKLASIKAL,
                    JPLedgerEntry.Form.ELEARNING,
                    jp,
                    timezone.localtime(plan.end).date(),
                    f"/sertifikat/{code}/",
                    False,
                    "",
                    None,
                    plan.end,
                )

        self.sink.write(JPLedgerEntry, self.LEDGER_COLUMNS, ledger_rows())

    LEDGER_COLUMNS = [
        "user_id",
        "source_type",
        "source_id",
        "title",
        "path",
        "form",
        "jp",
        "earned_on",
        "evidence_url",
        "manual",
        "note",
        "recorded_by_id",
        "created_at",
    ]

    def write_webinars(self):
        scale, rng, people = self.scale, self.rng, self.people
        if not self.webinars:
            return
        per_webinar = min(scale.registrations // len(self.webinars), scale.people)
        first_id = next_id(WebinarRegistration, self.using)
        registrations, credits = [], []
        for webinar in self.webinars:
            past = webinar.end_at <= self.anchor
            for person in rng.sample(range(scale.people), per_webinar):
                registration_id = first_id + len(registrations)
                registered = webinar.start_at - datetime.timedelta(
                    days=rng.uniform(1, 20)
                )
                cancelled = rng.random() < 0.05
                attended = past and not cancelled and rng.random() < 0.7
                registrations.append(
                    (
                        registration_id,
                        people[person][0],
                        webinar.pk,
                        WebinarRegistration.Status.CANCELLED
                        if cancelled
                        else WebinarRegistration.Status.REGISTERED,
                        registered,
                        registered + datetime.timedelta(days=1) if cancelled else None,
                        webinar.start_at + datetime.timedelta(minutes=10)
                        if attended
                        else None,
                        WebinarRegistration.AttendanceSource.TRAINER
                        if attended
                        else "",
                        None,
                        None,
                    )
                )
                if attended:
                    credits.append(
                        (
                            people[person][0],
                            JPLedgerEntry.Source.WEBINAR,
                            str(registration_id),
                            webinar.title,
                            JPLedgerEntry.Path.NONKLASIKAL,
                            JPLedgerEntry.Form.WEBINAR,
                            webinar.jp_credit,
                            timezone.localtime(webinar.start_at).date(),
                            "",
                            False,
                            "",
                            None,
                            webinar.end_at,
                        )
                    )
        self.sink.write(
            WebinarRegistration,
            [
                "id",
                "user_id",
                "webinar_id",
                "status",
                "registered_at",
                "cancelled_at",
                "attended_at",
                "attendance_source",
                "attendance_marked_by_id",
                "reminder_sent_at",
            ],
            iter(registrations),
        )
        self.sink.write(JPLedgerEntry, self.LEDGER_COLUMNS, iter(credits))

    def write_manual_jp(self):
        scale, rng, people = self.scale, self.rng, self.people
        forms = [
            (JPLedgerEntry.Form.PELATIHAN, "Pelatihan Dasar CPNS"),
            (JPLedgerEntry.Form.SEMINAR, "Seminar Pelayanan Publik"),
            (JPLedgerEntry.Form.BIMTEK, "Bimtek Aplikasi Kepegawaian"),
        ]

        def rows():
            for _index in range(scale.manual_jp):
                person = rng.randrange(scale.people)
                user_id, i, _top, _d, _n = people[person]
                form, title = rng.choice(forms)
                earned = self.anchor - datetime.timedelta(days=rng.uniform(1, 540))
                yield (
                    user_id,
                    JPLedgerEntry.Source.MANUAL,
                    str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    title,
                    JPLedgerEntry.Path.KLASIKAL,
                    form,
                    Decimal(rng.choice((4, 8, 16, 24))),
                    timezone.localtime(earned).date(),
                    "",
                    True,
                    "Sertifikat diperiksa oleh BKPSDM.",
                    self.admins[i].pk,
                    earned,
                )

        self.sink.write(JPLedgerEntry, self.LEDGER_COLUMNS, rows())

    # Finishing -----------------------------------------------------------------

    def reset_sequences(self):
        connection = connections[self.using]
        statements = connection.ops.sequence_reset_sql(
            no_style(),
            [
                Instansi,
                UnitKerja,
                User,
                Assignment,
                Enrolment,
                ModuleProgress,
                QuizAttempt,
                QuizAnswer,
                ModuleFeedback,
                JPLedgerEntry,
                Certificate,
                WebinarRegistration,
            ],
        )
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    def vacuum(self, full):
        """Fresh planner statistics (and visibility maps) for the new rows."""
        connection = connections[self.using]
        tables = [
            model._meta.db_table
            for model in (
                User,
                Enrolment,
                ModuleProgress,
                QuizAttempt,
                QuizAnswer,
                ModuleFeedback,
                JPLedgerEntry,
                Certificate,
                WebinarRegistration,
                Assignment,
            )
        ]
        command = (
            "VACUUM (ANALYZE)" if full and not connection.in_atomic_block else "ANALYZE"
        )
        with connection.cursor() as cursor:
            for table in tables:
                cursor.execute(f"{command} {connection.ops.quote_name(table)}")
