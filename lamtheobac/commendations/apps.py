from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate

# The award kinds (hình thức khen thưởng) a new database starts with; editable in the admin.
DEFAULT_AWARD_KINDS = (
    "Biểu dương",
    "Giấy khen của Ban Thường vụ Đảng ủy Khối",
    "Đề nghị UBND tỉnh tặng Bằng khen",
)


def default_award_kinds(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """After ``migrate`` or ``flush``: when no award kind exists, create the defaults (a round
    cannot be set up without one). Kinds an administrator added, renamed or removed are left
    as they are while at least one exists."""
    from django.apps import apps as global_apps

    apps = kwargs.get("apps") or global_apps  # ``flush`` sends no ``apps``
    try:
        AwardKind = apps.get_model("commendations", "AwardKind")
    except LookupError:  # migrated only partway (e.g. ``migrate commendations 0001``)
        return
    if AwardKind.objects.using(using).exists():
        return
    AwardKind.objects.using(using).bulk_create(
        [AwardKind(name=name, position=i) for i, name in enumerate(DEFAULT_AWARD_KINDS, start=1)]
    )


class CommendationsConfig(AppConfig):
    name = "lamtheobac.commendations"
    label = "commendations"
    verbose_name = "Khen thưởng điển hình tiên tiến"

    def ready(self) -> None:
        post_migrate.connect(default_award_kinds, sender=self)
