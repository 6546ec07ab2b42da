"""Create the role groups and give trainers admin access and media rights.

Page permissions and the review workflow need the index pages, so
``courses.permissions.setup_trainer_group()`` adds them (after every migrate
and from seed_demo).
"""

from django.db import migrations

GROUPS = ("Pelatih", "Supervisor", "Admin instansi")
COLLECTION_PERMISSIONS = (
    ("wagtailimages", "image", "add_image", "Can add image"),
    ("wagtailimages", "image", "choose_image", "Can choose image"),
    ("wagtaildocs", "document", "add_document", "Can add document"),
    ("wagtaildocs", "document", "choose_document", "Can choose document"),
)


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in GROUPS}
    trainers = groups["Pelatih"]

    admin_type, _ = ContentType.objects.get_or_create(
        app_label="wagtailadmin", model="admin"
    )
    access_admin, _ = Permission.objects.get_or_create(
        content_type=admin_type,
        codename="access_admin",
        defaults={"name": "Can access Wagtail admin"},
    )
    trainers.permissions.add(access_admin)

    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    for app_label, model, codename, name in COLLECTION_PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(
            app_label=app_label, model=model
        )
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        GroupCollectionPermission.objects.get_or_create(
            group=trainers, collection=root, permission=permission
        )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0002_policyarticlepage_issuer"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0012_uploadeddocument"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
