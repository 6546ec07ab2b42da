"""Demo organisation and accounts for `seed_demo` (demo only, never production)."""

from django.contrib.auth.models import Group

from . import roles
from .models import Instansi, UnitKerja, User

# Every demo account shares this password; it is printed by seed_demo and
# listed in the README as demo-only.
DEMO_PASSWORD = "BelajarASN-2026"  # noqa: S105 - demo accounts only

INSTANSI = [
    {
        "code": "pemprov-ntt",
        "name": "Pemerintah Provinsi Nusa Tenggara Timur",
        "kind": Instansi.Kind.DAERAH,
        "units": {
            "ntt-bkd": (
                "Badan Kepegawaian Daerah",
                {
                    "ntt-bkd-bangkom": ("Bidang Pengembangan Kompetensi", {}),
                    "ntt-bkd-mutasi": ("Bidang Mutasi dan Promosi", {}),
                },
            ),
            "ntt-dinkes": (
                "Dinas Kesehatan",
                {
                    "ntt-dinkes-yankes": ("Bidang Pelayanan Kesehatan", {}),
                },
            ),
            "ntt-dikbud": ("Dinas Pendidikan dan Kebudayaan", {}),
        },
    },
    {
        "code": "pemkab-jayapura",
        "name": "Pemerintah Kabupaten Jayapura",
        "kind": Instansi.Kind.DAERAH,
        "units": {
            "jpr-bkpsdm": ("Badan Kepegawaian dan Pengembangan SDM", {}),
            "jpr-dukcapil": (
                "Dinas Kependudukan dan Pencatatan Sipil",
                {
                    "jpr-dukcapil-pelayanan": (
                        "Bidang Pelayanan Pendaftaran Penduduk",
                        {},
                    ),
                },
            ),
        },
    },
]

# (username, role, fields). Learners log in with their NIP; staff with the
# username or e-mail.
ACCOUNTS = [
    (
        "admin",
        "superuser",
        {
            "full_name": "Administrator Sistem",
            "email": "admin@belajar.localhost",
        },
    ),
    (
        "pelatih",
        "trainer",
        {
            "full_name": "Maria Goreti Ndun",
            "title_prefix": "Dra.",
            "title_suffix": "M.Pd.",
            "email": "pelatih@belajar.localhost",
            "nip": "196805141993032004",
            "employment_status": "PNS",
            "instansi": "pemprov-ntt",
            "unit_kerja": "ntt-bkd-bangkom",
            "jabatan": "Widyaiswara Ahli Madya",
            "jabatan_type": "fungsional",
            "golongan": "IV/b",
            "time_zone": "Asia/Makassar",
        },
    ),
    (
        "pelatih2",
        "trainer",
        {
            "full_name": "Hendrik Rumbiak",
            "title_suffix": "S.Sos., M.AP.",
            "email": "pelatih2@belajar.localhost",
            "instansi": "pemkab-jayapura",
            "unit_kerja": "jpr-bkpsdm",
            "jabatan": "Widyaiswara Ahli Muda",
            "jabatan_type": "fungsional",
            "time_zone": "Asia/Jayapura",
        },
    ),
    (
        "adminntt",
        "admin_instansi",
        {
            "full_name": "Yosef Manek",
            "title_suffix": "S.E.",
            "email": "admin.ntt@belajar.localhost",
            "instansi": "pemprov-ntt",
            "unit_kerja": "ntt-bkd-bangkom",
            "jabatan": "Analis SDM Aparatur",
            "jabatan_type": "fungsional",
            "time_zone": "Asia/Makassar",
        },
    ),
    (
        "kabid",
        "supervisor",
        {
            "full_name": "Theresia Lake",
            "title_suffix": "S.KM., M.Kes.",
            "email": "kabid.yankes@belajar.localhost",
            "nip": "197603092001122003",
            "employment_status": "PNS",
            "instansi": "pemprov-ntt",
            "unit_kerja": "ntt-dinkes-yankes",
            "jabatan": "Kepala Bidang Pelayanan Kesehatan",
            "jabatan_type": "administrator",
            "golongan": "IV/a",
            "time_zone": "Asia/Makassar",
        },
    ),
    (
        "siti",
        "learner",
        {
            "full_name": "Siti Rahmawati",
            "title_suffix": "S.Kep.",
            "email": "siti.rahmawati@belajar.localhost",
            "nip": "199203152019032008",
            "employment_status": "PNS",
            "instansi": "pemprov-ntt",
            "unit_kerja": "ntt-dinkes-yankes",
            "jabatan": "Perawat Ahli Pertama",
            "jabatan_type": "fungsional",
            "golongan": "III/a",
            "time_zone": "Asia/Makassar",
            "phone": "081234567801",
        },
    ),
    (
        "yohanes",
        "learner",
        {
            "full_name": "Yohanes Bria",
            "title_suffix": "S.Pd.",
            "email": "yohanes.bria@belajar.localhost",
            "nip": "198705122010011003",
            "employment_status": "PNS",
            "instansi": "pemprov-ntt",
            "unit_kerja": "ntt-dikbud",
            "jabatan": "Analis Kebijakan Ahli Muda",
            "jabatan_type": "fungsional",
            "golongan": "III/c",
            "time_zone": "Asia/Makassar",
        },
    ),
    (
        "rina",
        "learner",
        {
            "full_name": "Rina Lestari",
            "title_suffix": "A.Md.",
            "email": "rina.lestari@belajar.localhost",
            "nip": "199511202023212011",
            "employment_status": "PPPK",
            "instansi": "pemprov-ntt",
            "unit_kerja": "ntt-bkd-mutasi",
            "jabatan": "Pengelola Data Kepegawaian",
            "jabatan_type": "pelaksana",
            "time_zone": "Asia/Makassar",
        },
    ),
    (
        "agustinus",
        "learner",
        {
            "full_name": "Agustinus Wenda",
            "title_suffix": "S.IP.",
            "email": "agustinus.wenda@belajar.localhost",
            "nip": "199008172015031005",
            "employment_status": "PNS",
            "instansi": "pemkab-jayapura",
            "unit_kerja": "jpr-dukcapil-pelayanan",
            "jabatan": "Penata Kependudukan",
            "jabatan_type": "pelaksana",
            "golongan": "III/b",
            "time_zone": "Asia/Jayapura",
        },
    ),
]

ROLE_GROUPS = {
    "trainer": roles.PELATIH,
    "supervisor": roles.SUPERVISOR,
    "admin_instansi": roles.ADMIN_INSTANSI,
}


def _create_units(instansi, units, parent=None):
    for code, (name, children) in units.items():
        node = UnitKerja.objects.filter(code=code).first()
        if node is None:
            fields = {"code": code, "name": name, "instansi": instansi}
            node = (
                parent.add_child(**fields) if parent else UnitKerja.add_root(**fields)
            )
        _create_units(instansi, children, node)


def seed_people():
    """Create the demo instansi, units and accounts; return the accounts by name.

    Existing rows are left as they are, so a second run changes nothing.
    """
    for spec in INSTANSI:
        instansi, _ = Instansi.objects.get_or_create(
            code=spec["code"], defaults={"name": spec["name"], "kind": spec["kind"]}
        )
        _create_units(instansi, spec["units"])

    accounts = {}
    for username, role, fields in ACCOUNTS:
        user = User.objects.filter(username=username).first()
        if user is None:
            values = dict(fields)
            if "instansi" in values:
                values["instansi"] = Instansi.objects.get(code=values["instansi"])
            if "unit_kerja" in values:
                values["unit_kerja"] = UnitKerja.objects.get(code=values["unit_kerja"])
            user = User(username=username, **values)
            user.set_password(DEMO_PASSWORD)
            if role == "superuser":
                user.is_superuser = True
                user.is_staff = True
            elif role in ("trainer", "admin_instansi"):
                user.is_staff = True
            user.save()
            if role in ROLE_GROUPS:
                group, _ = Group.objects.get_or_create(name=ROLE_GROUPS[role])
                user.groups.add(group)
        accounts[username] = (user, role)
    return accounts
