"""Bulk ASN import in the admin: upload, dry run, confirm, through HTTP."""

import csv
import io
import os

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape
from openpyxl import Workbook, load_workbook
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from people import importer
from people.models import Instansi, User

HEADER = [
    "NIP",
    "Nama",
    "gelar_belakang",
    "email",
    "status",
    "instansi",
    "unit_kerja",
    "jabatan",
    "jenis_jabatan",
    "golongan",
    "telepon",
    "zona_waktu",
]


def person(n=1, **overrides):
    """A valid new ASN of Dinas Kesehatan NTT, as a row of HEADER."""
    values = {
        "NIP": f"19900101 201501 1 {n:03d}",
        "Nama": f"Pegawai Nomor {n}",
        "gelar_belakang": "S.KM.",
        "email": f"pegawai{n}@ntt.example.go.id",
        "status": "PNS",
        "instansi": "pemprov-ntt",
        "unit_kerja": "ntt-dinkes-yankes",
        "jabatan": "Epidemiolog Kesehatan Ahli Pertama",
        "jenis_jabatan": "Fungsional",
        "golongan": "III/a",
        "telepon": "081234567890",
        "zona_waktu": "WITA",
    }
    values.update(overrides)
    return [values[column] for column in HEADER]


def nip(n):
    return f"199001012015011{n:03d}"


def csv_upload(rows, header=HEADER, delimiter=",", bom=False, name="asn.csv"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    if header:
        writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode()
    if bom:
        data = b"\xef\xbb\xbf" + data
    return SimpleUploadedFile(name, data, content_type="text/csv")


def xlsx_upload(rows, header=HEADER, name="asn.xlsx"):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def dry_run(client, upload):
    """Upload a file and follow to the dry run page."""
    return client.post(reverse("people_import:upload"), {"file": upload}, follow=True)


def confirm(client, preview, fingerprint=None):
    return client.post(
        reverse("people_import:confirm"),
        {
            "token": preview.context["token"],
            "fingerprint": fingerprint or preview.context["plan"].fingerprint,
        },
        follow=True,
    )


def counts(preview):
    plan = preview.context["plan"]
    return (
        len(plan.creates),
        len(plan.updates),
        len(plan.unchanged),
        len(plan.problems),
    )


def problems(preview):
    return [(p.row, p.column, p.message) for p in preview.context["plan"].problems]


def login(client, user):
    """Log in with the admin in English, so the test reads the source strings."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client_(client, demo_people):
    return login(client, demo_people["admin"])


@pytest.fixture
def adminntt_client(client, demo_people):
    return login(client, demo_people["adminntt"])


# --- Happy paths -------------------------------------------------------------


def test_csv_dry_run_shows_what_would_happen_and_writes_nothing(admin_client_):
    before = User.objects.count()
    siti = person(
        NIP="199203152019032008",
        Nama="Siti Rahmawati",
        gelar_belakang="S.Kep.",
        email="siti.rahmawati@belajar.localhost",
        unit_kerja="ntt-bkd-bangkom",  # moved to another unit
        jabatan="Perawat Ahli Muda",
        golongan="III/b",
        telepon="081234567801",
    )
    response = dry_run(admin_client_, csv_upload([person(1), person(2), siti]))

    assert response.status_code == 200
    assert response.templates[0].name == "people/admin/import_preview.html"
    assert counts(response) == (2, 1, 0, 0)
    html = response.content.decode()
    assert "Pegawai Nomor 1" in html and "Bidang Pelayanan Kesehatan" in html
    update = response.context["plan"].updates[0]
    assert update.row == 4
    assert {label for label, _old, _new in update.changes} == {
        "unit kerja",
        "jabatan",
        "golongan",
    }
    assert (
        "unit kerja",
        "Bidang Pelayanan Kesehatan",
        "Bidang Pengembangan Kompetensi",
    ) in (update.changes)
    assert User.objects.count() == before  # a dry run writes nothing


def test_confirm_writes_the_previewed_accounts_and_logs_the_import(
    admin_client_, demo_people
):
    preview = dry_run(admin_client_, csv_upload([person(1), person(2)]))
    response = confirm(admin_client_, preview)

    assert response.redirect_chain[-1][0] == reverse("wagtailusers_users:index")
    new = User.objects.get(nip=nip(1))
    assert new.username == nip(1)
    assert not new.has_usable_password()  # they use password reset
    assert new.full_name == "Pegawai Nomor 1"
    assert new.get_full_name() == "Pegawai Nomor 1, S.KM."
    assert new.email == "pegawai1@ntt.example.go.id"
    assert (new.employment_status, new.jabatan_type, new.golongan) == (
        "PNS",
        "fungsional",
        "III/a",
    )
    assert new.unit_kerja.code == "ntt-dinkes-yankes"
    assert new.instansi.code == "pemprov-ntt"
    assert (new.time_zone, new.phone) == ("Asia/Makassar", "081234567890")
    assert new.is_active and not new.is_staff

    entry = ModelLogEntry.objects.get(action="lms.people.import")
    assert entry.user == demo_people["admin"]
    assert entry.object_id == str(Instansi.objects.get(code="pemprov-ntt").pk)
    assert entry.data["created"] == 2 and entry.data["updated"] == 0
    assert entry.data["file"] == "asn.csv" and len(entry.data["sha256"]) == 64
    assert entry.message == "Impor ASN dari asn.csv: 2 dibuat, 0 diperbarui."
    # The pending import is gone: confirming twice does nothing more.
    again = confirm(admin_client_, preview)
    assert "expired" in again.content.decode()
    assert User.objects.filter(nip__in=[nip(1), nip(2)]).count() == 2


def test_semicolon_csv_with_bom_from_indonesian_excel(adminntt_client):
    upload = csv_upload(
        [person(1, Nama="Maria Goreti Nahak"), person(2)], delimiter=";", bom=True
    )
    preview = dry_run(adminntt_client, upload)
    assert counts(preview) == (2, 0, 0, 0)
    confirm(adminntt_client, preview)
    assert User.objects.get(nip=nip(1)).full_name == "Maria Goreti Nahak"


def test_xlsx_upload_with_numbers_and_names_instead_of_codes(admin_client_):
    rows = [
        person(1),
        # The instansi and unit by name, the jabatan type by its value, a
        # lower-case golongan and status, the zone by its name.
        person(
            2,
            instansi="Pemerintah Kabupaten Jayapura",
            unit_kerja="bidang pelayanan pendaftaran penduduk",
            jenis_jabatan="pelaksana",
            golongan="ii/c",
            zona_waktu="Asia/Jayapura",
            status="pppk",
        ),
    ]
    preview = dry_run(admin_client_, xlsx_upload(rows))
    assert counts(preview) == (2, 0, 0, 0)
    confirm(admin_client_, preview)
    second = User.objects.get(nip=nip(2))
    assert second.unit_kerja.code == "jpr-dukcapil-pelayanan"
    assert (second.golongan, second.jabatan_type, second.employment_status) == (
        "II/c",
        "pelaksana",
        "PPPK",
    )
    assert second.time_zone == "Asia/Jayapura"


def test_xlsx_nip_typed_as_a_number_is_explained(admin_client_):
    # Excel (and openpyxl) keep numbers as doubles: 18 digits do not fit.
    preview = dry_run(admin_client_, xlsx_upload([person(1, NIP=int(nip(1)))]))
    assert problems(preview) == [
        (
            2,
            "NIP",
            "The spreadsheet turned this NIP into a number and lost digits. "
            "Format the NIP column as Text and type the NIPs again (or use the "
            "template).",
        )
    ]


def test_reimport_updates_instead_of_duplicating(admin_client_):
    rows = [person(1), person(2)]
    confirm(admin_client_, dry_run(admin_client_, csv_upload(rows)))
    count = User.objects.count()

    same = dry_run(admin_client_, csv_upload(rows))
    assert counts(same) == (0, 0, 2, 0)
    assert not same.context["plan"].can_apply
    assert "already up to date" in same.content.decode()

    rows[1] = person(2, golongan="III/b", email="baru@ntt.example.go.id")
    changed = dry_run(admin_client_, csv_upload(rows))
    assert counts(changed) == (0, 1, 1, 0)
    assert [label for label, _o, _n in changed.context["plan"].updates[0].changes] == [
        "email address",
        "golongan",
    ]
    confirm(admin_client_, changed)
    assert User.objects.count() == count
    assert User.objects.get(nip=nip(2)).golongan == "III/b"
    entry = ModelLogEntry.objects.filter(action="lms.people.import").latest("pk")
    assert (entry.data["created"], entry.data["updated"]) == (0, 1)


def test_blank_optional_cells_and_missing_optional_columns_keep_values(
    admin_client_, demo_people
):
    header = [c for c in HEADER if c not in ("golongan", "zona_waktu")]
    siti = dict(
        zip(
            HEADER,
            person(
                NIP="199203152019032008",
                Nama="Siti Rahmawati",
                gelar_belakang="",
                email="siti.rahmawati@belajar.localhost",
                jabatan="Perawat Ahli Pertama",
                jenis_jabatan="",
                telepon="",
            ),
            strict=True,
        )
    )
    preview = dry_run(admin_client_, csv_upload([[siti[c] for c in header]], header))
    assert counts(preview) == (0, 0, 1, 0)


# --- Problems ----------------------------------------------------------------


def test_bad_rows_are_listed_with_row_numbers_and_nothing_is_written(
    admin_client_,
):
    rows = [
        person(1),  # row 2: fine
        person(2, NIP="1990010120150110"),  # row 3: 16 digits
        person(3, instansi="pemprov-maluku"),  # row 4: unknown instansi
        person(4, unit_kerja="jpr-dukcapil"),  # row 5: unit of another instansi
        person(5, NIP=nip(1)),  # row 6: NIP of row 2 again
        person(6, email="pegawai1@ntt.example.go.id"),  # row 7: e-mail of row 2
        person(7, email="yohanes.bria@belajar.localhost"),  # row 8: Yohanes's
        person(8, status="Honorer", golongan="V/a", jenis_jabatan="Kepala"),  # 9
        person(9, unit_kerja="Dinas Pariwisata"),  # row 10: unknown unit name
        person(10, NIP="1.99001E+17"),  # row 11: Excel's scientific notation
        person(11, Nama="", email="bukan-email"),  # row 12
    ]
    before = User.objects.count()
    response = dry_run(admin_client_, csv_upload(rows))

    assert counts(response) == (1, 0, 0, 13)
    assert problems(response) == [
        (3, "NIP", "NIP must be exactly 18 digits."),
        (4, "instansi", "No instansi has this code or name."),
        (
            5,
            "unit_kerja",
            "This unit belongs to Pemerintah Kabupaten Jayapura, not to "
            "Pemerintah Provinsi Nusa Tenggara Timur.",
        ),
        (6, "NIP", "This NIP is also in row 2; each person may appear once."),
        (7, "email", "This e-mail address is also in row 2."),
        (8, "email", "Another account already uses this e-mail address."),
        (9, "status", "Use PNS or PPPK."),
        (
            9,
            "jenis_jabatan",
            "Use one of: JPT Utama, JPT Madya, JPT Pratama, Administrator, "
            "Pengawas, Fungsional, Pelaksana.",
        ),
        (9, "golongan", "Use a golongan from I/a to IV/e, for example III/a."),
        (
            10,
            "unit_kerja",
            "No unit kerja of Pemerintah Provinsi Nusa Tenggara Timur has this "
            "code or name.",
        ),
        (
            11,
            "NIP",
            "The spreadsheet turned this NIP into a number and lost digits. "
            "Format the NIP column as Text and type the NIPs again (or use the "
            "template).",
        ),
        (12, "Nama", "This column must not be empty."),
        (12, "email", "This is not a valid e-mail address."),
    ]
    html = response.content.decode()
    assert "Nothing can be imported while the file has problems" in html
    assert "Import: create" not in html  # no confirm button

    # Confirming anyway (a hand-made POST) is refused; nothing is written.
    refused = confirm(admin_client_, response)
    assert "Nothing was imported: the file has problems" in refused.content.decode()
    assert User.objects.count() == before

    download = admin_client_.get(
        reverse("people_import:problems"), {"token": response.context["token"]}
    )
    assert download["Content-Type"].startswith("text/csv")
    lines = download.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "Row,Column,Value,Problem"
    assert lines[1] == "3,NIP,1990010120150110,NIP must be exactly 18 digits."
    assert len(lines) == 1 + 13


@pytest.mark.parametrize(
    "upload,message",
    [
        (
            SimpleUploadedFile("asn.xlsx", os.urandom(4096)),
            "The file is not an Excel workbook (.xlsx).",
        ),
        (
            # A real zip that is no workbook.
            SimpleUploadedFile(
                "asn.xlsx",
                b"PK\x03\x04" + b"\x00" * 26 + b"not really a zip",
            ),
            "The file is not an Excel workbook (.xlsx).",
        ),
        (
            csv_upload([person(1)[1:]], header=HEADER[1:]),
            "The header row lacks these required columns: NIP.",
        ),
        (
            csv_upload([], header=["nip", "email"]),
            "The header row lacks these required columns: nama, status, "
            "instansi, unit_kerja, jabatan.",
        ),
        (
            csv_upload([], header=HEADER),
            "The file has a header row (row 1) but no people below it.",
        ),
        (SimpleUploadedFile("asn.csv", b""), "The submitted file is empty."),
        (SimpleUploadedFile("asn.csv", b"\n\n  \n"), "The file is empty."),
        (
            SimpleUploadedFile("asn.csv", b"NIP,nama\x00\x01\x02"),
            "The file is not a text (CSV) file.",
        ),
        (
            SimpleUploadedFile("asn.csv", "NIP;nama;Zoë".encode("latin-1")),
            "The file is not UTF-8 text.",
        ),
        (
            SimpleUploadedFile("asn.csv", b"x" * (5 * 1024 * 1024 + 1)),
            "The file is 5.0\xa0MB; the limit is 5.0\xa0MB.",
        ),
        (SimpleUploadedFile("asn.xls", b"\xd0\xcf\x11\xe0"), "(.xls) are not"),
        (SimpleUploadedFile("asn.pdf", b"%PDF-1.4"), "Upload a .csv or .xlsx file."),
        (
            csv_upload([person(1)], name="asn.xlsx"),
            "The file is not an Excel workbook (.xlsx).",
        ),
        (
            xlsx_upload([person(1)], name="asn.csv"),
            "The file is an Excel workbook, not a CSV file: name it .xlsx.",
        ),
        (
            csv_upload([person(1)], header=[*HEADER[:2], "nama_lengkap", *HEADER[2:]]),
            "Some columns appear twice under different names: Nama / nama_lengkap.",
        ),
    ],
    ids=[
        "random-bytes-xlsx",
        "broken-zip",
        "no-nip-column",
        "several-missing-columns",
        "header-only",
        "empty",
        "blank-lines",
        "binary-csv",
        "not-utf8",
        "too-large",
        "old-xls",
        "pdf",
        "csv-named-xlsx",
        "xlsx-named-csv",
        "duplicate-column",
    ],
)
def test_malformed_files_get_a_clear_message(admin_client_, upload, message):
    response = admin_client_.post(reverse("people_import:upload"), {"file": upload})
    assert response.status_code == 200
    assert response.context["form"].has_error("file")
    assert str(escape(message)) in response.content.decode()


def test_too_many_rows_are_refused(admin_client_, monkeypatch):
    monkeypatch.setattr(importer, "MAX_ROWS", 3)
    response = admin_client_.post(
        reverse("people_import:upload"),
        {"file": csv_upload([person(n) for n in range(1, 5)])},
    )
    assert response.context["form"].errors["file"] == [
        "The file has more than 3 rows of people. Split it into files of at "
        "most 3 rows."
    ]


# --- Scope and access ----------------------------------------------------------


def test_admin_instansi_cannot_import_into_another_instansi(adminntt_client):
    before = User.objects.count()
    rows = [
        person(1),
        person(2, instansi="pemkab-jayapura", unit_kerja="jpr-dukcapil"),
        # Agustinus works in Jayapura; his NIP is outside this administrator's
        # scope even when the row claims NTT.
        person(
            3,
            NIP="199008172015031005",
            email="agustinus.wenda@belajar.localhost",
        ),
        # A trainer of NTT: visible, but holds a role the administrator cannot
        # give, so not theirs to change.
        person(4, NIP="196805141993032004", email="pelatih@belajar.localhost"),
    ]
    response = dry_run(adminntt_client, csv_upload(rows))
    assert counts(response) == (1, 0, 0, 3)
    assert problems(response) == [
        (
            3,
            "instansi",
            "You may import people only into Pemerintah Provinsi Nusa Tenggara Timur.",
        ),
        (
            4,
            "NIP",
            "This NIP belongs to an account you may not change (outside your "
            "instansi, or an account with other roles).",
        ),
        (
            5,
            "NIP",
            "This NIP belongs to an account you may not change (outside your "
            "instansi, or an account with other roles).",
        ),
    ]
    confirm(adminntt_client, response)
    assert User.objects.count() == before
    assert User.objects.get(username="agustinus").instansi.code == "pemkab-jayapura"


def test_admin_instansi_updates_people_of_their_own_instansi(
    adminntt_client, demo_people
):
    yohanes = person(
        NIP="198705122010011003",
        Nama="Yohanes Bria",
        gelar_belakang="S.Pd.",
        email="yohanes.bria@belajar.localhost",
        unit_kerja="Dinas Pendidikan dan Kebudayaan",
        jabatan="Analis Kebijakan Ahli Madya",
        golongan="III/d",
        telepon="",
    )
    preview = dry_run(adminntt_client, csv_upload([yohanes]))
    assert counts(preview) == (0, 1, 0, 0)
    confirm(adminntt_client, preview)
    yohanes = User.objects.get(username="yohanes")
    assert (yohanes.jabatan, yohanes.golongan) == (
        "Analis Kebijakan Ahli Madya",
        "III/d",
    )
    entry = ModelLogEntry.objects.get(action="lms.people.import")
    assert entry.user == demo_people["adminntt"]


@pytest.mark.parametrize("username", ["siti", "pelatih", "kabid"])
def test_others_have_no_access(client, demo_people, username):
    login(client, demo_people[username])
    before = User.objects.count()
    for name in ("upload", "template_csv", "template_xlsx"):
        response = client.get(reverse(f"people_import:{name}"))
        assert response.status_code == 302
    response = client.post(
        reverse("people_import:upload"), {"file": csv_upload([person(1)])}
    )
    assert response.status_code == 302
    assert User.objects.count() == before
    assert "people_import" not in client.session


def test_menu_item_only_for_those_who_may_import(client, demo_people):
    url = reverse("people_import:upload")
    login(client, demo_people["adminntt"])
    assert url in client.get(reverse("wagtailadmin_home")).content.decode()
    login(client, demo_people["pelatih"])
    assert url not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_admin_instansi_without_instansi_has_no_access(client, demo_people):
    nobody = User.objects.create_user("admin-tanpa-instansi", password="x")
    nobody.groups.add(Group.objects.get(name="Admin instansi"))
    client.force_login(nobody)
    assert client.get(reverse("people_import:upload")).status_code == 302


# --- The confirm step imports exactly what was previewed ----------------------


def test_confirm_is_refused_when_the_accounts_changed_since_the_dry_run(
    admin_client_,
):
    siti = person(
        NIP="199203152019032008",
        Nama="Siti Rahmawati",
        gelar_belakang="S.Kep.",
        email="siti.rahmawati@belajar.localhost",
        golongan="III/b",
    )
    preview = dry_run(admin_client_, csv_upload([person(1), siti]))
    assert counts(preview) == (1, 1, 0, 0)
    # Meanwhile someone else registers the new person's e-mail.
    User.objects.create_user("lain", email="PEGAWAI1@ntt.example.go.id")

    response = confirm(admin_client_, preview)
    assert "the accounts changed since your dry run" in response.content.decode()
    assert not User.objects.filter(nip=nip(1)).exists()
    assert User.objects.get(username="siti").golongan == "III/a"
    assert counts(response) == (0, 1, 0, 1)  # the new dry run shows why


def test_a_forged_fingerprint_is_refused(admin_client_):
    preview = dry_run(admin_client_, csv_upload([person(1)]))
    confirm(admin_client_, preview, fingerprint="0" * 64)
    assert not User.objects.filter(nip=nip(1)).exists()


def test_a_new_upload_replaces_the_pending_one(admin_client_):
    first = dry_run(admin_client_, csv_upload([person(1)]))
    dry_run(admin_client_, csv_upload([person(2)]))
    response = confirm(admin_client_, first)
    assert "expired or was replaced" in response.content.decode()
    assert not User.objects.filter(nip__in=[nip(1), nip(2)]).exists()


def test_cancel_forgets_the_pending_import(admin_client_):
    preview = dry_run(admin_client_, csv_upload([person(1)]))
    admin_client_.post(reverse("people_import:cancel"))
    assert "people_import" not in admin_client_.session
    confirm(admin_client_, preview)
    assert not User.objects.filter(nip=nip(1)).exists()


def test_dry_run_without_a_pending_import_goes_back_to_upload(admin_client_):
    response = admin_client_.get(
        reverse("people_import:preview"), {"token": "nope"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("people_import:upload")


# --- Templates -------------------------------------------------------------------


def test_templates_have_the_header_row_and_import_cleanly(admin_client_):
    response = admin_client_.get(reverse("people_import:template_csv"))
    assert response["Content-Disposition"].endswith('"templat-impor-asn.csv"')
    text = response.content.decode("utf-8-sig")
    assert text.strip() == ",".join(importer.TEMPLATE_HEADER)
    assert text.startswith("NIP,nama,gelar_depan,gelar_belakang,email,status")

    response = admin_client_.get(reverse("people_import:template_xlsx"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == importer.TEMPLATE_HEADER
    assert sheet.column_dimensions["A"].number_format == "@"  # NIP as text

    # The template filled in with one person imports as it is.
    sheet.append(
        [
            nip(1),
            "Pegawai Nomor 1",
            "",
            "S.KM.",
            "pegawai1@ntt.example.go.id",
            "PNS",
            "pemprov-ntt",
            "ntt-dinkes-yankes",
            "Epidemiolog",
            "",
            "",
            "",
            "",
        ]
    )
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    preview = dry_run(
        admin_client_, SimpleUploadedFile("templat.xlsx", buffer.getvalue())
    )
    assert counts(preview) == (1, 0, 0, 0)


# --- Performance -----------------------------------------------------------------


def _dry_run_queries(client, rows):
    client.post(reverse("people_import:upload"), {"file": csv_upload(rows)})
    token = client.session["people_import"]["token"]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("people_import:preview"), {"token": token})
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "username,expected",
    [
        # session, user, user profile (the admin's language), instansi, units,
        # accounts by NIP, e-mail owners; Wagtail's menu: locales, pages (2).
        ("admin", 10),
        # session, user, permissions (2), user profile, role names, instansi,
        # units, accounts by NIP, e-mail owners, which of the matched accounts
        # they may change; Wagtail's menu: locales, page and collection
        # permissions.
        ("adminntt", 14),
    ],
)
def test_dry_run_queries_do_not_grow_with_rows(client, demo_people, username, expected):
    login(client, demo_people[username])
    # Half the rows of the larger file update existing accounts.
    for n in range(1, 101):
        User.objects.create_user(nip(n), nip=nip(n), email=f"lama{n}@ntt.example.go.id")
    ten = _dry_run_queries(client, [person(n) for n in range(96, 106)])
    two_hundred = _dry_run_queries(client, [person(n) for n in range(1, 201)])
    assert ten == two_hundred == expected


def test_a_row_without_a_usable_nip_is_not_also_blamed_for_its_email(
    admin_client_,
):
    # Siti's own e-mail with a mistyped NIP: only the NIP is wrong as far as
    # anyone can tell.
    row = person(NIP="1992031520190320", email="siti.rahmawati@belajar.localhost")
    response = dry_run(admin_client_, csv_upload([row]))
    assert problems(response) == [(2, "NIP", "NIP must be exactly 18 digits.")]


def test_the_import_shows_in_the_site_history(client, demo_people):
    adminntt = login(client, demo_people["adminntt"])
    confirm(adminntt, dry_run(adminntt, csv_upload([person(1)])))
    admin = login(client, demo_people["admin"])
    response = admin.get(reverse("wagtailadmin_reports:site_history"))
    html = response.content.decode()
    assert "Imported ASN from asn.csv: 1 created, 0 updated." in html
    assert "Yosef Manek" in html  # who imported
    assert "Pemerintah Provinsi Nusa Tenggara Timur" in html  # into where


def test_upload_page_explains_the_file_and_the_scope(adminntt_client):
    response = adminntt_client.get(reverse("people_import:upload"))
    html = response.content.decode()
    assert (
        "You can import people into Pemerintah Provinsi Nusa Tenggara Timur only."
        in html
    )
    assert "NIP, nama, email, status, instansi, unit_kerja, jabatan" in html
    assert "At most 20,000 people and 5.0\xa0MB per file." in html
    assert reverse("people_import:template_xlsx") in html
