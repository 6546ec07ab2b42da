"""Bulk onboarding of ASN from a CSV or XLSX file: read, check, then write.

Three steps, each a function the admin views call:

- ``read_table(upload)`` checks the file (size, type, real content, required
  columns, row limit) and returns its rows as text in a ``Table``, or raises
  ``ImportFileError`` with a message for the administrator;
- ``plan_import(table, for_user)`` matches every row on NIP against the
  existing accounts and returns an ``ImportPlan``: the accounts it would
  create, those it would update (field by field), those unchanged, and every
  problem with its row number. It reads the database in a few bulk queries
  whatever the number of rows, and writes nothing;
- ``apply_import(plan, by_user)`` writes a plan without problems in one
  transaction (every row or none) and logs it per instansi.

A ``Table`` is plain JSON-friendly data, so the views can keep it between the
dry run and the confirmation and plan it again before writing.
"""

import csv
import hashlib
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from itertools import islice

from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import LogFormatter, log

from .models import Instansi, UnitKerja, User
from .scoping import people_manageable_by
from .validators import normalise_nip, validate_nip

LOG_ACTION = "lms.people.import"

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000
# A workbook is a zip; refuse one that would unpack to far more than 20,000
# rows can need (a "zip bomb"), before openpyxl reads it.
MAX_XLSX_UNPACKED_BYTES = 100 * 1024 * 1024
# Columns read from a workbook, and blank rows after which reading stops
# (Excel often formats a million empty rows below the data).
MAX_COLUMNS = 64
MAX_BLANK_RUN = 1_000
# NIPs and e-mails per lookup query: well under the parameter limits of
# SQLite (32,766) and PostgreSQL (65,535), so 20,000 rows cost 4 queries.
LOOKUP_BATCH = 5_000
WRITE_BATCH = 1_000

# Column names accepted in the header row (compared after ``_header_key``),
# the first one being the name the template uses.
COLUMN_NAMES = {
    "nip": ("nip",),
    "full_name": ("nama", "nama_lengkap", "name", "full_name"),
    "title_prefix": ("gelar_depan", "title_prefix"),
    "title_suffix": ("gelar_belakang", "title_suffix"),
    "email": ("email", "e_mail", "surel", "alamat_email"),
    "employment_status": (
        "status",
        "status_kepegawaian",
        "status_asn",
        "employment_status",
    ),
    "instansi": ("instansi", "agency"),
    "unit_kerja": ("unit_kerja", "unit", "work_unit"),
    "jabatan": ("jabatan", "position"),
    "jabatan_type": ("jenis_jabatan", "jabatan_type", "position_type"),
    "golongan": ("golongan", "gol", "pangkat_golongan", "grade"),
    "phone": ("telepon", "no_telepon", "nomor_telepon", "no_hp", "hp", "phone"),
    "time_zone": ("zona_waktu", "time_zone", "timezone"),
}
REQUIRED_COLUMNS = (
    "nip",
    "full_name",
    "email",
    "employment_status",
    "instansi",
    "unit_kerja",
    "jabatan",
)
TEMPLATE_HEADER = [
    "NIP" if name == "nip" else names[0] for name, names in COLUMN_NAMES.items()
]
_COLUMN_BY_KEY = {key: name for name, keys in COLUMN_NAMES.items() for key in keys}

# Fields compared with an existing account, in the order the preview lists them.
PROFILE_FIELDS = (
    "full_name",
    "title_prefix",
    "title_suffix",
    "email",
    "phone",
    "employment_status",
    "instansi",
    "unit_kerja",
    "jabatan",
    "jabatan_type",
    "golongan",
    "time_zone",
)
# Optional columns: a blank cell keeps what the account has.
OPTIONAL_FIELDS = frozenset(COLUMN_NAMES) - frozenset(REQUIRED_COLUMNS)
_MAX_LENGTHS = {
    name: User._meta.get_field(name).max_length
    for name in ("full_name", "title_prefix", "title_suffix", "jabatan", "phone")
}
_MAX_LENGTHS["email"] = User._meta.get_field("email").max_length

_STATUS = {"pns": "PNS", "pppk": "PPPK", "p3k": "PPPK"}
_TIME_ZONES = {
    **{value.lower(): value for value in User.TimeZone.values},
    "wib": User.TimeZone.WIB,
    "wita": User.TimeZone.WITA,
    "wit": User.TimeZone.WIT,
}
_GOLONGAN_VALUES = frozenset(User.Golongan.values)
_GOLONGAN = re.compile(r"^(IV|III|II|I)\s*[/\-\s]?\s*([A-E])$", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[0-9][0-9 ().\-]{4,}$")
# Excel turns an 18-digit NIP typed into a number cell into 1.99203E+17.
_SCIENTIFIC = re.compile(r"\d[.,]?\d*[eE]\+?\d+$")


def _label_key(text):
    return " ".join(str(text).lower().replace("_", " ").replace("-", " ").split())


def _jabatan_types():
    """Accepted spellings of each jabatan type, from its value and labels."""
    accepted = {}
    for choice in User.JabatanType:
        for text in (choice.value, choice.label, f"jabatan {choice.label}"):
            accepted[_label_key(text)] = choice.value
        if choice.value.startswith("jpt_"):
            level = choice.value.removeprefix("jpt_")
            accepted[f"jabatan pimpinan tinggi {level}"] = choice.value
            accepted[f"pimpinan tinggi {level}"] = choice.value
    return accepted


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message says why."""


# --- Reading the file ------------------------------------------------------


@dataclass
class Table:
    """The rows of an upload as text, with the columns they map to.

    ``headers`` maps each recognised field to the column name as written in
    the file (problems quote it); ``rows`` holds ``[row_number, *cells]`` with
    cells in the order of ``fields``; ``ignored`` lists unknown columns.
    """

    fields: list
    headers: dict
    rows: list
    ignored: list = field(default_factory=list)

    def to_json(self):
        return {
            "fields": self.fields,
            "headers": self.headers,
            "rows": self.rows,
            "ignored": self.ignored,
        }

    @classmethod
    def from_json(cls, data):
        return cls(data["fields"], data["headers"], data["rows"], data["ignored"])


def _header_key(text):
    text = str(text).strip().lower().rstrip("*").strip()
    return re.sub(r"[\s\-./]+", "_", text).strip("_")


def _cell_text(value):
    """A spreadsheet cell as the text a person would read in it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        # Integral floats below 10^15 are exact (phone numbers, years); larger
        # ones lost digits, which the NIP check explains.
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return " ".join(str(value).split())


def _map_header(header_cells):
    """Field -> column index for a header row; raises on missing columns."""
    positions, headers, ignored, duplicates = {}, {}, [], []
    for index, cell in enumerate(header_cells):
        if not cell:
            continue
        name = _COLUMN_BY_KEY.get(_header_key(cell))
        if name is None:
            ignored.append(cell)
        elif name in positions:
            duplicates.append(f"{headers[name]} / {cell}")
        else:
            positions[name] = index
            headers[name] = cell
    if duplicates:
        raise ImportFileError(
            _("Some columns appear twice under different names: %(columns)s.")
            % {"columns": ", ".join(duplicates)}
        )
    missing = [name for name in REQUIRED_COLUMNS if name not in positions]
    if missing:
        raise ImportFileError(
            _(
                "The header row lacks these required columns: %(columns)s. The "
                "first row of the file must name the columns, as in the template."
            )
            % {"columns": ", ".join(TEMPLATE_HEADER[_field_index(n)] for n in missing)}
        )
    return positions, headers, ignored


def _field_index(name):
    return list(COLUMN_NAMES).index(name)


def _build_table(records):
    """A ``Table`` from ``(row_number, cells)`` records, header first."""
    records = iter(records)
    for row_number, cells in records:
        if any(cells):
            header_row = row_number
            positions, headers, ignored = _map_header(cells)
            break
    else:
        raise ImportFileError(_("The file has no rows."))
    fields = list(positions)
    rows = []
    blank_run = 0
    for row_number, cells in records:
        if not any(cells):
            blank_run += 1
            if blank_run > MAX_BLANK_RUN:
                break
            continue
        blank_run = 0
        if len(rows) == MAX_ROWS:
            raise ImportFileError(
                _(
                    "The file has more than %(max)s rows of people. Split it "
                    "into files of at most %(max)s rows."
                )
                % {"max": number_format(MAX_ROWS, force_grouping=True)}
            )
        rows.append(
            [
                row_number,
                *(cells[i] if i < len(cells) else "" for i in positions.values()),
            ]
        )
    if not rows:
        raise ImportFileError(
            _("The file has a header row (row %(row)d) but no people below it.")
            % {"row": header_row}
        )
    return Table(fields=fields, headers=headers, rows=rows, ignored=ignored)


def _decode_text(content):
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"  # Excel's "Unicode Text" export
    else:
        encoding = "utf-8-sig"
        if b"\x00" in content:
            raise ImportFileError(_("The file is not a text (CSV) file."))
    try:
        return content.decode(encoding)
    except UnicodeDecodeError:
        raise ImportFileError(
            _(
                "The file is not UTF-8 text. In Excel, save it as “CSV UTF-8 "
                "(Comma delimited)”, or upload the workbook (.xlsx) itself."
            )
        ) from None


def _delimiter(text):
    """Comma, semicolon (Indonesian Excel) or tab: the most frequent in line 1."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    counts = {d: first_line.count(d) for d in (",", ";", "\t")}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def _read_csv(content):
    text = _decode_text(content)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))

    def records():
        try:
            for number, cells in enumerate(reader, start=1):
                yield number, [" ".join(cell.split()) for cell in cells]
        except csv.Error as error:
            raise ImportFileError(
                _("The CSV file cannot be read near row %(row)d: %(error)s")
                % {"row": reader.line_num, "error": error}
            ) from None

    return _build_table(records())


def _read_xlsx(content):
    from openpyxl import load_workbook

    not_a_workbook = ImportFileError(
        _(
            "The file is not an Excel workbook (.xlsx). Open it in Excel and "
            "save it as “Excel Workbook”, or as CSV."
        )
    )
    if not content.startswith(b"PK\x03\x04"):
        raise not_a_workbook
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise not_a_workbook from None
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise not_a_workbook
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise ImportFileError(
            _("The workbook is too large once unpacked; split it into smaller files.")
        )
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise not_a_workbook from None
    try:
        if not workbook.worksheets:
            raise ImportFileError(_("The workbook has no sheets."))
        sheet = workbook.worksheets[0]  # the first sheet, as the page says
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)

        def records():
            try:
                for number, values in enumerate(rows, start=1):
                    yield number, [_cell_text(value) for value in values]
            except ImportFileError:
                raise
            except Exception:
                raise not_a_workbook from None

        return _build_table(records())
    finally:
        workbook.close()


def read_table(upload):
    """Check an uploaded file and return its rows as a ``Table``.

    Raises ``ImportFileError`` for a file that is too large, of another type,
    damaged, without the required columns or with too many rows.
    """
    name = (getattr(upload, "name", "") or "").lower()
    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ImportFileError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(MAX_UPLOAD_BYTES)}
        )
    if name.endswith(".xls"):
        raise ImportFileError(
            _(
                "Old Excel files (.xls) are not supported. Save the file as "
                "Excel Workbook (.xlsx) or as CSV."
            )
        )
    if not name.endswith((".csv", ".xlsx")):
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    content = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise ImportFileError(
            _("The file is larger than the limit of %(limit)s.")
            % {"limit": filesizeformat(MAX_UPLOAD_BYTES)}
        )
    if not content.strip():
        raise ImportFileError(_("The file is empty."))
    if name.endswith(".xlsx"):
        return _read_xlsx(content)
    if content.startswith(b"PK\x03\x04"):
        raise ImportFileError(
            _("The file is an Excel workbook, not a CSV file: name it .xlsx.")
        )
    return _read_csv(content)


def file_digest(upload):
    """SHA-256 of an uploaded file, recorded in the import log."""
    upload.seek(0)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


# --- Planning --------------------------------------------------------------


@dataclass
class Problem:
    """Why one row cannot be imported."""

    row: int
    column: str
    value: str
    message: str


@dataclass
class PlannedRow:
    """One account the import creates, updates or leaves unchanged."""

    row: int
    nip: str
    name: str
    values: dict  # field -> value to store (ids for instansi and unit kerja)
    instansi_id: int | None = None  # the account's instansi after the import
    user_pk: int | None = None
    changes: list = field(default_factory=list)  # (field, old, new) for display


@dataclass
class ImportPlan:
    """What an import would do, and every problem in the way."""

    creates: list = field(default_factory=list)
    updates: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    row_count: int = 0
    lookups: object = field(default=None, repr=False)

    @property
    def can_apply(self):
        return not self.problems and bool(self.creates or self.updates)

    @property
    def fingerprint(self):
        """A digest of exactly what would be written (and of any problems).

        The preview's confirm form carries it, and confirming is refused when
        the plan made again from the stored rows no longer matches it.
        """
        data = {
            "create": [[r.row, r.nip, sorted(r.values.items())] for r in self.creates],
            "update": [
                [r.row, r.user_pk, sorted(r.values.items())] for r in self.updates
            ],
            "unchanged": [r.row for r in self.unchanged],
            "problems": len(self.problems),
        }
        encoded = json.dumps(data, default=str, separators=(",", ":")).encode()
        return hashlib.sha256(encoded).hexdigest()


def _batches(values, size=LOOKUP_BATCH):
    values = list(values)
    iterator = iter(values)
    while batch := list(islice(iterator, size)):
        yield batch


def _name_key(text):
    return " ".join(str(text).split()).casefold()


class _Lookups:
    """Everything a plan needs from the database, read in bulk."""

    ACCOUNT_FIELDS = (
        "pk",
        "nip",
        "username",
        "is_superuser",
        *(f for f in PROFILE_FIELDS if f not in ("instansi", "unit_kerja")),
        "instansi_id",
        "unit_kerja_id",
        "instansi__name",
        "unit_kerja__name",
    )

    def __init__(self, for_user, nips, emails, instansi_keys, unit_keys):
        self.instansi_by_code = {}
        self.instansi_by_name = {}
        self.instansi_names = {}
        for pk, code, name in Instansi.objects.values_list("pk", "code", "name"):
            self.instansi_by_code[code.lower()] = pk
            self.instansi_by_name[_name_key(name)] = pk
            self.instansi_names[pk] = name
        instansi_ids = {
            self.instansi_by_code.get(key.lower())
            or self.instansi_by_name.get(_name_key(key))
            for key in instansi_keys
        } - {None}
        self.unit_by_code = {}
        self.units_by_name = {}
        self.units = {}
        columns = ("pk", "code", "name", "instansi_id")
        units = list(
            UnitKerja.objects.filter(instansi_id__in=instansi_ids).values_list(*columns)
        )
        # Codes of units in other instansi: only to say where such a unit is.
        known = {code.lower() for _pk, code, _name, _instansi in units}
        other_codes = {key for key in unit_keys if key.lower() not in known}
        for batch in _batches(other_codes | {key.lower() for key in other_codes}):
            units.extend(UnitKerja.objects.filter(code__in=batch).values_list(*columns))
        for pk, code, name, instansi_id in units:
            self.units[pk] = (name, instansi_id)
            self.unit_by_code[code.lower()] = pk
            self.units_by_name.setdefault((instansi_id, _name_key(name)), []).append(pk)

        self.account_by_nip = {}
        self.usernames = set()
        for batch in _batches(nips):
            accounts = User.objects.filter(
                Q(nip__in=batch) | Q(username__in=batch)
            ).values(*self.ACCOUNT_FIELDS)
            for account in accounts:
                if account["nip"]:
                    self.account_by_nip[account["nip"]] = account
                self.usernames.add(account["username"])

        self.email_owner = {}
        for batch in _batches(emails):
            owners = (
                User.objects.annotate(email_lower=Lower("email"))
                .filter(email_lower__in=batch)
                .values_list("email_lower", "pk")
            )
            self.email_owner.update(owners)

        self.manageable = None  # None: every account
        if not for_user.is_superuser:
            self.manageable = set()
            matched = [account["pk"] for account in self.account_by_nip.values()]
            for batch in _batches(matched):
                self.manageable.update(
                    people_manageable_by(for_user)
                    .filter(pk__in=batch)
                    .values_list("pk", flat=True)
                )


class _RowChecker:
    """Turns one row's text into values to store, collecting its problems."""

    def __init__(self, table, lookups, for_user):
        self.headers = table.headers
        self.lookups = lookups
        self.for_user = for_user
        self.jabatan_types = _jabatan_types()
        self.own_instansi = None if for_user.is_superuser else for_user.instansi_id
        self.first_row_of_nip = {}
        self.first_row_of_email = {}
        # Messages that name the choices, translated once rather than per row.
        self.hints = {
            "employment_status": _("Use PNS or PPPK."),
            "jabatan_type": _("Use one of: %(choices)s.")
            % {"choices": ", ".join(str(c.label) for c in User.JabatanType)},
            "time_zone": _("Use WIB, WITA or WIT."),
        }

    def check(self, row_number, cells):
        self.row = row_number
        self.problems = []
        values = {}
        account = None
        nip = self.nip(cells.get("nip", ""))
        if nip:
            account = self.lookups.account_by_nip.get(nip)
            self.check_account(nip, account, cells["nip"])
        # Without a usable NIP the row's account is unknown, so whose e-mail
        # address it is cannot be judged yet.
        self.known_person = bool(nip)
        for name in ("full_name", "title_prefix", "title_suffix", "jabatan"):
            if name in cells:
                values[name] = self.text(name, cells[name])
        values["email"] = self.email(cells.get("email", ""), account)
        values["employment_status"] = self.choice(
            "employment_status",
            cells.get("employment_status", ""),
            _STATUS,
        )
        instansi_id = self.instansi(cells.get("instansi", ""))
        values["instansi"] = instansi_id
        values["unit_kerja"] = self.unit(cells.get("unit_kerja", ""), instansi_id)
        if "jabatan_type" in cells:
            values["jabatan_type"] = self.choice(
                "jabatan_type",
                cells["jabatan_type"],
                self.jabatan_types,
                key=_label_key,
            )
        if "golongan" in cells:
            values["golongan"] = self.golongan(cells["golongan"])
        if "phone" in cells:
            values["phone"] = self.phone(cells["phone"])
        if "time_zone" in cells:
            values["time_zone"] = self.choice(
                "time_zone",
                cells["time_zone"],
                _TIME_ZONES,
            )
        return nip, account, values, self.problems

    def problem(self, column, value, message):
        header = self.headers.get(column, column)
        self.problems.append(Problem(self.row, header, value, str(message)))

    def required(self, column, value):
        if not value and column in REQUIRED_COLUMNS:
            self.problem(column, value, _("This column must not be empty."))
            return False
        return bool(value)

    def text(self, column, value):
        if not self.required(column, value):
            return value
        limit = _MAX_LENGTHS[column]
        if len(value) > limit:
            self.problem(
                column,
                value,
                _("At most %(limit)d characters (this has %(length)d).")
                % {"limit": limit, "length": len(value)},
            )
        return value

    def nip(self, raw):
        if not self.required("nip", raw):
            return None
        if _SCIENTIFIC.search(raw):
            self.problem(
                "nip",
                raw,
                _(
                    "The spreadsheet turned this NIP into a number and lost "
                    "digits. Format the NIP column as Text and type the NIPs "
                    "again (or use the template)."
                ),
            )
            return None
        nip = normalise_nip(raw)
        try:
            validate_nip(nip)
        except ValidationError as error:
            self.problem("nip", raw, error.messages[0])
            return None
        if first := self.first_row_of_nip.get(nip):
            self.problem(
                "nip",
                raw,
                _("This NIP is also in row %(row)d; each person may appear once.")
                % {"row": first},
            )
            return None
        self.first_row_of_nip[nip] = self.row
        return nip

    def check_account(self, nip, account, raw):
        if account is None:
            if nip in self.lookups.usernames:
                self.problem(
                    "nip",
                    raw,
                    _(
                        "An account with this NIP as its username exists but has "
                        "no NIP. Enter the NIP on that account first."
                    ),
                )
            return
        manageable = self.lookups.manageable
        if manageable is not None and account["pk"] not in manageable:
            self.problem(
                "nip",
                raw,
                _(
                    "This NIP belongs to an account you may not change (outside "
                    "your instansi, or an account with other roles)."
                ),
            )

    def email(self, raw, account):
        if not self.required("email", raw):
            return raw
        try:
            validate_email(raw)
        except ValidationError:
            self.problem("email", raw, _("This is not a valid e-mail address."))
            return raw
        self.text("email", raw)
        key = raw.lower()
        if first := self.first_row_of_email.get(key):
            self.problem(
                "email",
                raw,
                _("This e-mail address is also in row %(row)d.") % {"row": first},
            )
            return raw
        self.first_row_of_email[key] = self.row
        owner = self.lookups.email_owner.get(key)
        if (
            self.known_person
            and owner is not None
            and (account is None or owner != account["pk"])
        ):
            self.problem(
                "email", raw, _("Another account already uses this e-mail address.")
            )
        return raw

    def choice(self, column, raw, accepted, key=str.lower):
        if not self.required(column, raw):
            return ""
        value = accepted.get(key(raw))
        if value is None:
            self.problem(column, raw, self.hints[column])
            return ""
        return value

    def golongan(self, raw):
        if not raw:
            return ""
        match = _GOLONGAN.match(raw)
        value = match and f"{match[1].upper()}/{match[2].lower()}"
        if value not in _GOLONGAN_VALUES:
            self.problem(
                "golongan",
                raw,
                _("Use a golongan from I/a to IV/e, for example III/a."),
            )
            return ""
        return value

    def phone(self, raw):
        if raw and not _PHONE.match(raw):
            self.problem("phone", raw, _("Use digits only, for example 081234567890."))
        elif raw:
            self.text("phone", raw)
        return raw

    def instansi(self, raw):
        if not self.required("instansi", raw):
            return None
        lookups = self.lookups
        pk = lookups.instansi_by_code.get(raw.lower()) or lookups.instansi_by_name.get(
            _name_key(raw)
        )
        if pk is None:
            self.problem(
                "instansi",
                raw,
                _("No instansi has this code or name."),
            )
        elif self.own_instansi is not None and pk != self.own_instansi:
            self.problem(
                "instansi",
                raw,
                _("You may import people only into %(instansi)s.")
                % {"instansi": lookups.instansi_names.get(self.own_instansi, "")},
            )
            return None
        return pk

    def unit(self, raw, instansi_id):
        if not self.required("unit_kerja", raw):
            return None
        lookups = self.lookups
        pk = lookups.unit_by_code.get(raw.lower())
        if pk is not None:
            unit_instansi = lookups.units[pk][1]
            if instansi_id and unit_instansi != instansi_id:
                self.problem(
                    "unit_kerja",
                    raw,
                    _("This unit belongs to %(unit_instansi)s, not to %(instansi)s.")
                    % {
                        "unit_instansi": lookups.instansi_names[unit_instansi],
                        "instansi": lookups.instansi_names[instansi_id],
                    },
                )
                return None
            return pk
        if not instansi_id:
            return None  # the instansi's problem is reported already
        matches = lookups.units_by_name.get((instansi_id, _name_key(raw)), [])
        if len(matches) > 1:
            self.problem(
                "unit_kerja",
                raw,
                _("Several units of this instansi have this name; use the unit code."),
            )
            return None
        if not matches:
            self.problem(
                "unit_kerja",
                raw,
                _("No unit kerja of %(instansi)s has this code or name.")
                % {"instansi": lookups.instansi_names[instansi_id]},
            )
            return None
        return matches[0]


def _display(lookups, name, value):
    """A stored value as the preview shows it."""
    if value in (None, ""):
        return ""
    if name == "instansi":
        return lookups.instansi_names.get(value, value)
    if name == "unit_kerja":
        return lookups.units.get(value, (value,))[0]
    choices = User._meta.get_field(name).choices
    if choices:
        return str(dict(choices).get(value, value))
    return value


def _field_label(name):
    return str(User._meta.get_field(name).verbose_name)


def plan_import(table, for_user):
    """Check every row of ``table`` and say what importing it would do.

    ``for_user`` is the administrator: a superuser may import into any
    instansi, an ``Admin instansi`` only into their own and only accounts they
    may manage. Nothing is written.
    """
    fields = table.fields
    rows = [(row[0], dict(zip(fields, row[1:], strict=True))) for row in table.rows]
    nips = {normalise_nip(cells.get("nip", "")) for _row, cells in rows} - {""}
    emails = {cells.get("email", "").lower() for _row, cells in rows} - {""}
    instansi_keys = {cells.get("instansi", "") for _row, cells in rows} - {""}
    unit_keys = {cells.get("unit_kerja", "") for _row, cells in rows} - {""}
    lookups = _Lookups(for_user, nips, emails, instansi_keys, unit_keys)
    checker = _RowChecker(table, lookups, for_user)

    plan = ImportPlan(row_count=len(rows))
    for row_number, cells in rows:
        nip, account, values, problems = checker.check(row_number, cells)
        if problems:
            plan.problems.extend(problems)
            continue
        name = values["full_name"]
        if account is None:
            defaults = {
                "title_prefix": "",
                "title_suffix": "",
                "phone": "",
                "jabatan_type": "",
                "golongan": "",
                # As in the user form: colleagues usually share the zone.
                "time_zone": for_user.time_zone,
            }
            for key, default in defaults.items():
                if not values.get(key):
                    values[key] = default
            plan.creates.append(
                PlannedRow(row_number, nip, name, values, values["instansi"])
            )
            continue
        changed, shown = {}, []
        for key in PROFILE_FIELDS:
            if key not in values or (key in OPTIONAL_FIELDS and not values[key]):
                continue  # a missing column or a blank optional cell keeps it
            related = key in ("instansi", "unit_kerja")
            old = account[f"{key}_id"] if related else account[key]
            if values[key] != old:
                changed[key] = values[key]
                old_shown = (
                    account[f"{key}__name"] if related else _display(lookups, key, old)
                )
                shown.append(
                    (_field_label(key), old_shown, _display(lookups, key, values[key]))
                )
        planned = PlannedRow(
            row_number, nip, name, changed, values["instansi"], account["pk"], shown
        )
        (plan.updates if changed else plan.unchanged).append(planned)
    plan.lookups = lookups
    return plan


def describe_created(plan, planned):
    """Unit, instansi and jabatan of a new account, for the preview."""
    values = planned.values
    return {
        "unit_kerja": _display(plan.lookups, "unit_kerja", values["unit_kerja"]),
        "instansi": _display(plan.lookups, "instansi", values["instansi"]),
        "jabatan": values["jabatan"],
        "employment_status": values["employment_status"],
    }


# --- Writing ---------------------------------------------------------------


class ImportRefused(Exception):
    """The plan has problems or nothing to write."""


def _model_values(values):
    result = dict(values)
    for key in ("instansi", "unit_kerja"):
        if key in result:
            result[f"{key}_id"] = result.pop(key)
    return result


def apply_import(plan, by_user, *, file_name="", sha256=""):
    """Write every account of ``plan`` in one transaction, or nothing; log it.

    New accounts get the NIP as username and an unusable password: people set
    one through password reset. Updates write only the changed fields. Returns
    ``{"created": n, "updated": n, "unchanged": n}``.
    """
    if not plan.can_apply:
        raise ImportRefused
    per_instansi = {}
    for index, rows in enumerate((plan.creates, plan.updates)):
        for planned in rows:
            per_instansi.setdefault(planned.instansi_id, [0, 0])[index] += 1
    with transaction.atomic():
        new_accounts = [
            User(
                username=planned.nip,
                nip=planned.nip,
                password=make_password(None),
                **_model_values(planned.values),
            )
            for planned in plan.creates
        ]
        User.objects.bulk_create(new_accounts, batch_size=WRITE_BATCH)

        # Group by the set of changed fields so each UPDATE writes only those.
        groups = {}
        for planned in plan.updates:
            values = _model_values(planned.values)
            account = User(pk=planned.user_pk, **values)
            groups.setdefault(tuple(sorted(values)), []).append(account)
        for fields, accounts in groups.items():
            User.objects.bulk_update(accounts, fields, batch_size=WRITE_BATCH)

        for instansi in Instansi.objects.filter(pk__in=per_instansi):
            created, updated = per_instansi[instansi.pk]
            log(
                instance=instansi,
                action=LOG_ACTION,
                user=by_user,
                data={
                    "created": created,
                    "updated": updated,
                    "file": file_name,
                    "sha256": sha256,
                },
            )
    return {
        "created": len(plan.creates),
        "updated": len(plan.updates),
        "unchanged": len(plan.unchanged),
    }


class ImportLogFormatter(LogFormatter):
    """How the log shows an import; the entry's user says who imported."""

    label = gettext_lazy("Import ASN")

    def format_message(self, log_entry):
        data = log_entry.data or {}
        return _(
            "Imported ASN from %(file)s: %(created)d created, %(updated)d updated."
        ) % {
            "file": data.get("file") or "-",
            "created": data.get("created", 0),
            "updated": data.get("updated", 0),
        }
