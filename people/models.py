"""People and the organisation they work in.

The custom ``User`` carries the ASN profile (NIP, status, instansi, unit
kerja, jabatan, golongan, time zone). The organisation is a list of
``Instansi``, each with a tree of ``UnitKerja`` that reports follow.
"""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Length, Lower, Substr
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from .validators import validate_nip


class Instansi(models.Model):
    """A government agency: a ministry or national agency, or a region."""

    class Kind(models.TextChoices):
        PUSAT = "pusat", _("Central government agency")
        DAERAH = "daerah", _("Regional government")

    name = models.CharField(_("name"), max_length=200, unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=Kind.choices, default=Kind.DAERAH
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("instansi")
        verbose_name_plural = _("instansi")

    def __str__(self):
        return self.name


class UnitKerjaQuerySet(MP_NodeQuerySet):
    def with_parent_name(self):
        """Annotate ``parent_name`` (blank for a top unit) in the same query."""
        parents = UnitKerja.objects.filter(
            path=Substr(
                OuterRef("path"), 1, Length(OuterRef("path")) - UnitKerja.steplen
            )
        )
        return self.annotate(parent_name=Subquery(parents.values("name")[:1]))

    def in_tree_order(self):
        """Each instansi's units together, each unit followed by its sub-units."""
        return self.order_by("instansi__name", "path")


class UnitKerjaManager(MP_NodeManager.from_queryset(UnitKerjaQuerySet)):
    def get_queryset(self):
        return UnitKerjaQuerySet(self.model, using=self._db).order_by("path")


class UnitKerja(MP_Node):
    """A work unit inside an instansi; units nest (dinas > bidang > seksi)."""

    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.PROTECT,
        related_name="units",
        verbose_name=_("instansi"),
    )
    name = models.CharField(_("name"), max_length=200)
    code = models.SlugField(_("code"), max_length=60, unique=True)

    node_order_by = ["name"]

    objects = UnitKerjaManager()

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")

    def __str__(self):
        return self.name

    def subtree_filter(self, prefix="unit_kerja"):
        """A Q object that matches rows whose unit lies in this unit's subtree."""
        return Q(**{f"{prefix}__path__startswith": self.path})


class User(AbstractUser):
    """An account: an ASN learner, a trainer, a supervisor or an administrator.

    Learners log in with their NIP or e-mail. HR fields (NIP, status,
    instansi, unit, jabatan, golongan) are maintained by administrators or
    the bulk import; the learner edits only contact details and preferences.
    """

    class EmploymentStatus(models.TextChoices):
        PNS = "PNS", _("PNS (civil servant)")
        PPPK = "PPPK", _("PPPK (contract civil servant)")

    class JabatanType(models.TextChoices):
        JPT_UTAMA = "jpt_utama", _("JPT Utama")
        JPT_MADYA = "jpt_madya", _("JPT Madya")
        JPT_PRATAMA = "jpt_pratama", _("JPT Pratama")
        ADMINISTRATOR = "administrator", _("Administrator")
        PENGAWAS = "pengawas", _("Pengawas")
        FUNGSIONAL = "fungsional", _("Fungsional")
        PELAKSANA = "pelaksana", _("Pelaksana")

    class Golongan(models.TextChoices):
        I_A = "I/a", "I/a"
        I_B = "I/b", "I/b"
        I_C = "I/c", "I/c"
        I_D = "I/d", "I/d"
        II_A = "II/a", "II/a"
        II_B = "II/b", "II/b"
        II_C = "II/c", "II/c"
        II_D = "II/d", "II/d"
        III_A = "III/a", _("III/a Penata Muda")
        III_B = "III/b", _("III/b Penata Muda Tingkat I")
        III_C = "III/c", _("III/c Penata")
        III_D = "III/d", _("III/d Penata Tingkat I")
        IV_A = "IV/a", _("IV/a Pembina")
        IV_B = "IV/b", _("IV/b Pembina Tingkat I")
        IV_C = "IV/c", _("IV/c Pembina Utama Muda")
        IV_D = "IV/d", _("IV/d Pembina Utama Madya")
        IV_E = "IV/e", _("IV/e Pembina Utama")

    class TimeZone(models.TextChoices):
        WIB = "Asia/Jakarta", _("WIB (Western Indonesia Time)")
        WITA = "Asia/Makassar", _("WITA (Central Indonesia Time)")
        WIT = "Asia/Jayapura", _("WIT (Eastern Indonesia Time)")

    nip = models.CharField(
        "NIP",
        max_length=18,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_nip],
        help_text=_("18 digits, without spaces."),
    )
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    title_prefix = models.CharField(
        _("academic title before the name"),
        max_length=50,
        blank=True,
        help_text=_("For example: Dr., Ir."),
    )
    title_suffix = models.CharField(
        _("academic title after the name"),
        max_length=80,
        blank=True,
        help_text=_("For example: S.Kom., M.Si."),
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    employment_status = models.CharField(
        _("employment status"),
        max_length=4,
        choices=EmploymentStatus.choices,
        blank=True,
    )
    instansi = models.ForeignKey(
        Instansi,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("instansi"),
    )
    unit_kerja = models.ForeignKey(
        UnitKerja,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="people",
        verbose_name=_("unit kerja"),
    )
    jabatan = models.CharField(_("jabatan"), max_length=200, blank=True)
    jabatan_type = models.CharField(
        _("jabatan type"), max_length=20, choices=JabatanType.choices, blank=True
    )
    golongan = models.CharField(
        _("golongan"), max_length=5, choices=Golongan.choices, blank=True
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=20,
        choices=TimeZone.choices,
        default=TimeZone.WIB,
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~Q(email=""),
                name="people_user_email_ci_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["instansi", "employment_status"]),
        ]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        """Name with academic titles, as printed on certificates."""
        name = self.full_name or self.get_username()
        if self.title_prefix:
            name = f"{self.title_prefix} {name}"
        if self.title_suffix:
            name = f"{name}, {self.title_suffix}"
        return name

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.full_name or self.get_username()

    @property
    def time_zone_label(self):
        """The Indonesian zone abbreviation (WIB, WITA or WIT)."""
        return {
            "Asia/Jakarta": "WIB",
            "Asia/Makassar": "WITA",
            "Asia/Jayapura": "WIT",
        }.get(self.time_zone, self.time_zone)
