"""Seed the configurable list of award kinds (hình thức khen thưởng); editable in the admin."""

from django.db import migrations

AWARD_KINDS = [
    "Biểu dương",
    "Giấy khen của Ban Thường vụ Đảng ủy Khối",
    "Đề nghị UBND tỉnh tặng Bằng khen",
]


def seed(apps, schema_editor):
    AwardKind = apps.get_model("commendations", "AwardKind")
    for position, name in enumerate(AWARD_KINDS, start=1):
        AwardKind.objects.get_or_create(name=name, defaults={"position": position})


def unseed(apps, schema_editor):
    AwardKind = apps.get_model("commendations", "AwardKind")
    AwardKind.objects.filter(name__in=AWARD_KINDS, nominations__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("commendations", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
